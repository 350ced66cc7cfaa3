#include "claims/training/training_claims.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/base/status_macros.h"
#include "lib/io/result_file.h"
#include "lib/nn/initializer_kind.h"
#include "lib/stats/estimate.h"
#include "lib/stats/rank_correlation.h"

namespace vev::claims {
namespace {

absl::StatusOr<std::vector<double>> ColumnOf(const Result& result, const std::string& table,
                                             const std::string& column) {
  VEV_ASSIGN_OR_RETURN(const Table* t, io::FindTable(result, table));
  VEV_ASSIGN_OR_RETURN(const Column* c, io::FindColumn(*t, column));
  return std::vector<double>(c->values().begin(), c->values().end());
}

std::string TestSetNote(const Result& result) {
  for (const Scalar& s : result.scalars()) {
    if (s.name() == "cifar10_test_samples") {
      return absl::StrFormat(" (CIFAR-10 test accuracy on %.0f test images)", s.value());
    }
  }
  return "";
}

// Test images the accuracies were measured on (the <dataset>_test_samples scalar; 10,000,
// the full test set, if the result does not say).
double TestImages(const Result& result) {
  for (const Scalar& s : result.scalars()) {
    if (absl::EndsWith(s.name(), "_test_samples") && s.value() > 0) return s.value();
  }
  return 10000.0;
}

}  // namespace

absl::StatusOr<Fig1Check> CheckFig1(const std::string& dataset, const Result& result) {
  Fig1Check out;
  Claim& c = out.claim;
  c.id = "fig1_" + dataset;
  c.paper = "vanishing_variance";
  c.section = "Sec. 6.1, Fig. 1";
  c.statement = absl::StrCat("Networks with large output kurtosis at initialization cannot be "
                             "effectively trained (",
                             dataset == "mnist" ? "MNIST" : "CIFAR-10",
                             "): Spearman rho(kurtosis, accuracy) < -0.5");
  c.target = kFig1Target;
  if (io::IsDataUnavailable(result)) {
    out.skipped = true;
    c = SkippedClaim(c, absl::StrCat("fig1_", dataset, " says data_unavailable = 1"));
    return out;
  }
  VEV_ASSIGN_OR_RETURN(out.kurtosis, ColumnOf(result, "configurations", "output_kurtosis"));
  VEV_ASSIGN_OR_RETURN(out.accuracy, ColumnOf(result, "configurations", "mean_accuracy"));
  bool finite = out.kurtosis.size() == out.accuracy.size() && out.kurtosis.size() >= 6;
  for (const double k : out.kurtosis) finite &= std::isfinite(k);
  out.rho = finite ? stats::SpearmanCorrelation(out.kurtosis, out.accuracy) : NAN;
  const double n = static_cast<double>(out.kurtosis.size());
  c.verdict = out.rho < kFig1RhoBound ? Verdict::kHolds : Verdict::kDoesNotReproduce;
  c.summary = absl::StrFormat("Spearman rho(output kurtosis, accuracy) = %.3f over %.0f "
                              "configurations%s",
                              out.rho, n, TestSetNote(result));
  c.Add("spearman_rho", out.rho, 0, "Spearman rank correlation, theoretical output kurtosis vs mean test accuracy");
  c.Add("configurations", n, 0, "(width, depth, initializer) configurations");
  return out;
}

absl::StatusOr<Fig3Check> CheckFig3(const std::string& width, const Result& result) {
  Fig3Check out;
  Claim& c = out.claim;
  c.id = "fig3_" + width;
  c.paper = "vanishing_variance";
  c.section = "Sec. 6.3, Fig. 3";
  c.statement = absl::StrCat("ZerO is superior to all these methods in very deep regimes (",
                             width == "width10" ? "width 10" : "width 200",
                             "): at the largest depth, ZerO >= every other - 0.02");
  c.target = kFig3Target;
  if (io::IsDataUnavailable(result)) {
    out.skipped = true;
    c = SkippedClaim(c, absl::StrCat("fig3_", width, " says data_unavailable = 1"));
    return out;
  }
  VEV_ASSIGN_OR_RETURN(const std::vector<double> init, ColumnOf(result, "runs", "initializer"));
  VEV_ASSIGN_OR_RETURN(const std::vector<double> depth, ColumnOf(result, "runs", "depth"));
  VEV_ASSIGN_OR_RETURN(const std::vector<double> accuracy,
                       ColumnOf(result, "runs", "test_accuracy"));
  const double test_images = TestImages(result);
  for (const double d : depth) out.max_depth = std::max(out.max_depth, d);
  std::map<std::string, std::vector<double>> deepest;  // initializer -> accuracies
  for (size_t i = 0; i < init.size(); ++i) {
    if (depth[i] != out.max_depth) continue;
    const auto kind = static_cast<nn::InitializerKind>(static_cast<int>(init[i]));
    deepest[std::string(nn::InitializerName(kind))].push_back(accuracy[i]);
  }
  for (const auto& [name, values] : deepest) {
    const stats::Estimate m =
        values.size() >= 2 ? stats::BatchMeans(values) : stats::Estimate{values[0], 0.0};
    const double n = static_cast<double>(values.size());
    const double binomial = std::sqrt(m.value * (1.0 - m.value) / (test_images * n));
    out.at_max_depth[name] = m.value;
    out.std_error[name] = std::max(m.std_error, binomial);
    out.runs[name] = static_cast<int>(values.size());
  }
  if (out.at_max_depth.count("zero") != 1) {
    return absl::InvalidArgumentError(absl::StrCat("fig3_", width, ": ZerO not in the results"));
  }
  const double zero = out.at_max_depth["zero"];
  bool below = false, significantly_below = false;
  std::string values;
  for (const auto& [name, value] : out.at_max_depth) {
    absl::StrAppendFormat(&values, " %s %.3f +- %.3f (%d runs)", name, value, out.std_error[name],
                          out.runs[name]);
    if (name == "zero" || name == "identity") continue;
    const double d = zero - value;
    const double se = std::hypot(out.std_error["zero"], out.std_error[name]);
    below |= d < -kFig3Margin;
    significantly_below |= d < -kFig3Margin - 2.0 * se;
  }
  c.verdict = significantly_below ? Verdict::kDoesNotReproduce
              : below             ? Verdict::kUndecided
                                  : Verdict::kHolds;
  c.summary = absl::StrFormat("mean test accuracy at depth %.0f:%s%s", out.max_depth, values,
                              TestSetNote(result));
  c.Add("depth", out.max_depth, 0, "the largest depth of the sweep");
  for (const auto& [name, value] : out.at_max_depth) {
    c.Add(absl::StrCat("accuracy_", name), value, out.std_error[name],
          "mean test accuracy at that depth, with its standard error");
  }
  return out;
}

}  // namespace vev::claims

#include "claims/fig2/fig2_claims.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/io/result_file.h"
#include "lib/variance/variance_quantiles.h"

namespace vev::claims {
namespace {

using variance::BinomialCdf;
using variance::OrderStatisticBounds;
using variance::QuantileConfidenceOrderStatistics;
using variance::SortedVariances;
using variance::VarianceQuantileSorted;

constexpr char kSection[] = "Sec. 6.2, Fig. 2";

std::vector<double> SortedLayer(const MatrixD& v, int l) {
  return SortedVariances({v.col(l).data(), static_cast<size_t>(v.rows())});
}

QuantileWithBounds Quantile(const std::vector<double>& sorted, double p) {
  const int64_t n = static_cast<int64_t>(sorted.size());
  const OrderStatisticBounds b = QuantileConfidenceOrderStatistics(n, p, kFig2Alpha);
  return {VarianceQuantileSorted(sorted, p), b.lower == 0 ? -INFINITY : sorted[b.lower - 1],
          b.upper == n + 1 ? INFINITY : sorted[b.upper - 1]};
}

Claim Base(std::string id, std::string statement) {
  Claim c;
  c.id = std::move(id);
  c.paper = "vanishing_variance";
  c.section = kSection;
  c.statement = std::move(statement);
  c.target = kFig2Target;
  return c;
}

}  // namespace

absl::StatusOr<Fig2Data> Fig2DataFromResults(const std::map<std::string, Result>& results) {
  Fig2Data out;
  for (const std::string& init : kFig2Inits) {
    const auto it = results.find(init);
    if (it == results.end()) return absl::NotFoundError(absl::StrCat("no result for ", init));
    const Result& r = it->second;
    if (out.scale.empty()) out.scale = r.spec().scale();
    if (io::IsDataUnavailable(r)) {
      out.unavailable = true;
      out.unavailable_why = absl::StrCat("fig2_", init, " says data_unavailable = 1");
      continue;
    }
    const std::string name = absl::StrCat(init, "_network_variances");
    absl::StatusOr<const Table*> table = io::FindTable(r, name);
    if (!table.ok()) return table.status();
    if ((*table)->columns_size() != kFig2Layers + 1) {
      return absl::InvalidArgumentError(absl::StrCat(name, " has ", (*table)->columns_size(),
                                                     " columns, expected ", kFig2Layers + 1));
    }
    const int n = (*table)->columns(0).values_size();
    MatrixD v(n, kFig2Layers);
    for (int l = 0; l < kFig2Layers; ++l) {
      for (int i = 0; i < n; ++i) v(i, l) = (*table)->columns(l + 1).values(i);
    }
    out.variances[init] = std::move(v);
  }
  return out;
}

BelowThresholdCheck CheckBelowThreshold(const std::string& init, const MatrixD& v) {
  BelowThresholdCheck out;
  out.n = v.rows();
  bool contradicted = false;
  for (int l = 81; l < kFig2Layers; ++l) {
    const std::vector<double> sorted = SortedLayer(v, l);
    const int64_t below =
        std::lower_bound(sorted.begin(), sorted.end(), kFig2Threshold) - sorted.begin();
    const double p_value = BinomialCdf(below, out.n, 0.9);
    const double q90 = VarianceQuantileSorted(sorted, 0.9);
    out.layers.push_back({l, below, p_value, q90});
    contradicted |= p_value < kFig2Alpha;
    out.worst_fraction = std::min(out.worst_fraction, static_cast<double>(below) / out.n);
    out.worst_q = std::max(out.worst_q, q90);
  }
  Claim& c = out.claim = Base(absl::StrCat("fig2_a_", init),
                              absl::StrCat("(a) ", init, ": 90% of networks have empirical "
                                           "variance below 1e-3 after layer 80"));
  c.verdict = contradicted                 ? Verdict::kDoesNotReproduce
              : out.worst_fraction >= 0.9 ? Verdict::kHolds
                                           : Verdict::kUndecided;
  c.summary = absl::StrFormat(
      "%d networks; layers 81-100: smallest fraction below 1e-3 = %.4f, largest 0.9 "
      "quantile = %.3g",
      out.n, out.worst_fraction, out.worst_q);
  c.Add("networks", static_cast<double>(out.n), 0, "networks");
  c.Add("worst_fraction_below", out.worst_fraction, 0,
        "smallest fraction of networks with variance < 1e-3 over layers 81-100");
  c.Add("largest_q90", out.worst_q, 0, "largest 0.9 quantile of the variance over layers 81-100");
  return out;
}

DecreaseCheck CheckDecrease(const std::string& init, const MatrixD& v, double p,
                            const std::string& scale) {
  DecreaseCheck out;
  std::vector<std::vector<double>> sorted(kFig2Layers);
  for (int l = 40; l < kFig2Layers; ++l) sorted[l] = SortedLayer(v, l);
  bool significant_increase = false;
  for (int l = 40; l < kFig2Layers - 1; ++l) {
    const QuantileWithBounds a = Quantile(sorted[l], p), b = Quantile(sorted[l + 1], p);
    out.steps.push_back({l, a, b, b.lower > a.upper});
    significant_increase |= b.lower > a.upper;
    if (b.estimate >= a.estimate) {
      ++out.increases;
      absl::StrAppend(&out.where, out.where.empty() ? "" : ",", l, "->", l + 1);
    }
  }
  out.first = Quantile(sorted[40], p);
  out.last = Quantile(sorted[100], p);
  out.overall = !(std::isfinite(out.first.lower) && std::isfinite(out.last.upper))
                    ? "too few networks to test"
                : out.last.upper < out.first.lower ? "significant"
                                                   : "not significant";
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  int points = 0;
  for (int l = 40; l < kFig2Layers; ++l) {
    const double q = Quantile(sorted[l], p).estimate;
    if (!(q > 0) || !std::isfinite(q)) continue;
    const double y = std::log10(q);
    sx += l, sy += y, sxx += double(l) * l, sxy += l * y, ++points;
  }
  out.slope = (points * sxy - sx * sy) / (points * sxx - sx * sx);
  out.literal = scale == "paper";
  const bool contradicted = significant_increase || (out.literal && out.increases > 0);
  Claim& c = out.claim =
      Base(absl::StrCat("fig2_b_", init, "_q", absl::StrFormat("%g", p)),
           absl::StrFormat("(b) %s: the %g quantile decreases monotonically after layer 40",
                           init, p));
  c.verdict = contradicted                  ? Verdict::kDoesNotReproduce
              : out.overall == "significant" ? Verdict::kHolds
                                             : Verdict::kUndecided;
  c.summary = absl::StrFormat(
      "layer 40 -> 100: %.3g -> %.3g (decrease: %s; trend %.3f decades/layer); steps where "
      "the estimate does not decrease: %d of 60; significant increases: %s%s",
      out.first.estimate, out.last.estimate, out.overall, out.slope, out.increases,
      significant_increase ? "yes" : "none",
      !out.literal             ? ""
      : out.increases == 0     ? "; literal reading at paper scale (the estimate decreases "
                                 "at every step): holds"
                               : "; literal reading at paper scale (the estimate decreases "
                                 "at every step): fails");
  c.Add("q_layer40", out.first.estimate, 0, "estimated quantile at layer 40");
  c.Add("q_layer100", out.last.estimate, 0, "estimated quantile at layer 100");
  c.Add("trend", out.slope, 0, "least-squares slope of log10(quantile), layers 40-100, per layer");
  c.Add("non_decreasing_steps", out.increases, 0,
        "of the 60 steps 40->41 .. 99->100, those where the estimate does not decrease");
  return out;
}

int64_t CountExploding(const MatrixD& v) {
  int64_t count = 0;
  for (Eigen::Index i = 0; i < v.rows(); ++i) {
    bool explodes = false;
    for (int l = 1; l < kFig2Layers; ++l) {
      if (!std::isfinite(v(i, l)) || v(i, l) >= 1e3 * v(i, 0)) explodes = true;
    }
    count += explodes;
  }
  return count;
}

ExplodeCheck CheckExplode(const Fig2Data& data) {
  ExplodeCheck out;
  const MatrixD& v = data.variances.at("metainit");
  out.count = CountExploding(v);
  out.n = v.rows();
  out.p_value = BinomialCdf(out.count, out.n, 0.5);
  for (int l = 0; l < kFig2Layers; ++l) {
    const double q = VarianceQuantileSorted(SortedLayer(v, l), 0.5);
    if (q > out.largest_median) out.largest_median = q, out.largest_median_layer = l;
  }
  out.median_layer0 = VarianceQuantileSorted(SortedLayer(v, 0), 0.5);
  for (const std::string& init : kFig2RandomInits) {
    out.contrast[init] = CountExploding(data.variances.at(init));
  }
  Claim& c = out.claim = Base("fig2_c_metainit", "(c) For MetaInit, empirical variances explode");
  c.verdict = out.p_value < kFig2Alpha     ? Verdict::kDoesNotReproduce
              : 2 * out.count >= out.n ? Verdict::kHolds
                                       : Verdict::kUndecided;
  std::string contrast;
  for (const auto& [init, count] : out.contrast) absl::StrAppend(&contrast, ", ", init, " ", count);
  c.summary = absl::StrFormat(
      "%d of %d networks explode (max_l V_l >= 1e3 V_0); largest median variance %.3g at "
      "layer %d (median at layer 0: %.3g); for contrast, exploding networks%s",
      out.count, out.n, out.largest_median, out.largest_median_layer, out.median_layer0,
      contrast);
  c.Add("networks", out.n, 0, "MetaInit networks");
  c.Add("exploding", out.count, 0, "networks whose variance reaches 1e3 x layer 0 (or overflows)");
  c.Add("largest_median", out.largest_median, 0, "largest per-layer median variance");
  c.Add("largest_median_layer", out.largest_median_layer, 0, "its layer");
  return out;
}

ZeroCheck CheckZero(const MatrixD& v) {
  ZeroCheck out;
  out.layer0 = v(0, 0);
  out.after = v(0, 1);
  for (Eigen::Index i = 0; i < v.rows(); ++i) {
    for (int l = 1; l < kFig2Layers; ++l) out.mismatches += v(i, l) != v(0, 1);
  }
  Claim& c = out.claim = Base("fig2_d_zero",
                              "(d) ZerO keeps the empirical variance constant after the first layer");
  c.verdict = out.mismatches == 0 && out.layer0 != out.after ? Verdict::kHolds
                                                             : Verdict::kDoesNotReproduce;
  c.summary = absl::StrFormat("variance %.6g at layer 0, %.6g at layer 1; %d (network, layer) "
                              "pairs differ from it at layers 1-100",
                              out.layer0, out.after, out.mismatches);
  c.Add("variance_layer0", out.layer0, 0, "variance at layer 0");
  c.Add("variance_layers1_100", out.after, 0, "variance at layer 1 (every later layer equal)");
  c.Add("mismatches", out.mismatches, 0, "(network, layer >= 1) pairs not equal to it");
  return out;
}

std::vector<Claim> Fig2Claims(const Fig2Data& data) {
  std::vector<Claim> out;
  if (data.unavailable) {
    for (const std::string& init : kFig2RandomInits) {
      out.push_back(SkippedClaim(Base(absl::StrCat("fig2_a_", init), "(a) " + init),
                                 data.unavailable_why));
    }
    out.push_back(SkippedClaim(Base("fig2_b", "(b) quantiles decrease after layer 40"),
                               data.unavailable_why));
    out.push_back(SkippedClaim(Base("fig2_c_metainit", "(c) MetaInit explodes"),
                               data.unavailable_why));
    out.push_back(SkippedClaim(Base("fig2_d_zero", "(d) ZerO constant"), data.unavailable_why));
    return out;
  }
  for (const std::string& init : kFig2RandomInits) {
    out.push_back(CheckBelowThreshold(init, data.variances.at(init)).claim);
  }
  for (const std::string& init : kFig2RandomInits) {
    for (const double p : kFig2Probs) {
      out.push_back(CheckDecrease(init, data.variances.at(init), p, data.scale).claim);
    }
  }
  out.push_back(CheckExplode(data).claim);
  out.push_back(CheckZero(data.variances.at("zero")).claim);
  return out;
}

}  // namespace vev::claims

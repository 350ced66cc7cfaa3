// Theoretical output kurtosis over depth (Proposition 3), for constant-width He-initialized
// ReLU networks, from the datasets' input (kappa_0, c_0); and the largest eigenvalue of
// A(l) (Lemma 4). Deterministic: no randomness involved.
//
//   bazel run //experiments/vanishing_variance:kurtosis_theory -- --out=/tmp/k.pb
//
// Tables: "kurtosis_<start>_kw<k_w>" (columns depth, kappa_w<W>..., c_w<W>...; c is the
// normalized covariance of squares c_l / s^4) for every starting point and weight
// kurtosis; "largest_eigenvalue" (columns width, lambda_kw<k_w>...).
#include <cmath>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/status_macros.h"
#include "lib/io/experiment_frame.h"
#include "lib/io/flag_parsing.h"
#include "lib/theory/kurtosis_recursion.h"

ABSL_FLAG(std::string, widths, "2,5,10,50,200", "Comma-separated network widths (>= 1).");
ABSL_FLAG(std::string, weight_kurtoses, "1,1.8,3",
          "Comma-separated weight kurtoses k_w (>= 1): 1 Bernoulli, 1.8 uniform, 3 normal.");
ABSL_FLAG(int, max_depth, 100, "Largest depth d (number of hidden layers), >= 0.");
ABSL_FLAG(double, negative_slope, 0.0, "Negative slope a of the leaky ReLU (0: ReLU).");
ABSL_FLAG(std::string, starting_points, "mnist:3.95:0.71,cifar10:3.28:0.10",
          "Comma-separated NAME:KAPPA0:C0 input He random vectors (C0 normalized by "
          "E[z^2]^2). Default: the values in the paper's text (Sec. 6.1).");

namespace {

struct StartingPoint {
  std::string name;
  double kurtosis;
  double normalized_cov_squares;
};

struct Config {
  std::vector<int> widths;
  std::vector<double> weight_kurtoses;
  int max_depth;
  double negative_slope;
  std::vector<StartingPoint> starts;
};

absl::StatusOr<std::vector<StartingPoint>> ParseStartingPoints(absl::string_view text) {
  std::vector<StartingPoint> starts;
  for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    const std::vector<std::string> parts = absl::StrSplit(item, ':');
    StartingPoint start;
    if (parts.size() != 3 || parts[0].empty() ||
        !absl::SimpleAtod(parts[1], &start.kurtosis) ||
        !absl::SimpleAtod(parts[2], &start.normalized_cov_squares)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--starting_points: '", item, "' is not NAME:KAPPA0:C0"));
    }
    start.name = parts[0];
    if (!(start.kurtosis >= 1.0)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--starting_points: kurtosis of '", start.name, "' must be >= 1"));
    }
    starts.push_back(start);
  }
  if (starts.empty()) return absl::InvalidArgumentError("--starting_points: empty");
  return starts;
}

absl::StatusOr<Config> ConfigFromFlags() {
  Config config;
  VEV_ASSIGN_OR_RETURN(config.widths,
                       vev::io::ParseIntList("widths", absl::GetFlag(FLAGS_widths), 1));
  VEV_ASSIGN_OR_RETURN(config.weight_kurtoses,
                       vev::io::ParseDoubleList("weight_kurtoses",
                                                absl::GetFlag(FLAGS_weight_kurtoses), 1.0));
  config.max_depth = absl::GetFlag(FLAGS_max_depth);
  if (config.max_depth < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--max_depth must be >= 0, got ", config.max_depth));
  }
  config.negative_slope = absl::GetFlag(FLAGS_negative_slope);
  if (!std::isfinite(config.negative_slope)) {
    return absl::InvalidArgumentError("--negative_slope must be finite");
  }
  VEV_ASSIGN_OR_RETURN(config.starts, ParseStartingPoints(absl::GetFlag(FLAGS_starting_points)));
  return config;
}

std::string KwName(double kw) { return absl::StrCat("kw", kw); }

absl::Status Compute(const Config& config, const vev::io::FrameContext&,
                     vev::io::ExperimentRun& run) {
  vev::theory::KurtosisModel model;
  model.negative_slope = config.negative_slope;
  std::vector<double> depths;
  for (int d = 0; d <= config.max_depth; ++d) depths.push_back(d);

  for (const StartingPoint& start : config.starts) {
    for (const double kw : config.weight_kurtoses) {
      model.weight_kurtosis = kw;
      vev::Table* table = run.AddTable(
          absl::StrCat("kurtosis_", start.name, "_", KwName(kw)),
          absl::StrCat("Proposition 3 from ", start.name, " (kappa_0 = ", start.kurtosis,
                       ", c_0 = ", start.normalized_cov_squares, "), k_w = ", kw));
      vev::io::AddColumn(table, "depth", "hidden layers", depths);
      std::vector<std::vector<double>> kappas, covs;
      for (const int width : config.widths) {
        const std::vector<int> layer_widths(config.max_depth, width);
        const std::vector<vev::theory::KurtosisState> states = vev::theory::KurtosisTrajectory(
            model,
            vev::theory::StateFromNormalized(model, start.kurtosis, start.normalized_cov_squares),
            layer_widths);
        std::vector<double> kappa, cov;
        for (const auto& state : states) {
          kappa.push_back(state.kurtosis);
          cov.push_back(state.cov_squares / (model.output_variance * model.output_variance));
        }
        kappas.push_back(kappa);
        covs.push_back(cov);
      }
      for (size_t i = 0; i < config.widths.size(); ++i) {
        vev::io::AddColumn(table, absl::StrCat("kappa_w", config.widths[i]), "", kappas[i]);
      }
      for (size_t i = 0; i < config.widths.size(); ++i) {
        vev::io::AddColumn(table, absl::StrCat("c_w", config.widths[i]), "", covs[i]);
      }
    }
  }

  vev::Table* eigen = run.AddTable("largest_eigenvalue",
                                   "Largest eigenvalue of A(l) (Lemma 4) per width and k_w");
  std::vector<double> widths(config.widths.begin(), config.widths.end());
  vev::io::AddColumn(eigen, "width", "", widths);
  for (const double kw : config.weight_kurtoses) {
    model.weight_kurtosis = kw;
    std::vector<double> lambdas;
    for (const int width : config.widths) {
      lambdas.push_back(vev::theory::LargestEigenvalue(model, width));
    }
    vev::io::AddColumn(eigen, absl::StrCat("lambda_", KwName(kw)), "", lambdas);
  }
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  vev::io::ExperimentDefinition definition;
  definition.name = "kurtosis_theory";
  definition.usage = "Theoretical output kurtosis over depth (Proposition 3) -> result proto.";
  return vev::io::RunExperiment<Config>(argc, argv, definition,
                                        {ConfigFromFlags, Compute, nullptr});
}

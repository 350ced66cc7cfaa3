// The input state (kappa_0, c_0) of the datasets (issue 5, item 2; PROTOCOL.md, Fig. 1):
// the kurtosis and the normalized covariance of squares Cov[z_i^2, z_j^2] / E[z^2]^2 of
// the He random vector z = W x of Proposition 2, over training images x (uniform, with
// replacement) and Gaussian W, by Monte Carlo with batch-means standard errors, next to the
// exact closed forms (lib/theory/input_moments.h explains both):
//   c_0 = Var(|x|^2) / E[|x|^2]^2,   kappa_0 = 3 (1 + c_0)   (Gaussian W).
//
//   bazel run //experiments/theory_checks:transform_moments -- --out=/tmp/k0.pb
//
// Scalars, for each dataset d: d_kappa0 and d_c0 (Monte Carlo, with SE), d_kappa0_closed_form
// and d_c0_closed_form (exact over the training set), d_kappa0_z and d_c0_z (Monte Carlo vs
// closed form, in SEs), d_kappa0_closed_form_uniform / _bernoulli (the exact kappa_0 when
// the first layer is he_uniform / he_bernoulli: 3 (1 + c_0) + (k_w - 3) q), d_q (q =
// E[sum_k x_k^4] / E[|x|^2]^2), d_mean_pixel_square (E|x|^2 / D) and d_c0_unnormalized
// (Cov[z_i^2, z_j^2] for W ~ N(0, 1 / D), i.e. c_0 (E|x|^2 / D)^2). Table
// "input_kurtosis": the same, one row per dataset.
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/progress.h"
#include "lib/base/status_macros.h"
#include "lib/data/dataset.h"
#include "lib/data/dataset_locator.h"
#include "lib/data/dataset_name.h"
#include "lib/data/dataset_record.h"
#include "lib/io/experiment_run.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/exchangeable_moments.h"
#include "lib/theory/input_moments.h"

ABSL_FLAG(std::string, out, "", "Output result file (binary protobuf). Required.");
ABSL_FLAG(std::string, datasets, "mnist,cifar10,fashion_mnist",
          "Comma-separated datasets (training sets): mnist, cifar10, fashion_mnist.");
ABSL_FLAG(int64_t, samples, 10000000,
          "Samples z_i = (W x)_i per dataset (PROTOCOL.md: 10^7); must equal groups * rows * "
          "points per group.");
ABSL_FLAG(int, groups, 10000,
          "Independent W draws (the batches of the SEs; >= 20). Images share W within a "
          "group, and the z of one W are strongly dependent (w . E[x] is a common offset), "
          "so many small groups are far more precise than few large ones.");
ABSL_FLAG(int, rows, 10, "Rows of each W: the dimension of every z (>= 2).");
ABSL_FLAG(bool, skip_if_data_unavailable, false,
          "Skip datasets that are not available (recording data_unavailable = 1) instead of "
          "failing (smoke scale on machines without the data).");
ABSL_FLAG(uint64_t, seed, 5002, "Base seed; streams are keyed by (seed, dataset, group).");
ABSL_FLAG(std::string, scale, "default", "Scale preset, recorded only.");

namespace vev::theory_checks {
namespace {

struct Config {
  std::vector<data::DatasetName> datasets;
  int64_t samples;
  int groups;
  theory::InputMomentOptions options;
  bool skip_if_data_unavailable;
};

absl::StatusOr<Config> ConfigFromFlags() {
  if (absl::GetFlag(FLAGS_out).empty()) return absl::InvalidArgumentError("--out is required");
  Config c;
  for (const absl::string_view name :
       absl::StrSplit(absl::GetFlag(FLAGS_datasets), ',', absl::SkipEmpty())) {
    data::DatasetName dataset;
    std::string error;
    if (!data::AbslParseFlag(name, &dataset, &error)) {
      return absl::InvalidArgumentError(absl::StrCat("--datasets: ", error));
    }
    c.datasets.push_back(dataset);
  }
  if (c.datasets.empty()) return absl::InvalidArgumentError("--datasets: empty");
  c.samples = absl::GetFlag(FLAGS_samples);
  c.groups = absl::GetFlag(FLAGS_groups);
  c.options.rows = absl::GetFlag(FLAGS_rows);
  if (c.groups < 20) return absl::InvalidArgumentError("--groups must be >= 20");
  if (c.options.rows < 2) return absl::InvalidArgumentError("--rows must be >= 2");
  const int64_t per_group = static_cast<int64_t>(c.groups) * c.options.rows;
  if (c.samples < per_group || c.samples % per_group != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--samples (", c.samples,
                     ") must be a positive multiple of --groups * --rows (", per_group, ")"));
  }
  if (c.samples / per_group > std::numeric_limits<int>::max()) {
    return absl::InvalidArgumentError("--samples: too many points per group");
  }
  c.options.points_per_group = static_cast<int>(c.samples / per_group);
  c.skip_if_data_unavailable = absl::GetFlag(FLAGS_skip_if_data_unavailable);
  return c;
}

absl::Status Main(const char* argv0, io::ExperimentRun& run) {
  VEV_ASSIGN_OR_RETURN(const Config config, ConfigFromFlags());
  const uint64_t seed = absl::GetFlag(FLAGS_seed);
  run.spec().set_scale(absl::GetFlag(FLAGS_scale));
  run.spec().set_seed(seed);
  run.spec().set_rng_scheme(rng::kRngScheme);
  bool unavailable = false;
  std::vector<double> col_dataset, col_kappa, col_kappa_se, col_c, col_c_se, col_kappa_exact,
      col_c_exact, col_kappa_uniform, col_kappa_bernoulli, col_q, col_images;
  for (const data::DatasetName name : config.datasets) {
    VEV_ASSIGN_OR_RETURN(std::optional<data::Dataset> dataset,
                         data::LocateAndLoadDatasetIfAvailable(
                             name, data::Split::kTrain, argv0, "", config.skip_if_data_unavailable));
    if (!dataset.has_value()) {
      unavailable = true;
      continue;
    }
    data::RecordDataset(dataset->info, run.result());
    const std::string d = data::DatasetFlagName(name);
    const theory::TransformMoments exact = theory::DatasetTransformMoments(dataset->features);
    std::vector<stats::ExchangeableMomentSums> groups(config.groups);
    ProgressReporter progress(absl::StrCat("transform_moments ", d), config.groups, "groups");
    for (int g = 0; g < config.groups; ++g) {
      const rng::RandomStream stream(seed, {static_cast<uint64_t>(name), static_cast<uint64_t>(g)});
      groups[g] = theory::SampleTransformGroup(dataset->features, config.options, stream);
      progress.Update(g + 1);
    }
    const stats::ExchangeableMomentEstimates mc = stats::EstimateExchangeableMoments(groups);
    const double kappa_exact = exact.Kurtosis(3.0);
    const double c_exact = exact.normalized_cov_squares;
    const std::string where = absl::StrCat(
        data::DatasetDisplayName(name), " training set (", dataset->info.num_samples, " images), ",
        config.samples, " samples z_i in ", config.groups, " groups of one ", config.options.rows,
        "-row Gaussian W and ", config.options.points_per_group, " random images");
    run.AddScalar(d + "_kappa0", mc.kurtosis.value, mc.kurtosis.std_error,
                  "Monte-Carlo kappa_0 = E[z^4] / E[z^2]^2 of z = W x, " + where);
    run.AddScalar(d + "_c0", mc.normalized_cov_squares.value, mc.normalized_cov_squares.std_error,
                  "Monte-Carlo c_0 = Cov[z_i^2, z_j^2] / E[z^2]^2, " + where);
    run.AddScalar(d + "_kappa0_closed_form", kappa_exact, 0,
                  "Exact kappa_0 = 3 (1 + c_0) for Gaussian W over the training set");
    run.AddScalar(d + "_c0_closed_form", c_exact, 0,
                  "Exact c_0 = Var(|x|^2) / E[|x|^2]^2 over the training set (ddof = 0)");
    run.AddScalar(d + "_kappa0_z", mc.kurtosis.ZScore(kappa_exact), 0,
                  "(Monte-Carlo - exact) / SE for kappa_0");
    run.AddScalar(d + "_c0_z", mc.normalized_cov_squares.ZScore(c_exact), 0,
                  "(Monte-Carlo - exact) / SE for c_0");
    run.AddScalar(d + "_kappa0_closed_form_uniform", exact.Kurtosis(1.8), 0,
                  "Exact kappa_0 of z = W x for uniform W (k_w = 1.8; he_uniform first layer)");
    run.AddScalar(d + "_kappa0_closed_form_bernoulli", exact.Kurtosis(1.0), 0,
                  "Exact kappa_0 of z = W x for Bernoulli W (k_w = 1; he_bernoulli first layer)");
    run.AddScalar(d + "_q", exact.fourth_power_ratio, 0,
                  "q = E[sum_k x_k^4] / E[|x|^2]^2 (kappa_0 = 3 (1 + c_0) + (k_w - 3) q)");
    const double pixel_square = exact.mean_squared_norm / exact.dimension;
    run.AddScalar(d + "_mean_pixel_square", pixel_square, 0,
                  "E[|x|^2] / D: the variance of z = W x for W ~ N(0, 1 / D)");
    run.AddScalar(d + "_c0_unnormalized", c_exact * pixel_square * pixel_square, 0,
                  "Cov[z_i^2, z_j^2] itself for W ~ N(0, 1 / D): c_0 (E|x|^2 / D)^2");
    std::fprintf(stderr,
                 "%s: kappa_0 = %.5f +- %.5f (exact %.5f), c_0 = %.5f +- %.5f (exact %.5f)\n",
                 d.c_str(), mc.kurtosis.value, mc.kurtosis.std_error, kappa_exact,
                 mc.normalized_cov_squares.value, mc.normalized_cov_squares.std_error, c_exact);
    col_dataset.push_back(static_cast<double>(name));
    col_kappa.push_back(mc.kurtosis.value);
    col_kappa_se.push_back(mc.kurtosis.std_error);
    col_c.push_back(mc.normalized_cov_squares.value);
    col_c_se.push_back(mc.normalized_cov_squares.std_error);
    col_kappa_exact.push_back(kappa_exact);
    col_c_exact.push_back(c_exact);
    col_kappa_uniform.push_back(exact.Kurtosis(1.8));
    col_kappa_bernoulli.push_back(exact.Kurtosis(1.0));
    col_q.push_back(exact.fourth_power_ratio);
    col_images.push_back(static_cast<double>(dataset->info.num_samples));
  }
  Table* table = run.AddTable("input_kurtosis",
                              "(kappa_0, c_0) of z = W x per dataset (0 mnist, 1 cifar10, "
                              "2 fashion_mnist): Monte Carlo with SE, and exact");
  io::AddColumn(table, "dataset", "", col_dataset);
  io::AddColumn(table, "kappa0", "", col_kappa);
  io::AddColumn(table, "kappa0_se", "", col_kappa_se);
  io::AddColumn(table, "c0", "", col_c);
  io::AddColumn(table, "c0_se", "", col_c_se);
  io::AddColumn(table, "kappa0_closed_form", "", col_kappa_exact);
  io::AddColumn(table, "c0_closed_form", "", col_c_exact);
  io::AddColumn(table, "kappa0_closed_form_uniform", "", col_kappa_uniform);
  io::AddColumn(table, "kappa0_closed_form_bernoulli", "", col_kappa_bernoulli);
  io::AddColumn(table, "q", "", col_q);
  io::AddColumn(table, "training_images", "", col_images);
  run.AddScalar("data_unavailable", unavailable ? 1 : 0, 0,
                "1 if a dataset was skipped because it is not available");
  return absl::OkStatus();
}

}  // namespace
}  // namespace vev::theory_checks

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "(kappa_0, c_0) of the datasets' He random vectors z = W x: Monte Carlo and exact.");
  absl::ParseCommandLine(argc, argv);
  vev::io::ExperimentRun run("transform_moments", argc, argv);
  const absl::Status status = vev::theory_checks::Main(argv[0], run);
  if (!status.ok()) return vev::io::ExitWithError(status);
  return vev::io::ExitWithError(run.Write(absl::GetFlag(FLAGS_out)));
}

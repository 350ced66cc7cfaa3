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
// "input_kurtosis": the same, one row per dataset. Scalar data_unavailable: 1 if a dataset
// was skipped (--skip_if_data_unavailable), alone with an empty table if all were.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
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
#include "lib/io/experiment_frame.h"
#include "lib/io/result_file.h"
#include "lib/io/table_builder.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/exchangeable_moments.h"
#include "lib/theory/input_moments.h"

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

// One row of "input_kurtosis".
struct DatasetRow {
  double dataset, kappa0, kappa0_se, c0, c0_se, kappa0_closed_form, c0_closed_form,
      kappa0_closed_form_uniform, kappa0_closed_form_bernoulli, q, training_images;
};

// Monte Carlo and closed forms for one dataset: its scalars, and its row.
DatasetRow MeasureDataset(const Config& config, uint64_t seed, data::DatasetName name,
                          const data::Dataset& dataset, io::ExperimentRun& run) {
  const std::string d = data::DatasetFlagName(name);
  const theory::TransformMoments exact = theory::DatasetTransformMoments(dataset.features);
  std::vector<stats::ExchangeableMomentSums> groups(config.groups);
  ProgressReporter progress(absl::StrCat("transform_moments ", d), config.groups, "groups");
  for (int g = 0; g < config.groups; ++g) {
    const rng::RandomStream stream(seed, {static_cast<uint64_t>(name), static_cast<uint64_t>(g)});
    groups[g] = theory::SampleTransformGroup(dataset.features, config.options, stream);
    progress.Update(g + 1);
  }
  const stats::ExchangeableMomentEstimates mc = stats::EstimateExchangeableMoments(groups);
  const stats::Estimate& kappa = mc.kurtosis;
  const stats::Estimate& c = mc.normalized_cov_squares;
  const double kappa_exact = exact.Kurtosis(3.0);
  const double c_exact = exact.normalized_cov_squares;
  const std::string where = absl::StrCat(
      data::DatasetDisplayName(name), " training set (", dataset.info.num_samples, " images), ",
      config.samples, " samples z_i in ", config.groups, " groups of one ", config.options.rows,
      "-row Gaussian W and ", config.options.points_per_group, " random images");
  run.AddScalar(d + "_kappa0", kappa.value, kappa.std_error,
                "Monte-Carlo kappa_0 = E[z^4] / E[z^2]^2 of z = W x, " + where);
  run.AddScalar(d + "_c0", c.value, c.std_error,
                "Monte-Carlo c_0 = Cov[z_i^2, z_j^2] / E[z^2]^2, " + where);
  run.AddScalar(d + "_kappa0_closed_form", kappa_exact, 0,
                "Exact kappa_0 = 3 (1 + c_0) for Gaussian W over the training set");
  run.AddScalar(d + "_c0_closed_form", c_exact, 0,
                "Exact c_0 = Var(|x|^2) / E[|x|^2]^2 over the training set (ddof = 0)");
  run.AddScalar(d + "_kappa0_z", kappa.ZScore(kappa_exact), 0,
                "(Monte-Carlo - exact) / SE for kappa_0");
  run.AddScalar(d + "_c0_z", c.ZScore(c_exact), 0, "(Monte-Carlo - exact) / SE for c_0");
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
               d.c_str(), kappa.value, kappa.std_error, kappa_exact, c.value, c.std_error,
               c_exact);
  return {static_cast<double>(name), kappa.value, kappa.std_error, c.value, c.std_error,
          kappa_exact, c_exact, exact.Kurtosis(1.8), exact.Kurtosis(1.0),
          exact.fourth_power_ratio, static_cast<double>(dataset.info.num_samples)};
}

absl::Status Compute(const Config& config, const io::FrameContext& frame,
                     io::ExperimentRun& run) {
  using R = DatasetRow;
  io::RowTable<R> rows({{"dataset", "", &R::dataset},
                        {"kappa0", "", &R::kappa0},
                        {"kappa0_se", "", &R::kappa0_se},
                        {"c0", "", &R::c0},
                        {"c0_se", "", &R::c0_se},
                        {"kappa0_closed_form", "", &R::kappa0_closed_form},
                        {"c0_closed_form", "", &R::c0_closed_form},
                        {"kappa0_closed_form_uniform", "", &R::kappa0_closed_form_uniform},
                        {"kappa0_closed_form_bernoulli", "", &R::kappa0_closed_form_bernoulli},
                        {"q", "", &R::q},
                        {"training_images", "", &R::training_images}});
  bool unavailable = false;
  for (const data::DatasetName name : config.datasets) {
    VEV_ASSIGN_OR_RETURN(std::optional<data::Dataset> dataset,
                         data::LocateAndLoadDatasetIfAvailable(name, data::Split::kTrain,
                                                               frame.argv0, "",
                                                               config.skip_if_data_unavailable));
    if (!dataset.has_value()) {
      unavailable = true;
      continue;
    }
    data::RecordDataset(dataset->info, run.result());
    rows.Add(MeasureDataset(config, frame.seed, name, *dataset, run));
  }
  // The table is written even when empty (as before the frame): its readers find the
  // columns; the scalar says why it is empty.
  rows.WriteTo(run.AddTable("input_kurtosis",
                            "(kappa_0, c_0) of z = W x per dataset (0 mnist, 1 cifar10, "
                            "2 fashion_mnist): Monte Carlo with SE, and exact"));
  if (rows.rows().empty()) {
    run.MarkDataUnavailable();
  } else {
    run.AddScalar(io::kDataUnavailableScalar, unavailable ? 1 : 0, 0,
                  "1 if a dataset was skipped because it is not available");
  }
  return absl::OkStatus();
}

}  // namespace
}  // namespace vev::theory_checks

int main(int argc, char** argv) {
  vev::io::ExperimentDefinition definition;
  definition.name = "transform_moments";
  definition.usage =
      "(kappa_0, c_0) of the datasets' He random vectors z = W x: Monte Carlo and exact.";
  definition.default_seed = 5002;
  definition.rng_scheme = vev::rng::kRngScheme;
  namespace t = vev::theory_checks;
  return vev::io::RunExperiment<t::Config>(argc, argv, definition,
                                           {t::ConfigFromFlags, t::Compute, {}});
}

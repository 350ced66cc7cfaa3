// Grids of training runs for Fig. 1 (test accuracy vs theoretical output kurtosis) and
// Fig. 3 (test accuracy vs depth) of the vanishing-variance paper: every (initializer,
// width, depth, repeat) is initialized, trained with Adam per PROTOCOL.md and evaluated on
// the full test set (lib/training/training_grid.h). Sharded over grid points; --merge_parts
// joins whole results of one initializer each (--inits) into the result of all of them.
//
//   bazel run //experiments/vanishing_variance/training:train_grid -- --dataset=mnist
//     --inits=he_normal --widths=10 --depths=0,5 --out=/tmp/grid.pb   (one command line)
//
// Tables: "runs" (one row per grid point, in grid order); for a whole (unsharded or
// merged) result also "configurations" and "configurations_<initializer>" (mean, min and
// max test accuracy over repeats, and, with --input_kurtosis, the theoretical output
// kurtosis of He initializers).
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/types/span.h"
#include "lib/base/progress.h"
#include "lib/base/status_macros.h"
#include "lib/data/dataset.h"
#include "lib/data/dataset_locator.h"
#include "lib/data/dataset_name.h"
#include "lib/data/dataset_record.h"
#include "lib/io/experiment_frame.h"
#include "lib/io/flag_parsing.h"
#include "lib/io/result_file.h"
#include "lib/io/user_path.h"
#include "lib/nn/initializer_kind.h"
#include "lib/rng/random_stream.h"
#include "experiments/vanishing_variance/training/grid_tables.h"
#include "lib/training/training_grid.h"

ABSL_FLAG(vev::data::DatasetName, dataset, vev::data::DatasetName::kMnist,
          "Dataset: mnist, cifar10 or fashion_mnist.");
ABSL_FLAG(std::string, train_manifest, "",
          "Manifest of the training split; empty: //datasets:<dataset>_train in the runfiles.");
ABSL_FLAG(std::string, test_manifest, "",
          "Manifest of the test split; empty: //datasets:<dataset>_test in the runfiles.");
ABSL_FLAG(std::string, inits, "he_bernoulli,he_uniform,he_normal",
          "Comma-separated initializers (lib/nn/initializers.h names, or metainit).");
ABSL_FLAG(std::string, widths, "5,10,15,20,25,30,35,40,45,50", "Comma-separated widths (>= 1).");
ABSL_FLAG(std::string, depths, "0,5,10,15,20,25,30,35,40,45,50",
          "Comma-separated depths (hidden layers, >= 0).");
ABSL_FLAG(int, repeats, 1, "Independent runs per (initializer, width, depth), >= 1.");
ABSL_FLAG(int, steps, 500, "Adam steps per run (>= 0).");
ABSL_FLAG(int, batch_size, 90, "Samples per batch (>= 1).");
ABSL_FLAG(double, learning_rate, 1e-4, "Adam learning rate (> 0).");
ABSL_FLAG(std::string, input_kurtosis, "",
          "Result file with scalars <dataset>_kappa0 and <dataset>_c0 (the input He random "
          "vector, //experiments/theory_checks:input_kurtosis); if set, the configurations "
          "tables get the theoretical output kurtosis of He initializers.");
ABSL_FLAG(bool, skip_if_data_unavailable, false,
          "If the dataset is unavailable, write a result with the scalar data_unavailable = 1 "
          "instead of failing (for smoke-scale tests on machines without the data).");

namespace {

struct Config {
  vev::data::DatasetName dataset;
  std::string train_manifest, test_manifest, input_kurtosis;
  bool skip_if_data_unavailable;
  vev::training::GridSpec grid;
  vev::training::TrainingSetup setup;  // setup.seed comes from the frame (--seed)
};

absl::StatusOr<Config> ConfigFromFlags() {
  Config c;
  c.dataset = absl::GetFlag(FLAGS_dataset);
  c.train_manifest = vev::io::ResolveUserPath(absl::GetFlag(FLAGS_train_manifest));
  c.test_manifest = vev::io::ResolveUserPath(absl::GetFlag(FLAGS_test_manifest));
  c.input_kurtosis = vev::io::ResolveUserPath(absl::GetFlag(FLAGS_input_kurtosis));
  c.skip_if_data_unavailable = absl::GetFlag(FLAGS_skip_if_data_unavailable);
  for (absl::string_view name : absl::StrSplit(absl::GetFlag(FLAGS_inits), ',')) {
    absl::StatusOr<vev::nn::InitializerKind> kind = vev::nn::ParseInitializerKind(name);
    if (!kind.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--inits: ", kind.status().message()));
    }
    c.grid.initializers.push_back(*kind);
  }
  VEV_ASSIGN_OR_RETURN(c.grid.widths,
                       vev::io::ParseIntList("widths", absl::GetFlag(FLAGS_widths), 1));
  VEV_ASSIGN_OR_RETURN(c.grid.depths,
                       vev::io::ParseIntList("depths", absl::GetFlag(FLAGS_depths), 0));
  c.grid.repeats = absl::GetFlag(FLAGS_repeats);
  if (c.grid.repeats < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("--repeats must be >= 1, got ", c.grid.repeats));
  }
  c.setup.train.steps = absl::GetFlag(FLAGS_steps);
  if (c.setup.train.steps < 0) return absl::InvalidArgumentError("--steps must be >= 0");
  c.setup.train.batch_size = absl::GetFlag(FLAGS_batch_size);
  if (c.setup.train.batch_size < 1) {
    return absl::InvalidArgumentError("--batch_size must be >= 1");
  }
  const double lr = c.setup.train.adam.learning_rate = absl::GetFlag(FLAGS_learning_rate);
  if (!(lr > 0.0) || !std::isfinite(lr)) {
    return absl::InvalidArgumentError("--learning_rate must be positive and finite");
  }
  return c;
}

// Runs this shard's grid points and appends the "runs" table.
absl::Status Compute(const Config& c, const vev::io::FrameContext& frame,
                     vev::io::ExperimentRun& run) {
  std::optional<vev::data::Dataset> train, test;
  VEV_ASSIGN_OR_RETURN(train, vev::data::LocateAndLoadDatasetIfAvailable(
                                  c.dataset, vev::data::Split::kTrain, frame.argv0,
                                  c.train_manifest, c.skip_if_data_unavailable));
  if (train.has_value()) {
    VEV_ASSIGN_OR_RETURN(test, vev::data::LocateAndLoadDatasetIfAvailable(
                                   c.dataset, vev::data::Split::kTest, frame.argv0,
                                   c.test_manifest, c.skip_if_data_unavailable));
  }
  if (!test.has_value()) {
    run.MarkDataUnavailable();
    return absl::OkStatus();
  }
  vev::data::RecordDataset(train->info, run.result());
  vev::data::RecordDataset(test->info, run.result());
  const std::vector<uint8_t> train_labels(train->labels.begin(), train->labels.end());
  const std::vector<uint8_t> test_labels(test->labels.begin(), test->labels.end());
  const vev::training::LabeledData train_data{train->features, train_labels};
  const vev::training::LabeledData test_data{test->features, test_labels};
  vev::training::TrainingSetup setup = c.setup;
  setup.seed = frame.seed;

  const std::vector<vev::training::GridPoint> points = vev::training::EnumerateGrid(c.grid);
  const vev::io::ShardRange range = frame.Range(points.size());
  std::vector<vev::training::RunOutcome> outcomes;
  vev::ProgressReporter progress(
      absl::StrCat("train_grid ", vev::data::DatasetFlagName(c.dataset), " shard ",
                   frame.shard_index + 1, "/", frame.shard_count),
      range.size(), "runs");
  for (int64_t i = range.begin; i < range.end; ++i) {
    VEV_ASSIGN_OR_RETURN(outcomes.emplace_back(),
                         vev::training::RunGridPoint(points[i], setup, train_data, test_data));
    progress.Update(i - range.begin + 1);
  }
  vev::training::WriteRunsTable(
      absl::MakeConstSpan(points).subspan(range.begin, range.size()), outcomes,
      run.AddTable("runs", "One training run per grid point, in grid order"));
  return absl::OkStatus();
}

// (kappa_0, c_0): the scalars <dataset>_kappa0 and <dataset>_c0 of --input_kurtosis.
absl::StatusOr<std::pair<double, double>> ReadInputKurtosis(const Config& c) {
  VEV_ASSIGN_OR_RETURN(const vev::Result input, vev::io::ReadResultFile(c.input_kurtosis));
  const std::string prefix = vev::data::DatasetFlagName(c.dataset);
  const absl::StatusOr<double> kappa0 = vev::io::ScalarValue(input, prefix + "_kappa0");
  const absl::StatusOr<double> c0 = vev::io::ScalarValue(input, prefix + "_c0");
  if (!kappa0.ok() || !c0.ok()) {
    return absl::NotFoundError(absl::StrCat("--input_kurtosis: '", c.input_kurtosis,
                                            "' has no scalars ", prefix, "_kappa0 and ", prefix,
                                            "_c0"));
  }
  return std::make_pair(*kappa0, *c0);
}

// Adds the per-configuration tables computed from the "runs" table of a whole result.
absl::Status Summarize(const Config& c, const vev::io::FrameContext&,
                       vev::io::ExperimentRun& run) {
  VEV_ASSIGN_OR_RETURN(const vev::Table* runs_table, vev::io::FindTable(run.result(), "runs"));
  VEV_ASSIGN_OR_RETURN(const vev::training::RunsTableColumns runs,
                       vev::training::ReadRunsTable(*runs_table));
  double kappa0 = 0.0, c0 = 0.0;
  if (!c.input_kurtosis.empty()) {
    VEV_ASSIGN_OR_RETURN(std::tie(kappa0, c0), ReadInputKurtosis(c));
    run.AddScalar("input_kappa0", kappa0, 0.0, "kappa_0 of the dataset's He random vector");
    run.AddScalar("input_c0", c0, 0.0, "normalized c_0 of the dataset's He random vector");
  }
  const std::vector<vev::training::ConfigurationSummary> all =
      vev::training::SummarizeByConfiguration(runs.points, runs.test_accuracy);
  // The table of `summaries`, with the output kurtosis of He initializers (Proposition 3).
  auto add_table = [&](const std::string& name, const std::string& description,
                       const std::vector<vev::training::ConfigurationSummary>& summaries) {
    std::vector<double> kurtosis;
    for (const auto& s : summaries) {
      kurtosis.push_back(!c.input_kurtosis.empty() && vev::nn::IsHeKind(s.initializer)
                             ? vev::training::TheoreticalOutputKurtosis(s.initializer, s.width,
                                                                        s.depth, kappa0, c0)
                             : std::numeric_limits<double>::quiet_NaN());
    }
    vev::training::WriteConfigurationsTable(summaries, kurtosis, run.AddTable(name, description));
  };
  add_table("configurations", "Test accuracy over repeats per configuration", all);
  for (const vev::nn::InitializerKind kind : c.grid.initializers) {
    const std::string name(vev::nn::InitializerName(kind));
    std::vector<vev::training::ConfigurationSummary> of_kind;
    for (const auto& s : all) {
      if (s.initializer == kind) of_kind.push_back(s);
    }
    add_table("configurations_" + name, "Test accuracy over repeats, " + name, of_kind);
  }
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  vev::io::ExperimentDefinition definition;
  definition.name = "train_grid";
  definition.usage = "Trains a grid of networks and records their test accuracy.";
  definition.default_seed = 20230901;
  definition.rng_scheme = vev::rng::kRngScheme;
  definition.sharded = true;
  definition.parts_parameter = "inits";
  definition.part_item_tables = {"runs"};
  return vev::io::RunExperiment<Config>(argc, argv, definition,
                                        {ConfigFromFlags, Compute, Summarize});
}

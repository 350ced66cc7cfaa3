// Grids of training runs for Fig. 1 (test accuracy vs theoretical output kurtosis) and
// Fig. 3 (test accuracy vs depth) of the vanishing-variance paper: every (initializer,
// width, depth, repeat) is initialized, trained with Adam per PROTOCOL.md and evaluated on
// the full test set (lib/training/training_grid.h).
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
#include "lib/io/flag_parsing.h"
#include "lib/io/result_file.h"
#include "lib/io/shards.h"
#include "lib/nn/initializer_kind.h"
#include "lib/rng/random_stream.h"
#include "lib/training/training_grid.h"

ABSL_FLAG(std::string, out, "", "Output result file (binary protobuf). Required.");
ABSL_FLAG(std::string, scale, "default", "Scale preset (smoke, default, paper), recorded.");
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
ABSL_FLAG(uint64_t, seed, 20230901, "Base seed of every run's random stream.");
ABSL_FLAG(std::string, input_kurtosis, "",
          "Result file with scalars <dataset>_kappa0 and <dataset>_c0 (the input He random "
          "vector, //experiments/theory_checks:input_kurtosis); if set, the configurations "
          "tables get the theoretical output kurtosis of He initializers.");
ABSL_FLAG(bool, skip_if_data_unavailable, false,
          "If the dataset is unavailable, write a result with the scalar data_unavailable = 1 "
          "instead of failing (for smoke-scale tests on machines without the data).");
ABSL_FLAG(int, shard_index, 0, "Shard to compute (0-based).");
ABSL_FLAG(int, shard_count, 1, "Number of shards the grid points are split into.");
ABSL_FLAG(std::string, merge_inputs, "", "Comma-separated shard results to merge.");
ABSL_FLAG(std::string, merge_parts, "",
          "Comma-separated whole results to merge, one per initializer of --inits in order "
          "(each run with --inits=<that initializer> and otherwise the same flags).");

namespace {

using vev::training::GridPoint;

struct Config {
  vev::training::GridSpec grid;
  vev::training::TrainingSetup setup;
};

absl::StatusOr<Config> ConfigFromFlags() {
  Config config;
  if (absl::GetFlag(FLAGS_out).empty()) return absl::InvalidArgumentError("--out is required");
  for (absl::string_view name : absl::StrSplit(absl::GetFlag(FLAGS_inits), ',')) {
    absl::StatusOr<vev::nn::InitializerKind> kind = vev::nn::ParseInitializerKind(name);
    if (!kind.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--inits: ", kind.status().message()));
    }
    config.grid.initializers.push_back(*kind);
  }
  VEV_ASSIGN_OR_RETURN(config.grid.widths,
                       vev::io::ParseIntList("widths", absl::GetFlag(FLAGS_widths), 1));
  VEV_ASSIGN_OR_RETURN(config.grid.depths,
                       vev::io::ParseIntList("depths", absl::GetFlag(FLAGS_depths), 0));
  config.grid.repeats = absl::GetFlag(FLAGS_repeats);
  if (config.grid.repeats < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("--repeats must be >= 1, got ", config.grid.repeats));
  }
  config.setup.seed = absl::GetFlag(FLAGS_seed);
  config.setup.train.steps = absl::GetFlag(FLAGS_steps);
  if (config.setup.train.steps < 0) return absl::InvalidArgumentError("--steps must be >= 0");
  config.setup.train.batch_size = absl::GetFlag(FLAGS_batch_size);
  if (config.setup.train.batch_size < 1) {
    return absl::InvalidArgumentError("--batch_size must be >= 1");
  }
  config.setup.train.adam.learning_rate = absl::GetFlag(FLAGS_learning_rate);
  if (!(config.setup.train.adam.learning_rate > 0.0) ||
      !std::isfinite(config.setup.train.adam.learning_rate)) {
    return absl::InvalidArgumentError("--learning_rate must be positive and finite");
  }
  VEV_RETURN_IF_ERROR(vev::io::ValidateShardFlags(absl::GetFlag(FLAGS_shard_index),
                                                  absl::GetFlag(FLAGS_shard_count)));
  return config;
}

std::vector<uint8_t> ToBytes(const std::vector<int32_t>& labels) {
  return std::vector<uint8_t>(labels.begin(), labels.end());
}

std::vector<double> Column(const vev::Table& table, int c) {
  return {table.columns(c).values().begin(), table.columns(c).values().end()};
}

// Runs this shard's grid points and appends the "runs" table.
absl::Status RunShard(const Config& config, vev::io::ExperimentRun& run, const char* argv0) {
  const vev::data::DatasetName dataset = absl::GetFlag(FLAGS_dataset);
  const bool skip = absl::GetFlag(FLAGS_skip_if_data_unavailable);
  VEV_ASSIGN_OR_RETURN(
      std::optional<vev::data::Dataset> train,
      vev::data::LocateAndLoadDatasetIfAvailable(dataset, vev::data::Split::kTrain, argv0,
                                                 absl::GetFlag(FLAGS_train_manifest), skip));
  std::optional<vev::data::Dataset> test;
  if (train.has_value()) {
    VEV_ASSIGN_OR_RETURN(
        test, vev::data::LocateAndLoadDatasetIfAvailable(dataset, vev::data::Split::kTest, argv0,
                                                         absl::GetFlag(FLAGS_test_manifest), skip));
  }
  if (!test.has_value()) {
    run.AddScalar("data_unavailable", 1.0, 0.0, "the dataset is not available on this machine");
    return absl::OkStatus();
  }
  vev::data::RecordDataset(train->info, run.result());
  vev::data::RecordDataset(test->info, run.result());
  const std::vector<uint8_t> train_labels = ToBytes(train->labels);
  const std::vector<uint8_t> test_labels = ToBytes(test->labels);
  const vev::training::LabeledData train_data{train->features, train_labels};
  const vev::training::LabeledData test_data{test->features, test_labels};

  const std::vector<GridPoint> points = vev::training::EnumerateGrid(config.grid);
  const vev::io::ShardRange range = vev::io::ShardOf(
      points.size(), absl::GetFlag(FLAGS_shard_index), absl::GetFlag(FLAGS_shard_count));
  std::vector<double> init, width, depth, repeat, accuracy, loss, train_loss, finite, gq, attempts;
  vev::ProgressReporter progress(
      absl::StrCat("train_grid ", vev::data::DatasetFlagName(dataset), " shard ",
                   absl::GetFlag(FLAGS_shard_index) + 1, "/", absl::GetFlag(FLAGS_shard_count)),
      range.size(), "runs");
  for (int64_t i = range.begin; i < range.end; ++i) {
    const GridPoint& p = points[i];
    VEV_ASSIGN_OR_RETURN(const vev::training::RunOutcome outcome,
                         vev::training::RunGridPoint(p, config.setup, train_data, test_data));
    init.push_back(static_cast<double>(p.initializer));
    width.push_back(p.width);
    depth.push_back(p.depth);
    repeat.push_back(p.repeat);
    accuracy.push_back(outcome.test_accuracy);
    loss.push_back(outcome.test_loss);
    train_loss.push_back(outcome.final_train_loss);
    finite.push_back(outcome.parameters_finite ? 1.0 : 0.0);
    gq.push_back(outcome.metainit_final_gq);
    attempts.push_back(outcome.metainit_attempts);
    progress.Update(i - range.begin + 1);
  }
  vev::Table* table = run.AddTable("runs", "One training run per grid point, in grid order");
  vev::io::AddColumn(table, "initializer", "InitializerKind enum value", init);
  vev::io::AddColumn(table, "width", "", width);
  vev::io::AddColumn(table, "depth", "hidden layers", depth);
  vev::io::AddColumn(table, "repeat", "", repeat);
  vev::io::AddColumn(table, "test_accuracy", "fraction", accuracy);
  vev::io::AddColumn(table, "test_loss", "mean cross-entropy", loss);
  vev::io::AddColumn(table, "final_train_loss", "mean of the last 10 batch losses", train_loss);
  vev::io::AddColumn(table, "parameters_finite", "1 or 0", finite);
  vev::io::AddColumn(table, "metainit_final_gq", "NaN unless metainit", gq);
  vev::io::AddColumn(table, "metainit_attempts", "0 unless metainit", attempts);
  return absl::OkStatus();
}

// Reads <dataset>_kappa0 and <dataset>_c0 from the --input_kurtosis result.
absl::Status ReadInputKurtosis(const std::string& path, vev::data::DatasetName dataset,
                               double* kappa0, double* c0) {
  VEV_ASSIGN_OR_RETURN(const vev::Result result, vev::io::ReadResultFile(path));
  const std::string prefix = vev::data::DatasetFlagName(dataset);
  bool found_kappa = false, found_c = false;
  for (const vev::Scalar& s : result.scalars()) {
    if (s.name() == prefix + "_kappa0") *kappa0 = s.value(), found_kappa = true;
    if (s.name() == prefix + "_c0") *c0 = s.value(), found_c = true;
  }
  if (!found_kappa || !found_c) {
    return absl::NotFoundError(absl::StrCat("--input_kurtosis: '", path, "' has no scalars ",
                                            prefix, "_kappa0 and ", prefix, "_c0"));
  }
  return absl::OkStatus();
}

// Adds the per-configuration tables computed from the "runs" table of a whole result.
absl::Status Summarize(const Config& config, vev::io::ExperimentRun& run) {
  absl::StatusOr<const vev::Table*> runs = vev::io::FindTable(run.result(), "runs");
  if (!runs.ok()) return absl::OkStatus();  // data unavailable: nothing to summarize
  const vev::Table runs_table = **runs;
  const std::vector<double> init = Column(runs_table, 0), width = Column(runs_table, 1),
                            depth = Column(runs_table, 2), repeat = Column(runs_table, 3),
                            accuracy = Column(runs_table, 4);
  std::vector<GridPoint> points;
  for (size_t i = 0; i < init.size(); ++i) {
    points.push_back({static_cast<vev::nn::InitializerKind>(static_cast<int>(init[i])),
                      static_cast<int>(width[i]), static_cast<int>(depth[i]),
                      static_cast<int>(repeat[i])});
  }
  double kappa0 = 0.0, c0 = 0.0;
  const std::string input_kurtosis = absl::GetFlag(FLAGS_input_kurtosis);
  if (!input_kurtosis.empty()) {
    VEV_RETURN_IF_ERROR(
        ReadInputKurtosis(input_kurtosis, absl::GetFlag(FLAGS_dataset), &kappa0, &c0));
    run.AddScalar("input_kappa0", kappa0, 0.0, "kappa_0 of the dataset's He random vector");
    run.AddScalar("input_c0", c0, 0.0, "normalized c_0 of the dataset's He random vector");
  }
  const std::vector<vev::training::ConfigurationSummary> summaries =
      vev::training::SummarizeByConfiguration(points, accuracy);
  auto add_table = [&](const std::string& name, const std::string& description, auto&& keep) {
    std::vector<double> s_init, s_width, s_depth, runs_n, mean, min, max, kurtosis;
    for (const auto& s : summaries) {
      if (!keep(s)) continue;
      s_init.push_back(static_cast<double>(s.initializer));
      s_width.push_back(s.width);
      s_depth.push_back(s.depth);
      runs_n.push_back(s.runs);
      mean.push_back(s.mean_accuracy);
      min.push_back(s.min_accuracy);
      max.push_back(s.max_accuracy);
      kurtosis.push_back(!input_kurtosis.empty() && vev::nn::IsHeKind(s.initializer)
                             ? vev::training::TheoreticalOutputKurtosis(s.initializer, s.width,
                                                                        s.depth, kappa0, c0)
                             : std::numeric_limits<double>::quiet_NaN());
    }
    vev::Table* table = run.AddTable(name, description);
    vev::io::AddColumn(table, "initializer", "InitializerKind enum value", s_init);
    vev::io::AddColumn(table, "width", "", s_width);
    vev::io::AddColumn(table, "depth", "hidden layers", s_depth);
    vev::io::AddColumn(table, "runs", "", runs_n);
    vev::io::AddColumn(table, "mean_accuracy", "fraction", mean);
    vev::io::AddColumn(table, "min_accuracy", "fraction", min);
    vev::io::AddColumn(table, "max_accuracy", "fraction", max);
    vev::io::AddColumn(table, "output_kurtosis", "Proposition 3; NaN if not He", kurtosis);
  };
  add_table("configurations", "Test accuracy over repeats per configuration",
            [](const auto&) { return true; });
  for (const vev::nn::InitializerKind kind : config.grid.initializers) {
    const std::string name(vev::nn::InitializerName(kind));
    add_table("configurations_" + name, "Test accuracy over repeats, " + name,
              [kind](const auto& s) { return s.initializer == kind; });
  }
  return absl::OkStatus();
}

absl::Status Run(vev::io::ExperimentRun& run, const char* argv0) {
  VEV_ASSIGN_OR_RETURN(const Config config, ConfigFromFlags());
  run.SetRandomizedSpec(absl::GetFlag(FLAGS_scale), absl::GetFlag(FLAGS_seed));
  const std::string merge_inputs = absl::GetFlag(FLAGS_merge_inputs);
  const std::string merge_parts = absl::GetFlag(FLAGS_merge_parts);
  if (!merge_inputs.empty() && !merge_parts.empty()) {
    return absl::InvalidArgumentError("--merge_inputs and --merge_parts exclude each other");
  }
  if (!merge_inputs.empty()) {
    const std::vector<std::string> paths = absl::StrSplit(merge_inputs, ',');
    VEV_RETURN_IF_ERROR(run.LoadMergedShards(paths));
  } else if (!merge_parts.empty()) {
    const std::vector<std::string> paths = absl::StrSplit(merge_parts, ',');
    VEV_RETURN_IF_ERROR(run.LoadMergedParts(paths, "inits", {"runs"}));
  } else {
    VEV_RETURN_IF_ERROR(RunShard(config, run, argv0));
    if (absl::GetFlag(FLAGS_shard_count) > 1) return absl::OkStatus();
  }
  return Summarize(config, run);
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Trains a grid of networks and records their test accuracy.");
  absl::ParseCommandLine(argc, argv);
  vev::io::ExperimentRun run("train_grid", argc, argv);
  const absl::Status status = Run(run, argv[0]);
  if (!status.ok()) return vev::io::ExitWithError(status);
  return vev::io::ExitWithError(run.Write(absl::GetFlag(FLAGS_out)));
}

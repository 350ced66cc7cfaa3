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
#include "lib/base/progress.h"
#include "lib/base/status_macros.h"
#include "lib/data/dataset.h"
#include "lib/data/dataset_locator.h"
#include "lib/data/dataset_name.h"
#include "lib/data/dataset_record.h"
#include "lib/io/experiment_frame.h"
#include "lib/io/flag_parsing.h"
#include "lib/io/result_file.h"
#include "lib/io/table_builder.h"
#include "lib/io/user_path.h"
#include "lib/nn/initializer_kind.h"
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

using vev::training::GridPoint;

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
  VEV_ASSIGN_OR_RETURN(c.grid.widths, vev::io::ParseIntList("widths", absl::GetFlag(FLAGS_widths), 1));
  VEV_ASSIGN_OR_RETURN(c.grid.depths, vev::io::ParseIntList("depths", absl::GetFlag(FLAGS_depths), 0));
  c.grid.repeats = absl::GetFlag(FLAGS_repeats);
  if (c.grid.repeats < 1) {
    return absl::InvalidArgumentError(absl::StrCat("--repeats must be >= 1, got ", c.grid.repeats));
  }
  c.setup.train.steps = absl::GetFlag(FLAGS_steps);
  if (c.setup.train.steps < 0) return absl::InvalidArgumentError("--steps must be >= 0");
  c.setup.train.batch_size = absl::GetFlag(FLAGS_batch_size);
  if (c.setup.train.batch_size < 1) return absl::InvalidArgumentError("--batch_size must be >= 1");
  const double lr = c.setup.train.adam.learning_rate = absl::GetFlag(FLAGS_learning_rate);
  if (!(lr > 0.0) || !std::isfinite(lr)) {
    return absl::InvalidArgumentError("--learning_rate must be positive and finite");
  }
  return c;
}

// One row of "runs": the grid point and its outcome.
struct RunRow {
  double initializer, width, depth, repeat, test_accuracy, test_loss, final_train_loss,
      parameters_finite, metainit_final_gq, metainit_attempts;
};

// One row of "configurations" and "configurations_<initializer>".
struct ConfigurationRow {
  double initializer, width, depth, runs, mean_accuracy, min_accuracy, max_accuracy,
      output_kurtosis;
};

vev::io::RowTable<ConfigurationRow> ConfigurationTable() {
  using R = ConfigurationRow;
  return vev::io::RowTable<R>({{"initializer", "InitializerKind enum value", &R::initializer},
                               {"width", "", &R::width},
                               {"depth", "hidden layers", &R::depth},
                               {"runs", "", &R::runs},
                               {"mean_accuracy", "fraction", &R::mean_accuracy},
                               {"min_accuracy", "fraction", &R::min_accuracy},
                               {"max_accuracy", "fraction", &R::max_accuracy},
                               {"output_kurtosis", "Proposition 3; NaN if not He",
                                &R::output_kurtosis}});
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

  const std::vector<GridPoint> points = vev::training::EnumerateGrid(c.grid);
  const vev::io::ShardRange range = frame.Range(points.size());
  using R = RunRow;
  vev::io::RowTable<R> runs({{"initializer", "InitializerKind enum value", &R::initializer},
                             {"width", "", &R::width},
                             {"depth", "hidden layers", &R::depth},
                             {"repeat", "", &R::repeat},
                             {"test_accuracy", "fraction", &R::test_accuracy},
                             {"test_loss", "mean cross-entropy", &R::test_loss},
                             {"final_train_loss", "mean of the last 10 batch losses",
                              &R::final_train_loss},
                             {"parameters_finite", "1 or 0", &R::parameters_finite},
                             {"metainit_final_gq", "NaN unless metainit", &R::metainit_final_gq},
                             {"metainit_attempts", "0 unless metainit", &R::metainit_attempts}});
  vev::ProgressReporter progress(
      absl::StrCat("train_grid ", vev::data::DatasetFlagName(c.dataset), " shard ",
                   frame.shard_index + 1, "/", frame.shard_count),
      range.size(), "runs");
  for (int64_t i = range.begin; i < range.end; ++i) {
    const GridPoint& p = points[i];
    VEV_ASSIGN_OR_RETURN(const vev::training::RunOutcome o,
                         vev::training::RunGridPoint(p, setup, train_data, test_data));
    runs.Add({static_cast<double>(p.initializer), static_cast<double>(p.width),
              static_cast<double>(p.depth), static_cast<double>(p.repeat), o.test_accuracy,
              o.test_loss, o.final_train_loss, o.parameters_finite ? 1.0 : 0.0,
              o.metainit_final_gq, static_cast<double>(o.metainit_attempts)});
    progress.Update(i - range.begin + 1);
  }
  runs.WriteTo(run.AddTable("runs", "One training run per grid point, in grid order"));
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
  VEV_ASSIGN_OR_RETURN(const vev::Table* runs, vev::io::FindTable(run.result(), "runs"));
  VEV_ASSIGN_OR_RETURN(const std::vector<double> init, vev::io::ColumnValues(*runs, "initializer"));
  VEV_ASSIGN_OR_RETURN(const std::vector<double> width, vev::io::ColumnValues(*runs, "width"));
  VEV_ASSIGN_OR_RETURN(const std::vector<double> depth, vev::io::ColumnValues(*runs, "depth"));
  VEV_ASSIGN_OR_RETURN(const std::vector<double> repeat, vev::io::ColumnValues(*runs, "repeat"));
  VEV_ASSIGN_OR_RETURN(const std::vector<double> accuracy,
                       vev::io::ColumnValues(*runs, "test_accuracy"));
  std::vector<GridPoint> points;
  for (size_t i = 0; i < init.size(); ++i) {
    points.push_back({static_cast<vev::nn::InitializerKind>(static_cast<int>(init[i])),
                      static_cast<int>(width[i]), static_cast<int>(depth[i]),
                      static_cast<int>(repeat[i])});
  }
  double kappa0 = 0.0, c0 = 0.0;
  if (!c.input_kurtosis.empty()) {
    VEV_ASSIGN_OR_RETURN(std::tie(kappa0, c0), ReadInputKurtosis(c));
    run.AddScalar("input_kappa0", kappa0, 0.0, "kappa_0 of the dataset's He random vector");
    run.AddScalar("input_c0", c0, 0.0, "normalized c_0 of the dataset's He random vector");
  }
  vev::io::RowTable<ConfigurationRow> all = ConfigurationTable();
  std::vector<vev::io::RowTable<ConfigurationRow>> per_init(c.grid.initializers.size(),
                                                            ConfigurationTable());
  for (const auto& s : vev::training::SummarizeByConfiguration(points, accuracy)) {
    const ConfigurationRow row{
        static_cast<double>(s.initializer), static_cast<double>(s.width),
        static_cast<double>(s.depth), static_cast<double>(s.runs), s.mean_accuracy,
        s.min_accuracy, s.max_accuracy,
        !c.input_kurtosis.empty() && vev::nn::IsHeKind(s.initializer)
            ? vev::training::TheoreticalOutputKurtosis(s.initializer, s.width, s.depth, kappa0, c0)
            : std::numeric_limits<double>::quiet_NaN()};
    all.Add(row);
    for (size_t k = 0; k < per_init.size(); ++k) {
      if (c.grid.initializers[k] == s.initializer) per_init[k].Add(row);
    }
  }
  all.WriteTo(run.AddTable("configurations", "Test accuracy over repeats per configuration"));
  for (size_t k = 0; k < per_init.size(); ++k) {
    const std::string name(vev::nn::InitializerName(c.grid.initializers[k]));
    per_init[k].WriteTo(
        run.AddTable("configurations_" + name, "Test accuracy over repeats, " + name));
  }
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  vev::io::ExperimentDefinition definition;
  definition.name = "train_grid";
  definition.usage = "Trains a grid of networks and records their test accuracy.";
  definition.default_seed = 20230901;
  definition.sharded = true;
  definition.parts_parameter = "inits";
  definition.part_item_tables = {"runs"};
  return vev::io::RunExperiment<Config>(argc, argv, definition,
                                        {ConfigFromFlags, Compute, Summarize});
}

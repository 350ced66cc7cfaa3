// An experiment-shaped program over one dataset split: loads it exactly as experiments do
// and writes a result proto with the split's per-channel pixel statistics, the files read
// (Provenance.datasets) and the number of samples used. It is the worked example of how
// experiment binaries get their data (lib/data/dataset_locator.h):
//
//   # runfiles: the binary has data = ["//datasets:<name>_<split>", ...]
//   bazel run //tools/data:dataset_summary -- --dataset=cifar10 --split=test --out=/tmp/s.pb
//   # explicit manifest (e.g. from a vev_experiment's $(location ...)):
//   ... --dataset=mnist --split=train --dataset_manifest=path/to/train.manifest
//
// Tables: "channel_stats" (columns channel, pixel_mean and pixel_std of pixel/255 with
// ddof = 0, normalized_mean, normalized_var), "label_counts" (label, count). Scalars: those
// of vev::data::RecordDataset (e.g. cifar10_test_samples, cifar10_test_complete) and
// load_seconds.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "lib/data/dataset.h"
#include "lib/data/dataset_locator.h"
#include "lib/data/dataset_name.h"
#include "lib/data/dataset_record.h"
#include "lib/data/normalization.h"
#include "lib/io/experiment_frame.h"

ABSL_FLAG(vev::data::DatasetName, dataset, vev::data::DatasetName::kMnist,
          "Dataset: mnist, cifar10 or fashion_mnist.");
ABSL_FLAG(vev::data::Split, split, vev::data::Split::kTrain, "Split: train or test.");
ABSL_FLAG(std::string, dataset_manifest, "",
          "Manifest of the split; empty: find //datasets:<dataset>_<split> in the runfiles.");

namespace {

struct Config {
  vev::data::DatasetName name;
  vev::data::Split split;
  std::string manifest;
};

absl::StatusOr<Config> ConfigFromFlags() {
  return Config{absl::GetFlag(FLAGS_dataset), absl::GetFlag(FLAGS_split),
                vev::io::ResolveUserPath(absl::GetFlag(FLAGS_dataset_manifest))};
}

absl::Status Compute(const Config& config, const vev::io::FrameContext& frame,
                     vev::io::ExperimentRun& run) {
  const auto start = std::chrono::steady_clock::now();
  const absl::StatusOr<vev::data::Dataset> data =
      vev::data::LocateAndLoadDataset(config.name, config.split, frame.argv0, config.manifest);
  if (!data.ok()) return data.status();
  const double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "%s (loaded in %.3f s)\n", data->info.Summary().c_str(), load_seconds);
  vev::data::RecordDataset(data->info, run.result());
  run.AddScalar("load_seconds", load_seconds, 0.0, "Wall time of LoadDataset");

  // Per-channel statistics in double. pixel/255 = normalized * std + mean (exact enough:
  // the float32 rounding of the normalization is ~1e-7 relative).
  const std::vector<vev::data::ChannelNormalization> norms = vev::data::ProtocolNormalization(config.name);
  const int plane = data->info.shape.height * data->info.shape.width;
  std::vector<double> channel, pixel_mean, pixel_std, normalized_mean, normalized_var;
  for (int c = 0; c < data->info.shape.channels; ++c) {
    double sum = 0.0, sum_squares = 0.0;
    const auto block = data->features.middleRows(c * plane, plane);
    for (Eigen::Index j = 0; j < block.cols(); ++j) {
      for (Eigen::Index k = 0; k < block.rows(); ++k) {
        const double v = block(k, j);
        sum += v;
        sum_squares += v * v;
      }
    }
    const double count = static_cast<double>(block.size());
    const double mean = sum / count;
    const double var = sum_squares / count - mean * mean;
    channel.push_back(c);
    normalized_mean.push_back(mean);
    normalized_var.push_back(var);
    pixel_mean.push_back(norms[c].mean + norms[c].std * mean);
    pixel_std.push_back(norms[c].std * std::sqrt(var));
  }
  vev::Table* stats = run.AddTable(
      "channel_stats", absl::StrCat("Per-channel pixel statistics: ", data->info.Summary()));
  vev::io::AddColumn(stats, "channel", "", channel);
  vev::io::AddColumn(stats, "pixel_mean", "pixel/255", pixel_mean);
  vev::io::AddColumn(stats, "pixel_std", "pixel/255, ddof=0", pixel_std);
  vev::io::AddColumn(stats, "normalized_mean", "", normalized_mean);
  vev::io::AddColumn(stats, "normalized_var", "ddof=0", normalized_var);

  std::vector<double> labels(vev::data::kNumClasses), counts(vev::data::kNumClasses, 0.0);
  for (int k = 0; k < vev::data::kNumClasses; ++k) labels[k] = k;
  for (const int32_t label : data->labels) counts[label] += 1.0;
  vev::Table* label_table = run.AddTable("label_counts", "Samples per class");
  vev::io::AddColumn(label_table, "label", "", labels);
  vev::io::AddColumn(label_table, "count", "samples", counts);
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  vev::io::ExperimentDefinition definition;
  definition.name = "dataset_summary";
  definition.usage = "Loads one dataset split and records its statistics.";
  return vev::io::RunExperiment<Config>(argc, argv, definition, {ConfigFromFlags, Compute, {}});
}

// A minimal sharded experiment for testing the experiment frame and vev_experiment:
// item i draws one normal from the stream keyed by (seed, i); the whole result gets the
// sum over items (in item order) as a scalar.
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "absl/strings/str_split.h"
#include "lib/io/experiment_run.h"
#include "lib/io/shards.h"
#include "lib/rng/random_stream.h"

ABSL_FLAG(std::string, out, "", "Output result file.");
ABSL_FLAG(std::string, scale, "default", "Scale preset (recorded).");
ABSL_FLAG(uint64_t, seed, 1, "Base seed.");
ABSL_FLAG(int, items, 10, "Number of items.");
ABSL_FLAG(int, shard_index, 0, "Shard to compute.");
ABSL_FLAG(int, shard_count, 1, "Number of shards.");
ABSL_FLAG(std::string, merge_inputs, "", "Comma-separated shard results to merge.");

namespace {

absl::Status Run(vev::io::ExperimentRun& run) {
  run.SetRandomizedSpec(absl::GetFlag(FLAGS_scale), absl::GetFlag(FLAGS_seed));
  const std::string merge_inputs = absl::GetFlag(FLAGS_merge_inputs);
  if (!merge_inputs.empty()) {
    const std::vector<std::string> paths = absl::StrSplit(merge_inputs, ',');
    const absl::Status merged = run.LoadMergedShards(paths);
    if (!merged.ok()) return merged;
  } else {
    const int index = absl::GetFlag(FLAGS_shard_index), count = absl::GetFlag(FLAGS_shard_count);
    const absl::Status valid = vev::io::ValidateShardFlags(index, count);
    if (!valid.ok()) return valid;
    const vev::io::ShardRange range = vev::io::ShardOf(absl::GetFlag(FLAGS_items), index, count);
    std::vector<double> item, value;
    for (int64_t i = range.begin; i < range.end; ++i) {
      item.push_back(i);
      value.push_back(vev::rng::RandomStream(absl::GetFlag(FLAGS_seed), {uint64_t(i)}).Normal());
    }
    vev::Table* table = run.AddTable("draws", "one normal per item");
    vev::io::AddColumn(table, "item", "", item);
    vev::io::AddColumn(table, "value", "", value);
    if (count > 1) return absl::OkStatus();
  }
  double sum = 0.0;
  for (const double v : run.result().tables(0).columns(1).values()) sum += v;
  run.AddScalar("sum", sum, 0.0, "sum of the draws in item order");
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  vev::io::ExperimentRun run("shard_demo", argc, argv);
  const absl::Status status = Run(run);
  if (!status.ok()) return vev::io::ExitWithError(status);
  return vev::io::ExitWithError(run.Write(absl::GetFlag(FLAGS_out)));
}

// A minimal sharded experiment for testing the experiment frame (lib/io/experiment_frame.h)
// and vev_experiment: item i draws one normal from the stream keyed by (seed, i); the whole
// result gets the sum over items (in item order) as a scalar.
#include <cstdint>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/base/status_macros.h"
#include "lib/io/experiment_frame.h"
#include "lib/io/result_file.h"
#include "lib/io/table_builder.h"
#include "lib/rng/random_stream.h"

ABSL_FLAG(int, items, 10, "Number of items (>= 0).");

namespace {

struct Config {
  int items;
};

absl::StatusOr<Config> ConfigFromFlags() {
  const Config c{absl::GetFlag(FLAGS_items)};
  if (c.items < 0) return absl::InvalidArgumentError("--items must be >= 0");
  return c;
}

absl::Status Compute(const Config& c, const vev::io::FrameContext& frame,
                     vev::io::ExperimentRun& run) {
  const vev::io::ShardRange range = frame.Range(c.items);
  vev::io::TableBuilder draws(run.AddTable("draws", "one normal per item"),
                              {{"item", ""}, {"value", ""}});
  for (int64_t i = range.begin; i < range.end; ++i) {
    draws.AddRow({static_cast<double>(i),
                  vev::rng::RandomStream(frame.seed, {static_cast<uint64_t>(i)}).Normal()});
  }
  return absl::OkStatus();
}

absl::Status Summarize(const Config&, const vev::io::FrameContext&, vev::io::ExperimentRun& run) {
  VEV_ASSIGN_OR_RETURN(const vev::Table* draws, vev::io::FindTable(run.result(), "draws"));
  VEV_ASSIGN_OR_RETURN(const vev::Column* values, vev::io::FindColumn(*draws, "value"));
  double sum = 0.0;
  for (const double v : values->values()) sum += v;
  run.AddScalar("sum", sum, 0.0, "sum of the draws in item order");
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  vev::io::ExperimentDefinition definition;
  definition.name = "shard_demo";
  definition.usage = "shard_demo: one normal per item, and their sum (tests the frame).";
  definition.default_seed = 1;
  definition.rng_scheme = vev::rng::kRngScheme;
  definition.sharded = true;
  return vev::io::RunExperiment<Config>(argc, argv, definition,
                                        {ConfigFromFlags, Compute, Summarize});
}

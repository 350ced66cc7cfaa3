// The one frame of every experiment binary. It defines the common flags once (--out,
// --scale, --seed, --threads, --shard_index, --shard_count, --merge_inputs, --merge_parts),
// validates them before any work starts (a bad --out fails in milliseconds, not after an
// hour), prints --help (exit 0) with the binary's own flags, resolves relative paths against
// the directory `bazel run` was started from, and dispatches:
//
//   whole run         compute(all items), then summarize
//   shard i of n      compute(items of shard i)                      (--shard_index/count)
//   merge of shards   concatenate the shards' tables, then summarize  (--merge_inputs)
//   merge of parts    join whole results split along one list flag,   (--merge_parts)
//                     then summarize
//
// A compute function that finds its dataset missing calls MarkDataUnavailable (lib/io/
// experiment_run.h); the frame then skips summarize, and every merge of such inputs says
// so too. The spec (every flag of the binary, scale, seed, RNG scheme) and provenance are
// recorded by ExperimentRun; the result is written atomically.
//
// A binary supplies only its definition, its config and its two functions:
//
//   struct Config { ... };                              // every flag value the run needs
//   absl::StatusOr<Config> ConfigFromFlags();           // the only GetFlag calls
//   absl::Status Compute(const Config&, const io::FrameContext&, io::ExperimentRun&);
//   absl::Status Summarize(const Config&, const io::FrameContext&, io::ExperimentRun&);
//
//   int main(int argc, char** argv) {
//     return vev::io::RunExperiment<Config>(argc, argv, kDefinition,
//                                           {ConfigFromFlags, Compute, Summarize});
//   }
#ifndef VEV_LIB_IO_EXPERIMENT_FRAME_H_
#define VEV_LIB_IO_EXPERIMENT_FRAME_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/io/experiment_run.h"
#include "lib/io/shards.h"
#include "lib/io/user_path.h"

namespace vev::io {

// What an experiment is and which common flags apply to it. A common flag that does not
// apply is rejected when given, and is not recorded in the spec.
struct ExperimentDefinition {
  std::string name;   // spec.experiment, e.g. "train_grid"
  std::string usage;  // first lines of --help
  // Set for a randomized experiment: the default of --seed; the spec then records the
  // seed and `rng_scheme`, the scheme of its random streams (rng::kRngScheme, required).
  std::optional<uint64_t> default_seed;
  std::string rng_scheme;
  // Set if the experiment runs worker threads: the default of --threads.
  std::optional<int> default_threads;
  // --shard_index, --shard_count and --merge_inputs apply (lib/io/shards.h).
  bool sharded = false;
  // Non-empty: --merge_parts joins whole results that split the list-valued flag
  // `parts_parameter`, keeping their tables `part_item_tables` (io::MergePartResults).
  std::string parts_parameter;
  std::vector<std::string> part_item_tables;
};

// The common flags' values, validated, as a binary's functions see them.
struct FrameContext {
  std::string scale;
  uint64_t seed = 0;   // 0 for a deterministic experiment
  int threads = 1;
  int shard_index = 0;
  int shard_count = 1;
  const char* argv0 = "";  // for locating runfiles (datasets)

  // The items of this shard when the experiment has `total` items.
  ShardRange Range(int64_t total) const { return ShardOf(total, shard_index, shard_count); }
  // A shard of n > 1: computes rows only; the merge summarizes.
  bool IsPartialShard() const { return shard_count > 1; }
};

// The binary's functions. `summarize` may be empty (nothing to add to whole results).
template <typename Config>
struct ExperimentFunctions {
  std::function<absl::StatusOr<Config>()> config_from_flags;
  std::function<absl::Status(const Config&, const FrameContext&, ExperimentRun&)> compute;
  std::function<absl::Status(const Config&, const FrameContext&, ExperimentRun&)> summarize;
};

namespace internal {

// The dispatch above, with the binary's functions type-erased. Returns the exit code.
int RunFrame(int argc, char** argv, const ExperimentDefinition& definition,
             absl::FunctionRef<absl::Status()> make_config,
             absl::FunctionRef<absl::Status(const FrameContext&, ExperimentRun&)> compute,
             absl::FunctionRef<absl::Status(const FrameContext&, ExperimentRun&)> summarize);

}  // namespace internal

// The whole main() of an experiment binary: returns 0 on success, 2 after printing an
// error line (bad flag, bad input, failed computation), 0 after --help.
template <typename Config>
int RunExperiment(int argc, char** argv, const ExperimentDefinition& definition,
                  const ExperimentFunctions<Config>& functions) {
  std::optional<Config> config;
  return internal::RunFrame(
      argc, argv, definition,
      [&]() -> absl::Status {
        absl::StatusOr<Config> made = functions.config_from_flags();
        if (!made.ok()) return made.status();
        config.emplace(*std::move(made));
        return absl::OkStatus();
      },
      [&](const FrameContext& context, ExperimentRun& run) {
        return functions.compute(*config, context, run);
      },
      [&](const FrameContext& context, ExperimentRun& run) {
        if (!functions.summarize) return absl::OkStatus();
        return functions.summarize(*config, context, run);
      });
}

}  // namespace vev::io

#endif  // VEV_LIB_IO_EXPERIMENT_FRAME_H_

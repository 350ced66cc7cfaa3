// The record of one experiment run, kept by the experiment frame (lib/io/
// experiment_frame.h): the full spec (every flag of the binary), provenance (git commit,
// compiler, build flags, library versions) and run time, the tables and scalars the
// binary adds, and the atomic write of the result file.
//
// The frame defines --out and the shard and merge flags; they are not spec parameters:
// the frame records the shard in spec.shard_index/shard_count.
#ifndef VEV_LIB_IO_EXPERIMENT_RUN_H_
#define VEV_LIB_IO_EXPERIMENT_RUN_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "protos/result.pb.h"

namespace vev::io {

class ExperimentRun {
 public:
  // Call right after absl::ParseCommandLine. Records argv, the start time, and every
  // flag not defined by Abseil itself as a spec parameter, except the frame's --out,
  // shard and merge flags and `unrecorded_flags` (common flags that do not apply).
  ExperimentRun(absl::string_view experiment, int argc, char** argv,
                absl::Span<const std::string> unrecorded_flags = {});

  Result& result() { return result_; }
  ExperimentSpec& spec() { return *result_.mutable_spec(); }

  // Records the scale preset, the base seed and the RNG scheme (rng::kRngScheme) of a
  // randomized experiment in the spec.
  void SetRandomizedSpec(absl::string_view scale, uint64_t seed, absl::string_view rng_scheme);

  // Records that the input data is not available on this machine: the scalar
  // kDataUnavailableScalar = 1 (lib/io/result_file.h), and nothing else is computed.
  void MarkDataUnavailable();

  // Appends an empty table.
  Table* AddTable(absl::string_view name, absl::string_view description);
  // Appends a scalar estimate.
  void AddScalar(absl::string_view name, double value, double std_error,
                 absl::string_view description);

  // Merge mode (--merge_inputs): replaces the data (tables, scalars, dataset provenance)
  // by the shard results at `paths`, concatenated in order. Call after the spec is complete
  // (scale, seed, rng_scheme): the shards must have exactly this run's spec.
  // Errors: those of ReadAndMergeShards; InvalidArgument on a spec mismatch.
  absl::Status LoadMergedShards(absl::Span<const std::string> paths);

  // Parts mode (--merge_parts): as LoadMergedShards, for whole results that split this
  // run's list-valued parameter `split_parameter`, keeping their `item_tables`
  // (io::MergePartResults).
  absl::Status LoadMergedParts(absl::Span<const std::string> paths,
                               absl::string_view split_parameter,
                               absl::Span<const std::string> item_tables);

  // Fills run statistics (wall time: this run plus, after a merge, the shards' sum) and writes the
  // result to `path` atomically. Errors: those of WriteResultFile.
  absl::Status Write(absl::string_view path, int threads = 1);

 private:
  // Takes the data of a merged result whose spec must equal this run's (`flag` names the
  // merge flag in the error).
  absl::Status AdoptMerged(const Result& merged, absl::string_view flag);

  Result result_;
  std::chrono::steady_clock::time_point start_;
  double shard_wall_seconds_ = 0.0;
};

// Appends a column to `table`.
void AddColumn(Table* table, absl::string_view name, absl::string_view unit,
               absl::Span<const double> values);

// The git commit of the source tree: `git rev-parse HEAD` in BUILD_WORKSPACE_DIRECTORY (set
// by `bazel run`), else "unknown". Build actions (tools/experiment.bzl) get "unknown" on
// purpose: a commit in their inputs would defeat the result cache; the provenance's
// binary_sha256 identifies their code exactly.
std::string GitCommit();

// For main(): prints a non-OK status as one line on stderr and returns 2; returns 0 for OK.
int ExitWithError(const absl::Status& status);

}  // namespace vev::io

#endif  // VEV_LIB_IO_EXPERIMENT_RUN_H_

// Sharding of experiments over independent items (networks, runs, configurations), and the
// exact merge of shard results.
//
// Items are split into contiguous blocks: shard i of n gets [i*N/n, (i+1)*N/n). Random
// streams are keyed by item, never by shard, so concatenating the shards' table rows in
// shard order reproduces the unsharded result bit for bit, whatever n is.
#ifndef VEV_LIB_IO_SHARDS_H_
#define VEV_LIB_IO_SHARDS_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "protos/result.pb.h"

namespace vev::io {

// Flags of the experiment frame that are not recorded as spec parameters (lib/io/
// experiment_run.h): where the output goes, and how the work was split.
inline constexpr char kShardIndexFlag[] = "shard_index";
inline constexpr char kShardCountFlag[] = "shard_count";
inline constexpr char kMergeInputsFlag[] = "merge_inputs";
inline constexpr char kMergePartsFlag[] = "merge_parts";
inline constexpr char kOutFlag[] = "out";

struct ShardRange {
  int64_t begin = 0;  // first item
  int64_t end = 0;    // one past the last item
  int64_t size() const { return end - begin; }
};

// Items [begin, end) of shard `index` (0-based) of `count` over `total` items. Checks
// 0 <= index < count and total >= 0.
ShardRange ShardOf(int64_t total, int index, int count);

// Validates --shard_index/--shard_count values. Errors: InvalidArgument naming the flag.
absl::Status ValidateShardFlags(int index, int count);

// Merges shard results, given in shard order (input s must be shard s of n): checks that
// they come from the same experiment with the same spec, then
// concatenates the rows of every table (tables and columns matched by name and position)
// and keeps scalars only if all shards agree on them. Provenance is the first shard's,
// with the union of dataset files; wall_seconds is the sum over shards.
// The merged spec is shard 0 of 1, as for an unsharded run.
// Errors: InvalidArgument (no input, shards out of order, mismatched specs or tables).
absl::StatusOr<Result> MergeShardResults(absl::Span<const Result> shards);

// Reads the result files `paths` (shards in order) and merges them.
// Errors: those of ReadResultFile and MergeShardResults.
absl::StatusOr<Result> ReadAndMergeShards(absl::Span<const std::string> paths);

// Merges whole results that split an experiment along one list-valued parameter (e.g. a
// grid run once per initializer, each with its own binary, so that a change to one
// initializer reruns only its part): part p was run with `split_parameter` = v_p and every
// other parameter equal. The merged spec has `split_parameter` = "v_0,v_1,...", and its
// tables are the parts' tables named in `item_tables` (one row per item), rows concatenated
// in order, which equals the single run over the joined list when items are keyed by their
// values and enumerated list-major (as lib/training/training_grid.h does). Other tables
// (summaries of a whole result) are dropped: the caller recomputes them. Scalars and
// provenance as in MergeShardResults.
// Errors: InvalidArgument (no part, a sharded part, a part without the parameter, specs
// that differ elsewhere, a missing or mismatched item table).
absl::StatusOr<Result> MergePartResults(absl::Span<const Result> parts,
                                        absl::string_view split_parameter,
                                        absl::Span<const std::string> item_tables);

// Reads the result files `paths` (parts in order) and merges them with MergePartResults.
absl::StatusOr<Result> ReadAndMergeParts(absl::Span<const std::string> paths,
                                         absl::string_view split_parameter,
                                         absl::Span<const std::string> item_tables);

}  // namespace vev::io

#endif  // VEV_LIB_IO_SHARDS_H_

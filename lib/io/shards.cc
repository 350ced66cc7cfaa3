#include "lib/io/shards.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/check.h"
#include "lib/base/status_macros.h"
#include "lib/io/result_file.h"

namespace vev::io {
namespace {

// The spec of the whole experiment that a shard belongs to.
ExperimentSpec WholeSpec(const ExperimentSpec& spec) {
  ExperimentSpec whole = spec;
  whole.set_shard_index(0);
  whole.set_shard_count(1);
  return whole;
}

absl::Status CheckSameLayout(const Table& a, const Table& b, int shard) {
  if (a.name() != b.name() || a.columns_size() != b.columns_size()) {
    return absl::InvalidArgumentError(absl::StrCat("shard ", shard, ": table '", b.name(),
                                                   "' does not match table '", a.name(),
                                                   "' of shard 0"));
  }
  for (int c = 0; c < a.columns_size(); ++c) {
    if (a.columns(c).name() != b.columns(c).name()) {
      return absl::InvalidArgumentError(absl::StrCat("shard ", shard, ": table '", a.name(),
                                                     "' column ", c, " is '", b.columns(c).name(),
                                                     "', expected '", a.columns(c).name(), "'"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

ShardRange ShardOf(int64_t total, int index, int count) {
  VEV_CHECK(count >= 1 && index >= 0 && index < count && total >= 0);
  // Products fit in 64 bits for any realistic total (< 2^40 items, < 2^20 shards).
  return {total * index / count, total * (index + 1) / count};
}

absl::Status ValidateShardFlags(int index, int count) {
  if (count < 1) {
    return absl::InvalidArgumentError(absl::StrCat("--shard_count must be >= 1, got ", count));
  }
  if (index < 0 || index >= count) {
    return absl::InvalidArgumentError(
        absl::StrCat("--shard_index must be in [0, ", count, "), got ", index));
  }
  return absl::OkStatus();
}

absl::StatusOr<Result> MergeShardResults(absl::Span<const Result> shards) {
  if (shards.empty()) return absl::InvalidArgumentError("no shard results to merge");
  const int count = static_cast<int>(shards.size());
  for (int s = 0; s < count; ++s) {
    if (shards[s].spec().shard_index() != s || shards[s].spec().shard_count() != count) {
      return absl::InvalidArgumentError(
          absl::StrCat("merge input ", s, " is shard ", shards[s].spec().shard_index(), " of ",
                       shards[s].spec().shard_count(), ", expected shard ", s, " of ", count));
    }
  }
  Result merged = shards[0];
  *merged.mutable_spec() = WholeSpec(shards[0].spec());
  const std::string reference = merged.spec().SerializeAsString();
  std::set<std::string> datasets;
  for (const DatasetFile& f : merged.provenance().datasets()) datasets.insert(f.name());
  double wall_seconds = shards[0].run().wall_seconds();

  for (int s = 1; s < static_cast<int>(shards.size()); ++s) {
    const Result& shard = shards[s];
    if (WholeSpec(shard.spec()).SerializeAsString() != reference) {
      return absl::InvalidArgumentError(
          absl::StrCat("shard ", s, " of '", shard.spec().experiment(),
                       "' was run with a different spec than shard 0"));
    }
    if (shard.tables_size() != merged.tables_size()) {
      return absl::InvalidArgumentError(absl::StrCat("shard ", s, " has ", shard.tables_size(),
                                                     " tables, shard 0 has ",
                                                     merged.tables_size()));
    }
    for (int t = 0; t < shard.tables_size(); ++t) {
      Table& into = *merged.mutable_tables(t);
      const Table& from = shard.tables(t);
      const absl::Status layout = CheckSameLayout(into, from, s);
      if (!layout.ok()) return layout;
      for (int c = 0; c < from.columns_size(); ++c) {
        into.mutable_columns(c)->mutable_values()->MergeFrom(from.columns(c).values());
      }
    }
    // Scalars describe the whole run only when every shard computed the same value.
    for (int i = merged.scalars_size() - 1; i >= 0; --i) {
      bool same = false;
      for (const Scalar& other : shard.scalars()) {
        if (other.SerializeAsString() == merged.scalars(i).SerializeAsString()) same = true;
      }
      if (!same) merged.mutable_scalars()->DeleteSubrange(i, 1);
    }
    for (const DatasetFile& f : shard.provenance().datasets()) {
      if (datasets.insert(f.name()).second) *merged.mutable_provenance()->add_datasets() = f;
    }
    wall_seconds += shard.run().wall_seconds();
  }
  merged.mutable_run()->set_wall_seconds(wall_seconds);
  return merged;
}

absl::StatusOr<Result> ReadAndMergeShards(absl::Span<const std::string> paths) {
  std::vector<Result> shards;
  for (const std::string& path : paths) {
    VEV_ASSIGN_OR_RETURN(Result shard, ReadResultFile(path));
    shards.push_back(std::move(shard));
  }
  return MergeShardResults(shards);
}

absl::StatusOr<Result> MergePartResults(absl::Span<const Result> parts,
                                        absl::string_view split_parameter,
                                        absl::Span<const std::string> item_tables) {
  if (parts.empty()) return absl::InvalidArgumentError("no part results to merge");
  std::vector<std::string> values;
  for (size_t p = 0; p < parts.size(); ++p) {
    if (parts[p].spec().shard_count() != 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("part ", p, " is shard ", parts[p].spec().shard_index(), " of ",
                       parts[p].spec().shard_count(), ", not a whole result"));
    }
    const Parameter* found = nullptr;
    for (const Parameter& parameter : parts[p].spec().parameters()) {
      if (parameter.name() == split_parameter) found = &parameter;
    }
    if (found == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("part ", p, " has no parameter '", split_parameter, "'"));
    }
    values.push_back(found->value());
  }
  const std::string joined = absl::StrJoin(values, ",");
  // Each part becomes shard p of n of the joined spec, with only the item tables, in the
  // order of `item_tables`; MergeShardResults checks the rest.
  std::vector<Result> shards(parts.size());
  for (size_t p = 0; p < parts.size(); ++p) {
    Result& shard = shards[p];
    *shard.mutable_provenance() = parts[p].provenance();
    *shard.mutable_run() = parts[p].run();
    *shard.mutable_scalars() = parts[p].scalars();
    // A part that computed nothing (dataset not available) has no item tables; the merge
    // then says the same, so a machine without data still builds every merged result.
    // MergeShardResults rejects a mix of such parts and parts with data (table counts).
    const absl::Span<const std::string> tables =
        IsDataUnavailable(parts[p]) ? absl::Span<const std::string>() : item_tables;
    for (const std::string& name : tables) {
      const absl::StatusOr<const Table*> table = FindTable(parts[p], name);
      if (!table.ok()) {
        return absl::InvalidArgumentError(absl::StrCat("part ", p, ": ", table.status().message()));
      }
      *shard.add_tables() = **table;
    }
    ExperimentSpec& spec = *shard.mutable_spec();
    spec = parts[p].spec();
    for (Parameter& parameter : *spec.mutable_parameters()) {
      if (parameter.name() == split_parameter) parameter.set_value(joined);
    }
    spec.set_shard_index(static_cast<int>(p));
    spec.set_shard_count(static_cast<int>(shards.size()));
  }
  absl::StatusOr<Result> merged = MergeShardResults(shards);
  if (!merged.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("merging parts split by '", split_parameter,
                     "' (a part is 'shard' here): ", merged.status().message()));
  }
  return merged;
}

absl::StatusOr<Result> ReadAndMergeParts(absl::Span<const std::string> paths,
                                         absl::string_view split_parameter,
                                         absl::Span<const std::string> item_tables) {
  std::vector<Result> parts;
  for (const std::string& path : paths) {
    VEV_ASSIGN_OR_RETURN(Result part, ReadResultFile(path));
    parts.push_back(std::move(part));
  }
  return MergePartResults(parts, split_parameter, item_tables);
}

}  // namespace vev::io

#include "lib/io/shards.h"

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "lib/io/result_file.h"

namespace vev::io {
namespace {

TEST(ShardOf, CoversEveryItemOnceInOrder) {
  for (const int64_t total : {0, 1, 7, 10, 1000}) {
    for (const int count : {1, 2, 3, 7, 16}) {
      int64_t next = 0;
      for (int i = 0; i < count; ++i) {
        const ShardRange range = ShardOf(total, i, count);
        EXPECT_EQ(range.begin, next) << total << " " << i << "/" << count;
        EXPECT_GE(range.size(), total / count);
        EXPECT_LE(range.size(), total / count + 1);
        next = range.end;
      }
      EXPECT_EQ(next, total);
    }
  }
}

TEST(ValidateShardFlags, NamesTheFlag) {
  EXPECT_TRUE(ValidateShardFlags(0, 1).ok());
  EXPECT_NE(std::string(ValidateShardFlags(0, 0).message()).find("--shard_count"),
            std::string::npos);
  EXPECT_NE(std::string(ValidateShardFlags(3, 3).message()).find("--shard_index"),
            std::string::npos);
}

Result Shard(int index, int count, std::vector<double> values) {
  Result r;
  r.mutable_spec()->set_experiment("e");
  r.mutable_spec()->set_shard_index(index);
  r.mutable_spec()->set_shard_count(count);
  r.mutable_run()->set_wall_seconds(1.5);
  Table* t = r.add_tables();
  t->set_name("t");
  Column* c = t->add_columns();
  c->set_name("x");
  for (double v : values) c->add_values(v);
  return r;
}

TEST(MergeShardResults, ConcatenatesRowsInShardOrder) {
  const std::vector<Result> shards = {Shard(0, 3, {1, 2}), Shard(1, 3, {}), Shard(2, 3, {3})};
  const absl::StatusOr<Result> merged = MergeShardResults(shards);
  ASSERT_TRUE(merged.ok()) << merged.status();
  const auto& values = merged->tables(0).columns(0).values();
  EXPECT_EQ(std::vector<double>(values.begin(), values.end()), (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(merged->spec().shard_index(), 0);
  EXPECT_EQ(merged->spec().shard_count(), 1);
  EXPECT_DOUBLE_EQ(merged->run().wall_seconds(), 4.5);
}

TEST(MergeShardResults, RejectsMisorderedOrMismatchedShards) {
  EXPECT_FALSE(MergeShardResults({Shard(1, 2, {}), Shard(0, 2, {})}).ok());
  EXPECT_FALSE(MergeShardResults({Shard(0, 3, {}), Shard(1, 3, {})}).ok());
  Result other = Shard(1, 2, {});
  other.mutable_spec()->set_seed(9);
  EXPECT_EQ(MergeShardResults({Shard(0, 2, {}), other}).status().code(),
            absl::StatusCode::kInvalidArgument);
  Result renamed = Shard(1, 2, {});
  renamed.mutable_tables(0)->mutable_columns(0)->set_name("y");
  EXPECT_FALSE(MergeShardResults({Shard(0, 2, {}), renamed}).ok());
  EXPECT_FALSE(MergeShardResults({}).ok());
}

// A whole result of a run with parameters inits = `inits` and width = `width`.
Result Part(const std::string& inits, const std::string& width, std::vector<double> values) {
  Result r = Shard(0, 1, std::move(values));
  for (const auto& [name, value] :
       {std::pair<std::string, std::string>{"inits", inits}, {"width", width}}) {
    Parameter* p = r.mutable_spec()->add_parameters();
    p->set_name(name);
    p->set_value(value);
  }
  return r;
}

TEST(MergePartResults, JoinsTheSplitParameterAndConcatenatesRows) {
  std::vector<Result> parts = {Part("gsm", "10", {1, 2}), Part("zero", "10", {3}),
                               Part("he_normal", "10", {})};
  // A whole result's summary tables differ between parts; they are dropped.
  parts[0].add_tables()->set_name("summary_gsm");
  parts[1].add_tables()->set_name("summary_zero");
  const absl::StatusOr<Result> merged = MergePartResults(parts, "inits", {"t"});
  ASSERT_TRUE(merged.ok()) << merged.status();
  ASSERT_EQ(merged->tables_size(), 1);
  EXPECT_EQ(merged->spec().parameters(0).name(), "inits");
  EXPECT_EQ(merged->spec().parameters(0).value(), "gsm,zero,he_normal");
  EXPECT_EQ(merged->spec().parameters(1).value(), "10");
  const auto& values = merged->tables(0).columns(0).values();
  EXPECT_EQ(std::vector<double>(values.begin(), values.end()), (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(merged->spec().shard_index(), 0);
  EXPECT_EQ(merged->spec().shard_count(), 1);
  EXPECT_DOUBLE_EQ(merged->run().wall_seconds(), 4.5);
}

TEST(MergePartResults, RejectsPartsThatDifferElsewhereOrAreShards) {
  EXPECT_FALSE(MergePartResults({}, "inits", {"t"}).ok());
  // Another parameter differs.
  const absl::Status width =
      MergePartResults({Part("gsm", "10", {}), Part("zero", "200", {})}, "inits", {"t"}).status();
  EXPECT_EQ(width.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(width.message().find("inits"), absl::string_view::npos) << width;
  // The split parameter does not exist.
  EXPECT_FALSE(
      MergePartResults({Part("gsm", "10", {}), Part("zero", "10", {})}, "depths", {"t"}).ok());
  // A shard is not a whole part.
  Result shard = Part("zero", "10", {});
  shard.mutable_spec()->set_shard_count(2);
  EXPECT_FALSE(MergePartResults({Part("gsm", "10", {}), shard}, "inits", {"t"}).ok());
  // Item tables must exist and match.
  EXPECT_FALSE(
      MergePartResults({Part("gsm", "10", {}), Part("zero", "10", {})}, "inits", {"u"}).ok());
  Result renamed = Part("zero", "10", {});
  renamed.mutable_tables(0)->mutable_columns(0)->set_name("y");
  EXPECT_FALSE(MergePartResults({Part("gsm", "10", {}), renamed}, "inits", {"t"}).ok());
}

// A part without data (dataset not available): no tables, data_unavailable = 1.
Result UnavailablePart(const std::string& inits) {
  Result r = Part(inits, "10", {});
  r.clear_tables();
  Scalar* s = r.add_scalars();
  s->set_name(kDataUnavailableScalar);
  s->set_value(1.0);
  return r;
}

TEST(MergePartResults, PartsWithoutDataMergeIntoAResultThatSaysSo) {
  const absl::StatusOr<Result> merged =
      MergePartResults({UnavailablePart("gsm"), UnavailablePart("zero")}, "inits", {"t"});
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_TRUE(IsDataUnavailable(*merged));
  EXPECT_EQ(merged->tables_size(), 0);
  EXPECT_EQ(merged->spec().parameters(0).value(), "gsm,zero");
  // A mix of parts with and without data is an error, not a silently partial result.
  EXPECT_FALSE(MergePartResults({Part("gsm", "10", {1}), UnavailablePart("zero")}, "inits", {"t"})
                   .ok());
}

TEST(MergeShardResults, ShardsWithoutDataMergeIntoAResultThatSaysSo) {
  Result a = UnavailablePart("gsm"), b = UnavailablePart("gsm");
  a.mutable_spec()->set_shard_count(2);
  b.mutable_spec()->set_shard_count(2);
  b.mutable_spec()->set_shard_index(1);
  const absl::StatusOr<Result> merged = MergeShardResults({a, b});
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_TRUE(IsDataUnavailable(*merged));
}

}  // namespace
}  // namespace vev::io

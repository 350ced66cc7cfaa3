// vev_experiment end to end: the same experiment run as 1, 3 and 7 shards (7 > items per
// shard boundary cases) gives bit-identical spec, tables and scalars.
#include <string>

#include "gtest/gtest.h"
#include "lib/io/result_file.h"

namespace vev::io {
namespace {

std::string DataOf(const Result& result) {
  Result data;
  *data.mutable_spec() = result.spec();
  *data.mutable_tables() = result.tables();
  *data.mutable_scalars() = result.scalars();
  return data.SerializeAsString();
}

TEST(Sharding, ResultDoesNotDependOnShardCount) {
  const char* paths[] = {"tests/experiments/shard_demo_1.pb", "tests/experiments/shard_demo_3.pb",
                         "tests/experiments/shard_demo_7.pb"};
  const absl::StatusOr<Result> whole = ReadResultFile(paths[0]);
  ASSERT_TRUE(whole.ok()) << whole.status();
  ASSERT_EQ(whole->tables(0).columns(0).values_size(), 10);
  ASSERT_EQ(whole->scalars_size(), 1);
  EXPECT_EQ(whole->spec().shard_count(), 1);
  for (const char* path : {paths[1], paths[2]}) {
    const absl::StatusOr<Result> sharded = ReadResultFile(path);
    ASSERT_TRUE(sharded.ok()) << sharded.status();
    EXPECT_EQ(DataOf(*sharded), DataOf(*whole)) << path;
  }
}

}  // namespace
}  // namespace vev::io

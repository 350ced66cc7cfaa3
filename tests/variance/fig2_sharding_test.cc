// The Fig. 2 experiment (//experiments/vanishing_variance/fig2:empirical_variance) run as
// build actions on a synthetic dataset: 1 shard and 1 thread versus several shards (merged)
// and several threads give bit-identical data (per-network variances and quantile tables),
// for a plain random initializer and for MetaInit; only timing tables may differ.
#include <string>

#include "gtest/gtest.h"
#include "lib/io/result_file.h"
#include "protos/result.pb.h"

namespace vev {
namespace {

Result Load(const std::string& name) {
  const absl::StatusOr<Result> r =
      io::ReadResultFile("tests/variance/fig2_sharding_" + name + ".pb");
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : Result();
}

// Every table but the timing one, serialized (bitwise comparison of the doubles).
std::string DataOf(const Result& r) {
  Result data;
  for (const Table& t : r.tables()) {
    if (t.name().find("_timing") == std::string::npos) *data.add_tables() = t;
  }
  *data.mutable_scalars() = r.scalars();
  return data.SerializeAsString();
}

TEST(Fig2Sharding, ShardsAndThreadsGiveIdenticalResults) {
  for (const auto& [whole, split] :
       {std::pair<std::string, std::string>{"gsm_1", "gsm_3"}, {"metainit_1", "metainit_2"}}) {
    const Result a = Load(whole), b = Load(split);
    ASSERT_GE(a.tables_size(), 2) << whole;
    EXPECT_EQ(a.spec().shard_count(), 1);
    EXPECT_EQ(DataOf(a), DataOf(b)) << whole << " vs " << split;
    EXPECT_NE(a.tables(0).columns(1).values(0), 0.0);
  }
}

}  // namespace
}  // namespace vev

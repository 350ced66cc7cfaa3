// A training grid split into one part per initializer (each run by a binary that links only
// that initializer) and merged with --merge_parts equals the grid run in one go by the
// binary with every initializer: same spec, bit-identical tables and scalars. This is how
// Fig. 3 is built (experiments/vanishing_variance/training/BUILD.bazel).
#include <string>

#include "gtest/gtest.h"
#include "lib/io/result_file.h"
#include "protos/result.pb.h"

namespace vev {
namespace {

Result Load(const std::string& name) {
  const absl::StatusOr<Result> r = io::ReadResultFile("tests/training/" + name + ".pb");
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : Result();
}

TEST(GridParts, MergedPartsEqualTheDirectRun) {
  const Result direct = Load("grid_direct"), merged = Load("grid_merged");
  EXPECT_EQ(direct.spec().SerializeAsString(), merged.spec().SerializeAsString());
  ASSERT_GE(direct.tables_size(), 2);
  ASSERT_EQ(direct.tables_size(), merged.tables_size());
  for (int t = 0; t < direct.tables_size(); ++t) {
    EXPECT_EQ(direct.tables(t).SerializeAsString(), merged.tables(t).SerializeAsString())
        << direct.tables(t).name();
  }
  EXPECT_EQ(direct.scalars_size(), merged.scalars_size());
  // 3 initializers x 2 depths x 2 repeats, with MetaInit among them.
  EXPECT_EQ(direct.tables(0).name(), "runs");
  EXPECT_EQ(direct.tables(0).columns(0).values_size(), 12);
}

}  // namespace
}  // namespace vev

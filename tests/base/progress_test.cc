// ProgressReporter's status file (lib/base/progress.h): present with the latest counts while
// the loop runs, gone when the reporter ends.
#include "lib/base/progress.h"

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"

namespace vev {
namespace {

std::vector<std::string> StatusFields() {
  std::ifstream in(ProgressReporter::StatusFilePath());
  std::string line;
  if (!std::getline(in, line)) return {};
  return absl::StrSplit(line, '\t');
}

TEST(ProgressReporter, StatusFileFollowsTheLoopAndIsRemovedAtTheEnd) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  ASSERT_NE(tmp, nullptr);
  ASSERT_EQ(setenv("VEV_PROGRESS_DIR", (std::string(tmp) + "/progress").c_str(), 1), 0);
  {
    ProgressReporter progress("demo shard 1/2", 10, "runs", /*min_interval_seconds=*/0.0);
    std::vector<std::string> fields = StatusFields();
    ASSERT_EQ(fields.size(), 8u);
    EXPECT_EQ(fields[1], "demo shard 1/2");
    EXPECT_EQ(fields[2], "0");
    EXPECT_EQ(fields[3], "10");
    EXPECT_EQ(fields[4], "runs");
    EXPECT_EQ(fields[6], "-1");  // no rate yet: ETA unknown
    progress.Update(4);
    fields = StatusFields();
    ASSERT_EQ(fields.size(), 8u);
    EXPECT_EQ(fields[2], "4");
  }
  EXPECT_FALSE(std::ifstream(ProgressReporter::StatusFilePath()).good());
}

}  // namespace
}  // namespace vev

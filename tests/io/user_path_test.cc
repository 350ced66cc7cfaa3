#include "lib/io/user_path.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace vev::io {
namespace {

class UserPathTest : public ::testing::Test {
 protected:
  void TearDown() override { unsetenv("BUILD_WORKING_DIRECTORY"); }
};

TEST_F(UserPathTest, RelativePathsResolveAgainstTheBazelRunDirectory) {
  setenv("BUILD_WORKING_DIRECTORY", "/home/user/project", 1);
  EXPECT_EQ(ResolveUserPath("out/r.pb"), "/home/user/project/out/r.pb");
  EXPECT_EQ(ResolveUserPath("/abs/r.pb"), "/abs/r.pb");
  EXPECT_EQ(ResolveUserPath(""), "");
}

TEST_F(UserPathTest, WithoutBazelRunPathsAreUnchanged) {
  unsetenv("BUILD_WORKING_DIRECTORY");
  EXPECT_EQ(ResolveUserPath("out/r.pb"), "out/r.pb");
  setenv("BUILD_WORKING_DIRECTORY", "", 1);
  EXPECT_EQ(ResolveUserPath("out/r.pb"), "out/r.pb");
}

TEST_F(UserPathTest, OutputInAWritableFolderIsAccepted) {
  const std::string dir = ::testing::TempDir();
  EXPECT_TRUE(CheckWritableOutput("out", absl::StrCat(dir, "/r.pb")).ok());
}

TEST_F(UserPathTest, MissingFolderIsRejectedNamingTheFlag) {
  const absl::Status status =
      CheckWritableOutput("out", absl::StrCat(::testing::TempDir(), "/no/such/dir/r.pb"));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("--out="), std::string::npos);
  EXPECT_NE(status.message().find("does not exist"), std::string::npos);
}

TEST_F(UserPathTest, AFolderIsNotAnOutputFile) {
  const absl::Status status = CheckWritableOutput("out", ::testing::TempDir());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("is a folder"), std::string::npos);
}

TEST_F(UserPathTest, ReadOnlyFolderIsRejected) {
  if (geteuid() == 0) GTEST_SKIP() << "root writes to read-only folders";
  const std::string dir = absl::StrCat(::testing::TempDir(), "/read_only");
  mkdir(dir.c_str(), 0500);
  const absl::Status status = CheckWritableOutput("out", absl::StrCat(dir, "/r.pb"));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("not writable"), std::string::npos);
}

}  // namespace
}  // namespace vev::io

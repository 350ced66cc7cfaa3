#include "lib/data/file_bytes.h"

#include <cstdlib>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace vev::data {
namespace {

std::string TempPath(const std::string& name) {
  const char* base = std::getenv("TEST_TMPDIR");
  return std::string(base != nullptr ? base : "/tmp") + "/" + name;
}

TEST(FileBytes, WriteThenReadAndMapRoundTrip) {
  const std::string path = TempPath("bytes.bin");
  std::string data = "header";
  data.push_back('\0');
  data += std::string(100000, 'x');
  ASSERT_TRUE(WriteFileBytes(path, data).ok());
  const absl::StatusOr<std::string> read = ReadFileBytes(path);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, data);
  absl::StatusOr<MappedFile> mapped = MapFile(path);
  ASSERT_TRUE(mapped.ok()) << mapped.status();
  EXPECT_EQ(mapped->bytes(), data);
  MappedFile moved = *std::move(mapped);  // the mapping survives a move
  EXPECT_EQ(moved.bytes(), data);
}

TEST(FileBytes, EmptyFileMapsToEmptyBytes) {
  const std::string path = TempPath("empty.bin");
  ASSERT_TRUE(WriteFileBytes(path, "").ok());
  const absl::StatusOr<MappedFile> mapped = MapFile(path);
  ASSERT_TRUE(mapped.ok()) << mapped.status();
  EXPECT_TRUE(mapped->bytes().empty());
}

TEST(FileBytes, MissingFileIsNotFoundNamingThePath) {
  const std::string path = TempPath("no_such_file.gz");
  for (const absl::Status& status : {ReadFileBytes(path).status(), MapFile(path).status()}) {
    EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
    EXPECT_NE(status.message().find("no_such_file.gz"), absl::string_view::npos) << status;
  }
}

TEST(FileBytes, DirectoryIsFailedPrecondition) {
  EXPECT_EQ(ReadFileBytes(TempPath("")).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(MapFile(TempPath("")).status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace vev::data

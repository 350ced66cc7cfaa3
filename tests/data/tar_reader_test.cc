#include "lib/data/tar_reader.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "lib/data/file_bytes.h"
#include "tools/cpp/runfiles/runfiles.h"

namespace vev::data {
namespace {

using ::bazel::tools::cpp::runfiles::Runfiles;

std::string TestdataBytes(const std::string& file) {
  std::string error;
  std::unique_ptr<Runfiles> runfiles(Runfiles::CreateForTest(&error));
  EXPECT_NE(runfiles, nullptr) << error;
  const absl::StatusOr<std::string> bytes =
      ReadFileBytes(runfiles->Rlocation("vev/tests/data/testdata/" + file));
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  return bytes.ok() ? *bytes : "";
}

const std::vector<std::pair<std::string, std::string>> kFiles = {
    {"cifar-10-batches-bin/data_batch_1.bin", std::string(1000, 'a')},
    {"cifar-10-batches-bin/empty.bin", ""},
    {"cifar-10-batches-bin/block.bin", std::string(512, 'b')},
};

TEST(TarReader, RoundTripsMakeTar) {
  const std::string tar = MakeTar(kFiles);
  const absl::StatusOr<std::vector<TarMember>> members = ListTarMembers(tar, "t.tar");
  ASSERT_TRUE(members.ok()) << members.status();
  ASSERT_EQ(members->size(), kFiles.size());
  for (size_t i = 0; i < kFiles.size(); ++i) {
    EXPECT_EQ((*members)[i].name, kFiles[i].first);
    EXPECT_TRUE((*members)[i].regular);
    const absl::StatusOr<absl::string_view> data = FindTarMember(tar, "t.tar", kFiles[i].first);
    ASSERT_TRUE(data.ok()) << data.status();
    EXPECT_EQ(*data, kFiles[i].second);
  }
}

// Archives written by GNU tar 1.34 (--format=gnu: a 'L' long-name entry; --format=pax: a
// pax 'path' record) holding a directory, a 120-character member name and a short one.
TEST(TarReader, ReadsGnuAndPaxLongNames) {
  const std::string long_name = "cifar-10-batches-bin/" + std::string(120, 'x') + ".bin";
  for (const std::string file : {"gnu_long_name.tar", "pax_long_name.tar"}) {
    const std::string tar = TestdataBytes(file);
    const absl::StatusOr<absl::string_view> long_data = FindTarMember(tar, file, long_name);
    ASSERT_TRUE(long_data.ok()) << file << ": " << long_data.status();
    EXPECT_EQ(*long_data, "long name data\n");
    const absl::StatusOr<absl::string_view> short_data =
        FindTarMember(tar, file, "cifar-10-batches-bin/short.bin");
    ASSERT_TRUE(short_data.ok()) << short_data.status();
    EXPECT_EQ(*short_data, "abc");
    const absl::StatusOr<std::vector<TarMember>> members = ListTarMembers(tar, file);
    ASSERT_TRUE(members.ok());
    int directories = 0;
    for (const TarMember& member : *members) directories += member.regular ? 0 : 1;
    EXPECT_EQ(directories, 1) << file;
  }
}

TEST(TarReader, MissingMemberIsNotFoundListingMembers) {
  const absl::Status status =
      FindTarMember(MakeTar(kFiles), "t.tar", "cifar-10-batches-bin/test_batch.bin").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(status.message().find("data_batch_1.bin"), absl::string_view::npos) << status;
}

TEST(TarReader, HeaderChecksumMismatchIsDataLossWithOffset) {
  std::string tar = MakeTar(kFiles);
  tar[1536 + 10] ^= 0x20;  // a name byte of the second header (after 512 + 1024 bytes)
  const absl::Status status = ListTarMembers(tar, "t.tar").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("byte offset 1536"), absl::string_view::npos) << status;
}

TEST(TarReader, TruncatedMemberIsDataLoss) {
  const std::string tar = MakeTar(kFiles);
  const absl::Status status = ListTarMembers(tar.substr(0, 700), "t.tar").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("truncated"), absl::string_view::npos) << status;
}

TEST(TarReader, MissingEndOfArchiveIsDataLoss) {
  const std::string tar = MakeTar(kFiles);
  const absl::Status status = ListTarMembers(tar.substr(0, tar.size() - 1024), "t.tar").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
}

TEST(TarReader, MalformedSizeFieldIsInvalidArgument) {
  std::string tar = MakeTar({{"a.bin", "xyz"}});
  tar[124] = '9';  // not an octal digit; fix the checksum so only the size is wrong
  std::string header = tar.substr(0, 512);
  for (int i = 148; i < 156; ++i) header[i] = ' ';
  int sum = 0;
  for (const char c : header) sum += static_cast<unsigned char>(c);
  char field[16];
  std::snprintf(field, sizeof(field), "%06o", sum);
  tar.replace(148, 7, std::string(field, 6) + '\0');
  const absl::Status status = ListTarMembers(tar, "t.tar").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
}

TEST(TarReader, NotATarIsAnError) {
  EXPECT_FALSE(ListTarMembers(std::string(2048, 'x'), "x").ok());
  EXPECT_FALSE(ListTarMembers("", "x").ok());
}

}  // namespace
}  // namespace vev::data

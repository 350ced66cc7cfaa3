#include "lib/data/cifar_reader.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace vev::data {
namespace {

std::string Images(int n) {
  std::string s;
  for (int i = 0; i < n * kCifarImageBytes; ++i) s.push_back(static_cast<char>((i * 13) % 256));
  return s;
}

TEST(CifarReader, RoundTripsRecords) {
  const std::vector<uint8_t> labels = {3, 8, 8, 0};
  const std::string images = Images(4);
  const std::string bytes = MakeCifarBatchBytes(labels, images);
  ASSERT_EQ(bytes.size(), 4u * kCifarRecordBytes);
  const absl::StatusOr<CifarBatch> batch = ParseCifarBatch(bytes, "b.bin");
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->num_records, 4);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(static_cast<uint8_t>(batch->records[i * kCifarRecordBytes]), labels[i]);
    EXPECT_EQ(batch->records.substr(i * kCifarRecordBytes + 1, kCifarImageBytes),
              absl::string_view(images).substr(i * kCifarImageBytes, kCifarImageBytes));
  }
}

TEST(CifarReader, TruncatedFileIsDataLossWithOffset) {
  const std::string bytes = MakeCifarBatchBytes({1, 2}, Images(2));
  const absl::Status status = ParseCifarBatch(bytes.substr(0, bytes.size() - 10), "b.bin").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("byte offset 3073 has only 3063 bytes (10 missing"),
            absl::string_view::npos)
      << status;
}

TEST(CifarReader, LabelOutOfRangeIsInvalidArgumentWithOffset) {
  std::string bytes = MakeCifarBatchBytes({1, 2, 3}, Images(3));
  bytes[2 * kCifarRecordBytes] = 10;
  const absl::Status status = ParseCifarBatch(bytes, "b.bin").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("label 10 of record 2 at byte offset 6146"),
            absl::string_view::npos)
      << status;
}

TEST(CifarReader, EmptyFileIsInvalidArgument) {
  EXPECT_EQ(ParseCifarBatch("", "b.bin").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vev::data

#include "lib/data/idx_reader.h"

#include <string>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace vev::data {
namespace {

std::string Pixels(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>(i % 256));
  return s;
}

TEST(IdxReader, RoundTripsImagesAndLabels) {
  const std::string pixels = Pixels(3 * 28 * 28);
  const std::string images = MakeIdxBytes({3, 28, 28}, pixels);
  EXPECT_EQ(images.substr(0, 4), std::string("\0\0\x08\x03", 4));
  EXPECT_EQ(images.size(), 16u + pixels.size());
  const absl::StatusOr<IdxArray> parsed = ParseIdxImages(images, "img", 28, 28);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->dims, (std::vector<int64_t>{3, 28, 28}));
  EXPECT_EQ(parsed->payload, pixels);

  const std::string labels = MakeIdxBytes({4}, std::string("\x00\x09\x03\x07", 4));
  const absl::StatusOr<IdxArray> parsed_labels = ParseIdxLabels(labels, "lab", 10);
  ASSERT_TRUE(parsed_labels.ok()) << parsed_labels.status();
  EXPECT_EQ(parsed_labels->dims, (std::vector<int64_t>{4}));
  EXPECT_EQ(parsed_labels->payload, std::string("\x00\x09\x03\x07", 4));
}

TEST(IdxReader, WrongMagicIsInvalidArgument) {
  std::string labels = MakeIdxBytes({2}, std::string("\x01\x02", 2));
  // Labels given where images are expected, and vice versa.
  absl::Status status = ParseIdxImages(labels, "train-images", 28, 28).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("0x00000801"), absl::string_view::npos) << status;
  EXPECT_NE(status.message().find("expected 0x00000803"), absl::string_view::npos) << status;
  EXPECT_NE(status.message().find("train-images"), absl::string_view::npos) << status;
  status = ParseIdxLabels(MakeIdxBytes({1, 28, 28}, Pixels(784)), "labels", 10).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  // Not IDX at all (a gzip header).
  EXPECT_EQ(ParseIdx(std::string("\x1f\x8b\x08\x00", 4), "x").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(IdxReader, TruncatedHeaderIsDataLoss) {
  const std::string images = MakeIdxBytes({1, 28, 28}, Pixels(784));
  for (const size_t keep : {0, 3, 8, 15}) {
    const absl::Status status = ParseIdxImages(images.substr(0, keep), "img", 28, 28).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << "keep=" << keep << " " << status;
  }
}

TEST(IdxReader, PayloadSizeDisagreeingWithHeaderIsDataLoss) {
  const std::string images = MakeIdxBytes({2, 28, 28}, Pixels(2 * 784));
  absl::Status status = ParseIdxImages(images.substr(0, images.size() - 1), "img", 28, 28).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("1568 payload bytes"), absl::string_view::npos) << status;
  EXPECT_NE(status.message().find("1567"), absl::string_view::npos) << status;
  EXPECT_NE(status.message().find("truncated"), absl::string_view::npos) << status;
  status = ParseIdxImages(images + "x", "img", 28, 28).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("trailing"), absl::string_view::npos) << status;
}

TEST(IdxReader, LabelOutOfRangeIsInvalidArgumentWithOffset) {
  const std::string labels = MakeIdxBytes({3}, std::string("\x01\x0a\x02", 3));
  const absl::Status status = ParseIdxLabels(labels, "lab", 10).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("label 10 of item 1 at byte offset 9"), absl::string_view::npos)
      << status;
}

TEST(IdxReader, WrongImageSizeAndZeroDimensionAreInvalidArgument) {
  EXPECT_EQ(ParseIdxImages(MakeIdxBytes({1, 32, 32}, Pixels(1024)), "img", 28, 28).status().code(),
            absl::StatusCode::kInvalidArgument);
  const std::string empty("\0\0\x08\x01\0\0\0\0", 8);
  EXPECT_EQ(ParseIdx(empty, "e").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(IdxReader, HugeDimensionsDoNotOverflow) {
  const std::string huge("\0\0\x08\x03\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 16);
  EXPECT_EQ(ParseIdx(huge, "h").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vev::data

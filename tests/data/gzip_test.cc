#include "lib/data/gzip.h"

#include <string>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace vev::data {
namespace {

// `printf 'hello\n' | gzip -n -6`: a member written by GNU gzip, not by zlib.
const unsigned char kGnuGzipHello[] = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                       0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0xe7, 0x02, 0x00,
                                       0x20, 0x30, 0x3a, 0x36, 0x06, 0x00, 0x00, 0x00};

std::string GnuGzipHello() {
  return std::string(reinterpret_cast<const char*>(kGnuGzipHello), sizeof(kGnuGzipHello));
}

std::string Pattern(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>((i * i + 3 * i) % 251));
  return s;
}

TEST(Gunzip, ReadsGnuGzipOutput) {
  const absl::StatusOr<std::string> out = Gunzip(GnuGzipHello(), "hello.gz");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, "hello\n");
}

TEST(Gunzip, RoundTripsGzipOfAnySize) {
  for (const size_t n : {size_t{0}, size_t{1}, size_t{1000}, size_t{300000}}) {
    const std::string data = Pattern(n);
    const absl::StatusOr<std::string> compressed = Gzip(data);
    ASSERT_TRUE(compressed.ok());
    EXPECT_TRUE(HasGzipMagic(*compressed));
    const absl::StatusOr<std::string> back = Gunzip(*compressed, "x.gz");
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(*back, data) << "n=" << n;
  }
}

TEST(Gunzip, ConcatenatedMembersDecompressToTheConcatenation) {
  const std::string both = GnuGzipHello() + *Gzip("world\n");
  const absl::StatusOr<std::string> out = Gunzip(both, "two.gz");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, "hello\nworld\n");
}

TEST(Gunzip, NotGzipIsInvalidArgument) {
  const absl::Status status = Gunzip("plain text", "notes.txt").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("notes.txt"), absl::string_view::npos);
  EXPECT_NE(status.message().find("magic"), absl::string_view::npos);
}

TEST(Gunzip, BadHeaderIsInvalidArgument) {
  std::string bad = GnuGzipHello();
  bad[2] = 0x07;  // compression method other than deflate
  EXPECT_EQ(Gunzip(bad, "bad.gz").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(Gunzip, TruncatedStreamIsDataLossWithOffset) {
  const std::string data = *Gzip(Pattern(100000));
  for (const size_t keep : {size_t{12}, data.size() / 2, data.size() - 1}) {
    const absl::Status status = Gunzip(data.substr(0, keep), "cut.gz").status();
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << "keep=" << keep << " " << status;
    EXPECT_NE(status.message().find("cut.gz"), absl::string_view::npos);
  }
}

TEST(Gunzip, CorruptCrcIsDataLoss) {
  std::string data = GnuGzipHello();
  data[data.size() - 8] ^= 0x01;  // first CRC-32 byte of the trailer
  const absl::Status status = Gunzip(data, "crc.gz").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
}

TEST(Gunzip, CorruptLengthIsDataLoss) {
  std::string data = GnuGzipHello();
  data[data.size() - 4] ^= 0x01;  // ISIZE
  EXPECT_EQ(Gunzip(data, "len.gz").status().code(), absl::StatusCode::kDataLoss);
}

TEST(Gunzip, TrailingGarbageIsDataLoss) {
  const absl::Status status = Gunzip(GnuGzipHello() + "xyz", "tail.gz").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("offset 26"), absl::string_view::npos) << status;
}

TEST(Gunzip, OutputLimitIsResourceExhausted) {
  const std::string data = *Gzip(std::string(100000, 'z'));
  EXPECT_EQ(Gunzip(data, "big.gz", 1000).status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(Gunzip(data, "big.gz", 100000).ok());
}

}  // namespace
}  // namespace vev::data

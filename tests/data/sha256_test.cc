#include "lib/data/sha256.h"

#include <cstdio>
#include <string>

#include "gtest/gtest.h"

namespace vev::data {
namespace {

// FIPS 180-2, Appendix B (B.1 "abc", B.2 the 448-bit message, B.3 one million 'a'), and
// the empty message.
TEST(Sha256, FipsExamples) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Padding boundaries: 55 bytes fit one block with the length, 56 need a second block.
TEST(Sha256, PaddingBoundaries) {
  for (const int n : {55, 56, 63, 64, 65, 119, 120}) {
    const std::string message(n, 'q');
    Sha256 split;
    split.Update(message.substr(0, n / 3));
    split.Update(message.substr(n / 3));
    EXPECT_EQ(split.HexDigest(), Sha256Hex(message)) << "n=" << n;
  }
}

TEST(Sha256, IncrementalEqualsOneShotForAnyChunking) {
  std::string message;
  for (int i = 0; i < 5000; ++i) message.push_back(static_cast<char>((i * 7919) & 0xff));
  const std::string expected = Sha256Hex(message);
  for (const size_t chunk : {1u, 3u, 63u, 64u, 65u, 1000u}) {
    Sha256 hash;
    for (size_t pos = 0; pos < message.size(); pos += chunk) {
      hash.Update(absl::string_view(message).substr(pos, chunk));
    }
    EXPECT_EQ(hash.HexDigest(), expected) << "chunk=" << chunk;
  }
}

// The SHA-extension path (used when the CPU has it) and the portable path agree on
// messages of every length around the block size and on a large one.
TEST(Sha256, HardwareAndPortableImplementationsAgree) {
  std::printf("SHA extensions available: %s\n", Sha256HasHardwareSupport() ? "yes" : "no");
  std::string message;
  for (int i = 0; i < 300000; ++i) message.push_back(static_cast<char>((i * 2654435761u) >> 13));
  for (const size_t n : {size_t{0}, size_t{1}, size_t{55}, size_t{64}, size_t{127}, size_t{128},
                         size_t{1000}, message.size()}) {
    Sha256 automatic(Sha256::Implementation::kAuto);
    Sha256 portable(Sha256::Implementation::kPortable);
    automatic.Update(absl::string_view(message).substr(0, n));
    portable.Update(absl::string_view(message).substr(0, n));
    EXPECT_EQ(automatic.HexDigest(), portable.HexDigest()) << "n=" << n;
  }
  Sha256 portable_abc(Sha256::Implementation::kPortable);
  portable_abc.Update("abc");
  EXPECT_EQ(portable_abc.HexDigest(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace vev::data

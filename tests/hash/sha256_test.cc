#include "lib/hash/sha256.h"

#include <array>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace vev::hash {
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

// The NIST CAVS "extremely long message" (SHA-256 SHAVS, 2^30 bytes): the 64-byte pattern
// below repeated 16,777,216 times, streamed in 1 MiB updates (about 0.5 s with the SHA
// extensions). Checks the 64-bit length and the streaming path on a file-sized input.
TEST(Sha256, GibibyteStreamedMessage) {
  const std::string pattern = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno";
  ASSERT_EQ(pattern.size(), 64u);
  std::string chunk;
  for (int i = 0; i < (1 << 14); ++i) chunk += pattern;  // 1 MiB
  Sha256 hash;
  for (int i = 0; i < (1 << 10); ++i) hash.Update(chunk);
  EXPECT_EQ(hash.HexDigest(), "50e72a0e26442fe2552dc3938ac58658228c0cbfb1d2ca872ae435266fcd055e");
}

TEST(Sha256, DigestMatchesHexDigest) {
  Sha256 hash;
  hash.Update("abc");
  const std::array<uint8_t, 32> digest = hash.Digest();
  EXPECT_EQ(digest[0], 0xba);
  EXPECT_EQ(digest[31], 0xad);
}

}  // namespace
}  // namespace vev::hash

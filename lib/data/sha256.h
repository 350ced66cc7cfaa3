// SHA-256 (FIPS 180-4) of byte strings: the checksum that identifies every dataset file
// (datasets/checksums.bzl, Provenance.datasets). Implemented here so the readers need no
// crypto library; the compression function is the plain specification loop.
//
//   Sha256 hash;
//   hash.Update(chunk1);
//   hash.Update(chunk2);
//   const std::string hex = hash.HexDigest();  // 64 lower-case hex digits
#ifndef VEV_LIB_DATA_SHA256_H_
#define VEV_LIB_DATA_SHA256_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace vev::data {

// Incremental SHA-256. Not thread-safe; one object per stream of bytes.
class Sha256 {
 public:
  Sha256();

  // Appends `bytes` to the message. Must not be called after Digest()/HexDigest().
  void Update(absl::string_view bytes);

  // The 32-byte digest of everything passed to Update. Finishes the hash: call once.
  std::array<uint8_t, 32> Digest();
  // Digest() as 64 lower-case hex digits.
  std::string HexDigest();

 private:
  void CompressBlock(const uint8_t* block);

  std::array<uint32_t, 8> state_;
  std::array<uint8_t, 64> buffer_;
  size_t buffered_ = 0;      // bytes waiting in buffer_
  uint64_t total_bytes_ = 0;  // message length so far
  bool finished_ = false;
};

// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string Sha256Hex(absl::string_view bytes);

}  // namespace vev::data

#endif  // VEV_LIB_DATA_SHA256_H_

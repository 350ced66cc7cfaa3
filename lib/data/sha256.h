// SHA-256 (FIPS 180-4) of byte strings: the checksum that identifies every dataset file
// (datasets/checksums.bzl, Provenance.datasets). Implemented here so the readers need no
// crypto library: the compression function is the plain specification loop, or, on CPUs
// with the x86 SHA extensions (checked at run time), the same rounds with the
// sha256rnds2/msg1/msg2 instructions (about 4x faster; identical output, tested).
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
  enum class Implementation {
    kAuto,      // SHA extensions if the CPU has them, else portable
    kPortable,  // the specification loop only (for tests)
  };
  explicit Sha256(Implementation implementation = Implementation::kAuto);

  // Appends `bytes` to the message. Must not be called after Digest()/HexDigest().
  void Update(absl::string_view bytes);

  // The 32-byte digest of everything passed to Update. Finishes the hash: call once.
  std::array<uint8_t, 32> Digest();
  // Digest() as 64 lower-case hex digits.
  std::string HexDigest();

 private:
  // Applies the compression function to `count` consecutive 64-byte blocks.
  void CompressBlocks(const uint8_t* blocks, size_t count);
  void CompressBlocksPortable(const uint8_t* blocks, size_t count);

  bool use_sha_extensions_ = false;

  std::array<uint32_t, 8> state_;
  std::array<uint8_t, 64> buffer_;
  size_t buffered_ = 0;       // bytes waiting in buffer_
  uint64_t total_bytes_ = 0;  // message length so far
  bool finished_ = false;
};

// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string Sha256Hex(absl::string_view bytes);

// True if this CPU has the x86 SHA extensions used by Implementation::kAuto.
bool Sha256HasHardwareSupport();

}  // namespace vev::data

#endif  // VEV_LIB_DATA_SHA256_H_

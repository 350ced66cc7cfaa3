// SHA-256 (FIPS 180-4) of byte strings: the checksum that identifies every dataset file
// (datasets/checksums.bzl, Provenance.datasets) and every experiment binary
// (Provenance.binary_sha256). Computed by Debian's libcrypto (OpenSSL EVP API), which
// uses the x86 SHA extensions when the CPU has them.
//
//   Sha256 hash;
//   hash.Update(chunk1);
//   hash.Update(chunk2);
//   const std::string hex = hash.HexDigest();  // 64 lower-case hex digits
#ifndef VEV_LIB_HASH_SHA256_H_
#define VEV_LIB_HASH_SHA256_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

// OpenSSL's context type (openssl/types.h), declared here to keep the header free of it.
struct evp_md_ctx_st;

namespace vev::hash {

// Incremental SHA-256. Not thread-safe; one object per stream of bytes. Failures inside
// libcrypto (out of memory) abort with file:line: they are not recoverable data errors.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  // Appends `bytes` to the message. Must not be called after Digest()/HexDigest().
  void Update(absl::string_view bytes);

  // The 32-byte digest of everything passed to Update. Finishes the hash: call once.
  std::array<uint8_t, 32> Digest();
  // Digest() as 64 lower-case hex digits.
  std::string HexDigest();

 private:
  evp_md_ctx_st* context_;
  bool finished_ = false;
};

// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string Sha256Hex(absl::string_view bytes);

}  // namespace vev::hash

#endif  // VEV_LIB_HASH_SHA256_H_

#include "lib/hash/sha256.h"

#include <openssl/evp.h>

#include "lib/base/check.h"

namespace vev::hash {

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  VEV_CHECK(context_ != nullptr);
  VEV_CHECK(EVP_DigestInit_ex(context_, EVP_sha256(), nullptr) == 1);
}

Sha256::~Sha256() { EVP_MD_CTX_free(context_); }

void Sha256::Update(absl::string_view bytes) {
  VEV_CHECK(!finished_);
  VEV_CHECK(EVP_DigestUpdate(context_, bytes.data(), bytes.size()) == 1);
}

std::array<uint8_t, 32> Sha256::Digest() {
  VEV_CHECK(!finished_);
  finished_ = true;
  std::array<uint8_t, 32> digest;
  unsigned int length = 0;
  VEV_CHECK(EVP_DigestFinal_ex(context_, digest.data(), &length) == 1);
  VEV_CHECK(length == digest.size());
  return digest;
}

std::string Sha256::HexDigest() {
  static constexpr char kHex[] = "0123456789abcdef";
  const std::array<uint8_t, 32> digest = Digest();
  std::string hex(64, '0');
  for (size_t i = 0; i < digest.size(); ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0xf];
  }
  return hex;
}

std::string Sha256Hex(absl::string_view bytes) {
  Sha256 hash;
  hash.Update(bytes);
  return hash.HexDigest();
}

}  // namespace vev::hash

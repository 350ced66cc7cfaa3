#include "lib/rng/random_stream.h"

#include <cmath>
#include <cstring>
#include <utility>

#include "lib/base/check.h"

namespace vev::rng {
namespace {

constexpr uint64_t kGoldenGamma = 0x9e3779b97f4a7c15ULL;

inline uint64_t RotateLeft(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

uint64_t KeyFromDouble(double x) {
  static_assert(sizeof(double) == sizeof(uint64_t), "binary64 expected");
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}

uint64_t SplitMix64Mix(uint64_t x) {
  x += kGoldenGamma;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

namespace {

uint64_t KeyHash(uint64_t seed, std::initializer_list<uint64_t> key) {
  uint64_t h = SplitMix64Mix(seed);
  for (const uint64_t k : key) h = SplitMix64Mix(h ^ k);
  return h;
}

}  // namespace

RandomStream::RandomStream(uint64_t seed, std::initializer_list<uint64_t> key)
    : RandomStream(KeyHash(seed, key)) {}

RandomStream::RandomStream(uint64_t key_hash) : key_hash_(key_hash) {
  // SplitMix64 sequence from state h: output i is Mix(h + i * gamma), Mix adding gamma.
  uint64_t h = key_hash;
  for (uint64_t& word : s_) {
    word = SplitMix64Mix(h);
    h += kGoldenGamma;
  }
}

RandomStream RandomStream::Child(uint64_t k) const {
  return RandomStream(SplitMix64Mix(key_hash_ ^ k));
}

uint64_t RandomStream::NextU64() {
  const uint64_t result = RotateLeft(s_[0] + s_[3], 23) + s_[0];
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = RotateLeft(s_[3], 45);
  return result;
}

double RandomStream::Uniform01() {
  return static_cast<double>(NextU64() >> 11) * 0x1.0p-53;
}

double RandomStream::Normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  double u, v, s;
  do {
    u = 2.0 * Uniform01() - 1.0;
    v = 2.0 * Uniform01() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double factor = std::sqrt(-2.0 * std::log(s) / s);
  spare_normal_ = v * factor;
  has_spare_normal_ = true;
  return u * factor;
}

uint64_t RandomStream::UniformInt(uint64_t n) {
  VEV_CHECK(n >= 1);
  // Lemire (2019), "Fast random integer generation in an interval".
  unsigned __int128 m = static_cast<unsigned __int128>(NextU64()) * n;
  uint64_t low = static_cast<uint64_t>(m);
  if (low < n) {
    const uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<unsigned __int128>(NextU64()) * n;
      low = static_cast<uint64_t>(m);
    }
  }
  return static_cast<uint64_t>(m >> 64);
}

bool RandomStream::Bernoulli(double p) { return Uniform01() < p; }

double RandomStream::Sign() { return (NextU64() >> 63) != 0 ? 1.0 : -1.0; }

void RandomStream::Shuffle(absl::Span<int> values) {
  for (size_t i = values.size(); i > 1; --i) {
    const size_t j = static_cast<size_t>(UniformInt(i));
    std::swap(values[i - 1], values[j]);
  }
}

}  // namespace vev::rng

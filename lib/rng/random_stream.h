// Deterministic, portable random streams keyed by (seed, key...).
//
// Scheme "vev-rng-1" (recorded in every result's spec.rng_scheme):
// - Keying: h = SplitMix64-mix(seed); for each key element k: h = SplitMix64-mix(h ^ k)
//   (so (seed, 1, 2) and (seed, 2, 1) differ). The generator state is the next four
//   outputs of a SplitMix64 sequence started at h.
// - Generator: xoshiro256++ (Blackman & Vigna 2019), 64-bit outputs.
// - Uniform01: the top 53 bits / 2^53, in [0, 1).
// - Normal: Marsaglia's polar method on 2 * Uniform01 - 1 pairs; the second variate of a
//   pair is kept for the next call. Uses only sqrt (exact in IEEE) and std::log.
// - UniformInt(n): Lemire's multiply-and-reject method, unbiased, in [0, n).
// - Shuffle: Fisher-Yates from the back, position i swapped with UniformInt(i + 1).
// - Child(k): the stream keyed by (seed, key..., k), i.e. the keying chain continued by one
//   more element; it depends only on the key, never on how many numbers were drawn.
// Standard-library distributions are avoided on purpose: their outputs differ between
// library implementations and releases.
//
// A stream key names what it serves, never a thread: e.g. (experiment, configuration,
// repeat, layer). Not thread-safe; give each worker its own stream.
#ifndef VEV_LIB_RNG_RANDOM_STREAM_H_
#define VEV_LIB_RNG_RANDOM_STREAM_H_

#include <cstdint>
#include <initializer_list>

#include "absl/types/span.h"

namespace vev::rng {

inline constexpr char kRngScheme[] = "vev-rng-1 (SplitMix64-keyed xoshiro256++)";

// SplitMix64's output function (Steele, Lea & Flood 2014): a bijective 64-bit mixer.
uint64_t SplitMix64Mix(uint64_t x);

// A key element naming a real-valued parameter (e.g. a negative slope a): the IEEE 754
// binary64 bit pattern of `x`, so distinct doubles give distinct keys (0.0 and -0.0 too)
// and the key never depends on how the value prints.
uint64_t KeyFromDouble(double x);

class RandomStream {
 public:
  RandomStream(uint64_t seed, std::initializer_list<uint64_t> key);

  // The stream keyed by (seed, key..., k) of the stream this one was built from; equal to
  // RandomStream(seed, {key..., k}) whatever has been drawn from *this. Lets a library take
  // one stream and derive per-layer or per-epoch streams from it.
  RandomStream Child(uint64_t k) const;

  // Next raw 64-bit output of xoshiro256++.
  uint64_t NextU64();
  // Uniform in [0, 1) with 53 random bits.
  double Uniform01();
  // Standard normal N(0, 1).
  double Normal();
  // Uniform integer in [0, n); n >= 1.
  uint64_t UniformInt(uint64_t n);
  // true with probability p.
  bool Bernoulli(double p);
  // +1.0 or -1.0 with probability 1/2 each (one raw bit).
  double Sign();
  // Uniformly random permutation of `values` in place (Fisher-Yates: for i = n-1 down to 1,
  // swap values[i] and values[UniformInt(i + 1)]); n - 1 UniformInt draws.
  void Shuffle(absl::Span<int> values);

 private:
  // Starts the generator from the keying chain's value h.
  explicit RandomStream(uint64_t key_hash);

  uint64_t key_hash_;
  uint64_t s_[4];
  bool has_spare_normal_ = false;
  double spare_normal_ = 0.0;
};

}  // namespace vev::rng

#endif  // VEV_LIB_RNG_RANDOM_STREAM_H_

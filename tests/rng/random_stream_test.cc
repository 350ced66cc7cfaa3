// Golden values and distribution checks for the project's random streams (scheme vev-rng-1).
//
// The golden values come from tests/rng/random_stream_golden.py, an independent Python
// implementation of the scheme documented in lib/rng/random_stream.h, run once; its output is
// pasted below. A change to any of them changes every experiment's numbers: bump kRngScheme.
#include "lib/rng/random_stream.h"

#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "gtest/gtest.h"

namespace vev::rng {
namespace {

// SplitMix64 seeded with 0 (Steele, Lea & Flood 2014; Vigna's splitmix64.c): the published
// first outputs are Mix(0), Mix(gamma), Mix(2 gamma), Mix(3 gamma).
TEST(SplitMix64Mix, MatchesPublishedSequenceFromSeedZero) {
  constexpr uint64_t kGamma = 0x9e3779b97f4a7c15ULL;
  EXPECT_EQ(SplitMix64Mix(0), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(SplitMix64Mix(kGamma), 0x6e789e6aa1b965f4ULL);
  EXPECT_EQ(SplitMix64Mix(2 * kGamma), 0x06c45d188009454fULL);
  EXPECT_EQ(SplitMix64Mix(3 * kGamma), 0xf88bb8a8724c81ecULL);
}

// IEEE 754 binary64: sign bit, 11 exponent bits (bias 1023), 52 fraction bits.
TEST(KeyFromDouble, IsTheBinary64BitPattern) {
  EXPECT_EQ(KeyFromDouble(0.0), 0x0000000000000000ULL);
  EXPECT_EQ(KeyFromDouble(-0.0), 0x8000000000000000ULL);
  EXPECT_EQ(KeyFromDouble(1.0), 0x3ff0000000000000ULL);    // 2^0
  EXPECT_EQ(KeyFromDouble(-2.0), 0xc000000000000000ULL);   // -(2^1)
  EXPECT_EQ(KeyFromDouble(0.25), 0x3fd0000000000000ULL);   // 2^-2
  EXPECT_EQ(KeyFromDouble(1.5), 0x3ff8000000000000ULL);    // 1 + 2^-1
  // 0.2 is not exact: the nearest double 0x3fc999999999999a (round to nearest).
  EXPECT_EQ(KeyFromDouble(0.2), 0x3fc999999999999aULL);
  EXPECT_NE(RandomStream(1, {KeyFromDouble(0.0)}).NextU64(),
            RandomStream(1, {KeyFromDouble(-0.0)}).NextU64());
}

TEST(RandomStream, GoldenRawOutputs) {
  RandomStream empty_key(0, {});
  for (const uint64_t expected : {0x84f09bf307c1073aULL, 0xc82ffb597ceee51bULL,
                                  0xadf96905c5df4417ULL, 0xe9d9a8489d042c93ULL}) {
    EXPECT_EQ(empty_key.NextU64(), expected);
  }
  RandomStream keyed(20240611, {1, 2, 3});
  for (const uint64_t expected : {0x26055ebee7065c87ULL, 0x959040f965741ee4ULL,
                                  0xe414fd2526b7e415ULL, 0x51312e11bb38f2d4ULL}) {
    EXPECT_EQ(keyed.NextU64(), expected);
  }
}

TEST(RandomStream, ChildEqualsExtendedKeyWhateverWasDrawn) {
  const std::vector<uint64_t> golden = {0xad8167308bb8854dULL, 0x487deea1497540c5ULL,
                                        0xe7d4fda8c29a24cfULL, 0xcb11f43d433d05e1ULL};
  RandomStream direct(20240611, {1, 2, 3, 7});
  RandomStream parent(20240611, {1, 2, 3});
  parent.NextU64();  // draws from the parent do not affect its children
  parent.Normal();
  RandomStream child = parent.Child(7);
  for (const uint64_t expected : golden) {
    EXPECT_EQ(direct.NextU64(), expected);
    EXPECT_EQ(child.NextU64(), expected);
  }
  // Grandchildren continue the chain the same way.
  EXPECT_EQ(RandomStream(3, {4, 5}).NextU64(), RandomStream(3, {}).Child(4).Child(5).NextU64());
}

TEST(RandomStream, KeyOrderMatters) {
  EXPECT_NE(RandomStream(1, {2, 3}).NextU64(), RandomStream(1, {3, 2}).NextU64());
  EXPECT_NE(RandomStream(1, {}).NextU64(), RandomStream(1, {0}).NextU64());
}

TEST(RandomStream, GoldenUniforms) {
  RandomStream stream(5, {9});
  EXPECT_EQ(stream.Uniform01(), 0x1.0bebfe43389d0p-2);
  EXPECT_EQ(stream.Uniform01(), 0x1.0d6bc8061d773p-1);
  EXPECT_EQ(stream.Uniform01(), 0x1.b309919f8c998p-2);
}

// Exact equality: Python and C++ both call the C library's log and sqrt. On another libm a
// mismatch in the last bit would show here, and experiments there would not be bit-identical.
TEST(RandomStream, GoldenNormals) {
  RandomStream stream(5, {9});
  for (const double expected : {-0x1.b4442750d3beap+0, 0x1.7fd20f68127a4p-3,
                                -0x1.49b7c4b31c302p+0, 0x1.e663d7899805ep+0,
                                -0x1.a7a0f614569d2p-2}) {
    EXPECT_EQ(stream.Normal(), expected);
  }
}

TEST(RandomStream, GoldenIntegersSignsAndShuffle) {
  RandomStream ints10(5, {10});
  for (const uint64_t expected : {8, 9, 4, 9, 4, 7, 1, 8}) {
    EXPECT_EQ(ints10.UniformInt(10), expected);
  }
  RandomStream ints3(5, {10});
  for (const uint64_t expected : {2, 2, 1, 2, 1, 2, 0, 2}) {
    EXPECT_EQ(ints3.UniformInt(3), expected);
  }
  RandomStream signs(5, {11});
  for (const double expected : {1.0, 1.0, 1.0, -1.0, -1.0, -1.0, 1.0, 1.0}) {
    EXPECT_EQ(signs.Sign(), expected);
  }
  RandomStream shuffler(5, {12});
  std::vector<int> values(10);
  std::iota(values.begin(), values.end(), 0);
  shuffler.Shuffle(absl::MakeSpan(values));
  EXPECT_EQ(values, (std::vector<int>{4, 5, 1, 0, 8, 7, 3, 6, 2, 9}));
}

// Moments of the transforms, with tolerances from their standard errors. Budget: 1e-5
// two-sided false-failure probability per test, split over its assertions (Bonferroni).
TEST(RandomStream, NormalMomentsWithinStandardErrors) {
  constexpr int kN = 1 << 20;
  constexpr double kZ = 4.9;  // two-sided 1e-6 per assertion, 4 assertions (< 1e-5 total)
  RandomStream stream(77, {1});
  double s1 = 0, s2 = 0, s4 = 0;
  for (int i = 0; i < kN; ++i) {
    const double z = stream.Normal();
    s1 += z;
    s2 += z * z;
    s4 += z * z * z * z;
  }
  const double n = kN;
  // Var[z] = 1, Var[z^2] = 2, Var[z^4] = 105 - 9 = 96.
  EXPECT_NEAR(s1 / n, 0.0, kZ * std::sqrt(1.0 / n));
  EXPECT_NEAR(s2 / n, 1.0, kZ * std::sqrt(2.0 / n));
  EXPECT_NEAR(s4 / n, 3.0, kZ * std::sqrt(96.0 / n));
  RandomStream uniforms(77, {2});
  double u1 = 0;
  for (int i = 0; i < kN; ++i) u1 += uniforms.Uniform01();
  EXPECT_NEAR(u1 / n, 0.5, kZ * std::sqrt(1.0 / 12.0 / n));
}

// Chi-square goodness of fit of UniformInt(7) and of the position of element 0 after a
// shuffle of 5 (each of 5 positions equally likely). Critical values: chi-square with 6 and
// 4 degrees of freedom at 1 - 5e-6 (two assertions, total budget 1e-5): 36.2 and 30.2.
TEST(RandomStream, UniformIntAndShuffleAreUniform) {
  constexpr int kN = 700000;
  RandomStream stream(78, {});
  std::vector<double> counts(7, 0.0);
  for (int i = 0; i < kN; ++i) counts[stream.UniformInt(7)] += 1.0;
  double chi2 = 0;
  for (const double c : counts) chi2 += (c - kN / 7.0) * (c - kN / 7.0) / (kN / 7.0);
  EXPECT_LT(chi2, 36.2) << "counts chi2 over 7 cells";

  constexpr int kShuffles = 100000;
  std::vector<double> position_of_zero(5, 0.0);
  std::vector<int> values(5);
  for (int i = 0; i < kShuffles; ++i) {
    std::iota(values.begin(), values.end(), 0);
    stream.Shuffle(absl::MakeSpan(values));
    for (int p = 0; p < 5; ++p) {
      if (values[p] == 0) position_of_zero[p] += 1.0;
    }
  }
  chi2 = 0;
  for (const double c : position_of_zero) {
    chi2 += (c - kShuffles / 5.0) * (c - kShuffles / 5.0) / (kShuffles / 5.0);
  }
  EXPECT_LT(chi2, 30.2) << "shuffle position chi2 over 5 cells";
}

}  // namespace
}  // namespace vev::rng

// ZScoreSummary (lib/stats/z_score_summary.h): hand-computed counts and rms, merging, and
// for N(0, 1) draws rms^2 -> E[z^2] = 1 (SE sqrt(2 / n): Var[z^2] = 2) and P(|z| > 2) =
// 0.0455 (binomial SE).
#include "lib/stats/z_score_summary.h"

#include <cmath>
#include <limits>

#include "gtest/gtest.h"
#include "lib/rng/random_stream.h"

namespace vev::stats {
namespace {

TEST(ZScoreSummary, HandComputed) {
  ZScoreSummary s;
  EXPECT_TRUE(std::isnan(s.Rms()));
  EXPECT_TRUE(std::isnan(s.FractionAbove2()));
  for (const double z : {1.0, -2.0, 3.0, -5.0}) s.Add(z);
  EXPECT_EQ(s.count, 4);
  EXPECT_EQ(s.max_abs, 5.0);
  EXPECT_EQ(s.sum_squares, 39.0);
  EXPECT_EQ(s.above_2, 2);      // 3 and -5; |-2| is not above 2
  EXPECT_EQ(s.above_large, 1);  // -5
  EXPECT_DOUBLE_EQ(s.Rms(), std::sqrt(39.0 / 4));
  EXPECT_DOUBLE_EQ(s.FractionAbove2(), 0.5);
}

TEST(ZScoreSummary, NaNCountsButDoesNotChangeTheMaximum) {
  ZScoreSummary s;
  s.Add(1.5);
  s.Add(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(s.count, 2);
  EXPECT_EQ(s.max_abs, 1.5);
  EXPECT_TRUE(std::isnan(s.sum_squares));
}

TEST(ZScoreSummary, MergeEqualsAddingEverything) {
  ZScoreSummary a, b, all;
  for (const double z : {0.5, -4.5}) { a.Add(z); all.Add(z); }
  for (const double z : {2.5, 1.0, -0.25}) { b.Add(z); all.Add(z); }
  a.Merge(b);
  EXPECT_EQ(a.count, all.count);
  EXPECT_EQ(a.max_abs, all.max_abs);
  EXPECT_EQ(a.sum_squares, all.sum_squares);  // exact here: all terms are dyadic
  EXPECT_EQ(a.above_2, all.above_2);
  EXPECT_EQ(a.above_large, all.above_large);
}

TEST(ZScoreSummary, StandardNormalDrawsHaveRmsOneAndFourPointFivePercentAboveTwo) {
  constexpr int kN = 400000;
  constexpr double kZ = 4.42;  // two-sided 1e-5 per check, 2 checks: budget 2e-5
  constexpr uint64_t kSeed = 20240611;
  rng::RandomStream stream(kSeed, {2});
  ZScoreSummary s;
  for (int i = 0; i < kN; ++i) s.Add(stream.Normal());
  const double mean_square = s.Rms() * s.Rms();
  const double se_square = std::sqrt(2.0 / kN);
  EXPECT_NEAR(mean_square, 1.0, kZ * se_square) << "seed=" << kSeed << " n=" << kN;
  const double p = std::erfc(2.0 / std::sqrt(2.0));  // P(|z| > 2) = 0.0455
  const double se_p = std::sqrt(p * (1 - p) / kN);
  EXPECT_NEAR(s.FractionAbove2(), p, kZ * se_p) << "seed=" << kSeed << " n=" << kN;
}

}  // namespace
}  // namespace vev::stats

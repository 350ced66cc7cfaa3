// Tests of the exchangeable-moment estimators (lib/stats/exchangeable_moments.h): a
// hand-computed two-batch case pins the conventions (raw moments about 0, ordered pairs,
// pooled ratios, batch-means delta SEs); merging equals adding; a Monte-Carlo case with
// within-batch dependence checks the values against closed forms and the SEs' calibration.
#include "lib/stats/exchangeable_moments.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/moments.h"

namespace vev::stats {
namespace {

// Batch A: (1, 2), (3, -1); batch B: (0, 2), (2, 2). By hand:
//   A: S_2 = 5 + 10 = 15, S_4 = 17 + 82 = 99, S_22 = (25 - 17) + (100 - 82) = 26
//   B: S_2 = 4 + 8 = 12,  S_4 = 16 + 32 = 48, S_22 = 0 + 32 = 32
//   pooled (n d = 8, n d (d - 1) = 8): M_2 = 27/8, M_4 = 147/8, M_22 = 58/8.
std::vector<ExchangeableMomentSums> HandBatches() {
  std::vector<ExchangeableMomentSums> batches(2);
  batches[0].Add(std::vector<double>{1, 2});
  batches[0].Add(std::vector<float>{3, -1});
  batches[1].Add(std::vector<double>{0, 2});
  batches[1].Add(std::vector<double>{2, 2});
  return batches;
}

TEST(ExchangeableMoments, HandComputedSums) {
  const std::vector<ExchangeableMomentSums> b = HandBatches();
  EXPECT_EQ(b[0].vectors, 2);
  EXPECT_EQ(b[0].dimension, 2);
  EXPECT_DOUBLE_EQ(b[0].sum_squares, 15);
  EXPECT_DOUBLE_EQ(b[0].sum_fourth, 99);
  EXPECT_DOUBLE_EQ(b[0].sum_cross, 26);
  EXPECT_DOUBLE_EQ(b[0].SecondMoment(), 3.75);
  EXPECT_DOUBLE_EQ(b[0].FourthMoment(), 24.75);
  EXPECT_DOUBLE_EQ(b[0].MixedFourthMoment(), 6.5);
  EXPECT_DOUBLE_EQ(b[1].sum_cross, 32);
}

TEST(ExchangeableMoments, HandComputedEstimates) {
  const ExchangeableMomentEstimates e = EstimateExchangeableMoments(HandBatches());
  const double m2 = 27.0 / 8, m4 = 147.0 / 8, m22 = 58.0 / 8;
  EXPECT_EQ(e.vectors, 4);
  EXPECT_EQ(e.batches, 2);
  EXPECT_DOUBLE_EQ(e.second_moment.value, m2);
  EXPECT_DOUBLE_EQ(e.kurtosis.value, m4 / (m2 * m2));
  EXPECT_DOUBLE_EQ(e.cov_squares.value, m22 - m2 * m2);
  EXPECT_DOUBLE_EQ(e.normalized_cov_squares.value, m22 / (m2 * m2) - 1);
  // Two batches: SE = |L_A - L_B| / 2.
  EXPECT_DOUBLE_EQ(e.second_moment.std_error, (3.75 - 3.0) / 2);
  const double la = (24.75 - m4) / (m2 * m2) - 2 * m4 * (3.75 - m2) / (m2 * m2 * m2);
  const double lb = (12.0 - m4) / (m2 * m2) - 2 * m4 * (3.0 - m2) / (m2 * m2 * m2);
  EXPECT_NEAR(e.kurtosis.std_error, std::fabs(la - lb) / 2, 1e-14);
  const double ca = (6.5 - m22) - 2 * m2 * (3.75 - m2), cb = (8.0 - m22) - 2 * m2 * (3.0 - m2);
  EXPECT_NEAR(e.cov_squares.std_error, std::fabs(ca - cb) / 2, 1e-14);
  EXPECT_DOUBLE_EQ(e.max_batch_fourth_share, 99.0 / 147.0);
}

TEST(ExchangeableMoments, MergeOfTwoHalvesEqualsTheWhole) {
  rng::RandomStream stream(11, {1});
  ExchangeableMomentSums whole, first, second;
  for (int i = 0; i < 1000; ++i) {
    const std::vector<double> y = {stream.Normal(), 2 * stream.Normal(), stream.Uniform01()};
    whole.Add(y);
    (i < 400 ? first : second).Add(y);
  }
  first.Merge(second);
  EXPECT_EQ(first.vectors, whole.vectors);
  EXPECT_NEAR(first.sum_squares, whole.sum_squares, 1e-12 * whole.sum_squares);
  EXPECT_NEAR(first.sum_fourth, whole.sum_fourth, 1e-12 * whole.sum_fourth);
  EXPECT_NEAR(first.sum_cross, whole.sum_cross, 1e-12 * whole.sum_cross);
  ExchangeableMomentSums empty;
  empty.Merge(whole);
  EXPECT_EQ(empty.dimension, 3);
}

TEST(ExchangeableMoments, DimensionOneHasNoPairs) {
  std::vector<ExchangeableMomentSums> b(2);
  b[0].Add(std::vector<double>{1});
  b[1].Add(std::vector<double>{2});
  const ExchangeableMomentEstimates e = EstimateExchangeableMoments(b);
  EXPECT_DOUBLE_EQ(e.kurtosis.value, (1 + 16) / 2.0 / (2.5 * 2.5));
  EXPECT_TRUE(std::isnan(e.cov_squares.value));
  EXPECT_TRUE(std::isnan(e.normalized_cov_squares.value));
}

// y = s g with g ~ N(0, I_4) and a scale s in {1, 2} (probability 1/2 each) shared by
// `group` consecutive replicates (dependence within a batch, like many inputs through one
// network). E[s^2] = 5/2, E[s^4] = 17/2, so r = E[s^4] / E[s^2]^2 = 1.36 and
//   kappa = 3 r = 4.08,  c / m_2^2 = r - 1 = 0.36,  c = (r - 1) m_2^2 = 2.25.
struct Sample {
  std::vector<ExchangeableMomentSums> batches;
};

Sample Draw(uint64_t seed, int batches, int groups, int group) {
  Sample s;
  s.batches.resize(batches);
  for (int b = 0; b < batches; ++b) {
    rng::RandomStream stream(seed, {uint64_t(b)});
    for (int g = 0; g < groups; ++g) {
      const double scale = stream.Sign() > 0 ? 2.0 : 1.0;
      for (int k = 0; k < group; ++k) {
        std::vector<double> y(4);
        for (double& v : y) v = scale * stream.Normal();
        s.batches[b].Add(y);
      }
    }
  }
  return s;
}

TEST(ExchangeableMoments, MatchesClosedFormsWithDependentReplicates) {
  // Three assertions at two-sided 1e-5 each: false-failure budget 3e-5. The z-scores are
  // t-distributed with B - 1 = 49 degrees of freedom (batch-means SEs): 4.93.
  constexpr double kZ = 4.93;
  const Sample s = Draw(/*seed=*/20240611, /*batches=*/50, /*groups=*/400, /*group=*/8);
  const ExchangeableMomentEstimates e = EstimateExchangeableMoments(s.batches);
  EXPECT_NEAR(e.second_moment.value, 2.5, kZ * e.second_moment.std_error);
  EXPECT_NEAR(e.kurtosis.value, 4.08, kZ * e.kurtosis.std_error) << "se " << e.kurtosis.std_error;
  EXPECT_NEAR(e.normalized_cov_squares.value, 0.36, kZ * e.normalized_cov_squares.std_error);
  EXPECT_LT(e.max_batch_fourth_share, 0.05);
}

TEST(ExchangeableMoments, StandardErrorsAreCalibrated) {
  // 300 independent repetitions with B = 20 batches: the z-scores of kappa and of
  // c / m_2^2 should have sd close to 1 (t with 19 df: 1.057; plus O(1/n) delta-method
  // error). With 300 repetitions the sd of a sd estimate is about 1.06 / sqrt(600) = 0.043,
  // and kurtosis-of-z effects add little; [0.85, 1.30] is > 4.4 such SEs from 1.06 on
  // both sides (false-failure budget 1e-5 per check).
  Moments z_kappa, z_cov;
  for (int r = 0; r < 300; ++r) {
    const Sample s = Draw(/*seed=*/1000 + r, /*batches=*/20, /*groups=*/40, /*group=*/8);
    const ExchangeableMomentEstimates e = EstimateExchangeableMoments(s.batches);
    z_kappa.Add(e.kurtosis.ZScore(4.08));
    z_cov.Add(e.normalized_cov_squares.ZScore(0.36));
  }
  const double sd_kappa = std::sqrt(z_kappa.Variance()), sd_cov = std::sqrt(z_cov.Variance());
  EXPECT_GT(sd_kappa, 0.85);
  EXPECT_LT(sd_kappa, 1.30);
  EXPECT_GT(sd_cov, 0.85);
  EXPECT_LT(sd_cov, 1.30);
  std::printf("z-score sd: kappa %.3f, c %.3f; mean z: kappa %.3f, c %.3f\n", sd_kappa, sd_cov,
              z_kappa.Mean(), z_cov.Mean());
}

}  // namespace
}  // namespace vev::stats

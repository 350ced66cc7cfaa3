// Tests of the covariance-of-squares estimator (lib/stats/squares_covariance.h): a hand
// computation of the unbiased U-statistic, closed forms for independent coordinates (0) and
// for a random common scale (Var[s^2]), a calibration of the delta-method standard error
// over 200 independent batches, and the merge of shards.
#include "lib/stats/squares_covariance.h"

#include <cmath>
#include <limits>
#include <vector>

#include "gtest/gtest.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/moments.h"

namespace vev::stats {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

// Replicates (1, 2), (0, 3), (2, 2); for d = 2, A = y_1^2 y_2^2 = 4, 0, 16 and
// B = (y_1^2 + y_2^2) / 2 = 2.5, 4.5, 4. mean A = 20/3; the unbiased estimate of E[B]^2 is
// sum_{k != l} B_k B_l / (3 * 2) = 2 (2.5 * 4.5 + 2.5 * 4 + 4.5 * 4) / 6 = 471/36, so
// theta_hat = 20/3 - 471/36 = -231/36. (Equivalently mean(B)^2 - s_B^2 / M = 121/9 - 13/36.)
TEST(SquaresCovariance, HandComputedThreeReplicates) {
  SquaresCovariance s;
  s.Add({1.0, 2.0});
  s.Add({0.0, 3.0});
  s.Add({2.0, 2.0});
  EXPECT_EQ(s.replicates(), 3);
  EXPECT_EQ(s.dimension(), 2);
  EXPECT_NEAR(s.MixedFourthMoment().value, 20.0 / 3.0, 1e-14);
  EXPECT_NEAR(s.SecondMoment().value, 11.0 / 3.0, 1e-14);
  EXPECT_NEAR(s.CovSquares().value, -231.0 / 36.0, 1e-13);
  EXPECT_NEAR(s.NormalizedCovSquares().value, (-231.0 / 36.0) / (121.0 / 9.0), 1e-13);
  // SE^2 = (Var A - 4 mu Cov(A, B) + 4 mu^2 Var B) / M (ddof = 1) is the sample variance
  // of the influence values IF_k = A_k - 2 mu B_k over M: computed directly here.
  const double mu = 11.0 / 3.0;
  const double f[] = {4.0 - 2 * mu * 2.5, 0.0 - 2 * mu * 4.5, 16.0 - 2 * mu * 4.0};
  Moments if_moments;
  for (const double v : f) if_moments.Add(v);
  EXPECT_NEAR(s.CovSquares().std_error, std::sqrt(if_moments.Variance() / 3.0), 1e-12);
}

// For d = 3 the pair statistic uses all 6 ordered pairs: y = (1, 2, 3) gives
// A = 2 (1*4 + 1*9 + 4*9) / 6 = 98/6 and B = 14/3.
TEST(SquaresCovariance, AllPairsOfOneReplicate) {
  SquaresCovariance s;
  s.Add({1.0, 2.0, 3.0});
  s.Add({1.0, 2.0, 3.0});
  EXPECT_NEAR(s.MixedFourthMoment().value, 98.0 / 6.0, 1e-14);
  EXPECT_NEAR(s.SecondMoment().value, 14.0 / 3.0, 1e-14);
  EXPECT_EQ(s.MixedFourthMoment().std_error, 0.0);
}

// y = s g with g ~ N(0, I_d) and s^2 in {1, 4} with probability 1/2 each, independent:
// E[y_1^2 y_2^2] = E[s^4] = 8.5, E[y^2] = E[s^2] = 2.5, so theta = Var[s^2] = 2.25 and the
// normalized value is 2.25 / 6.25 = 0.36. With s^2 = 1 always: theta = 0 (independent
// coordinates).
void FillScaleMixture(rng::RandomStream& stream, bool random_scale, std::vector<double>& y) {
  const double s = random_scale ? (stream.Bernoulli(0.5) ? 2.0 : 1.0) : 1.0;
  for (double& v : y) v = s * stream.Normal();
}

// False-failure budget 1e-5 for the file's Monte-Carlo assertions (6 in the next two
// tests, each a z-test on an asymptotically normal estimate): z = 4.9 (two-sided 1e-6 each,
// Bonferroni). M = 20000 replicates make the delta-method normal approximation accurate.
constexpr double kZ = 4.9;

TEST(SquaresCovariance, ClosedFormsMonteCarlo) {
  constexpr uint64_t kSeed = 20240611;
  constexpr int kM = 20000;
  for (const bool random_scale : {false, true}) {
    rng::RandomStream stream(kSeed, {random_scale ? 1u : 0u});
    SquaresCovariance s;
    std::vector<double> y(5);
    for (int k = 0; k < kM; ++k) {
      FillScaleMixture(stream, random_scale, y);
      s.Add(y);
    }
    const double theta = random_scale ? 2.25 : 0.0;
    const double normalized = random_scale ? 0.36 : 0.0;
    const Estimate e = s.CovSquares();
    const Estimate c = s.NormalizedCovSquares();
    const Estimate m2 = s.SecondMoment();
    EXPECT_NEAR(e.value, theta, kZ * e.std_error) << "seed " << kSeed << " se " << e.std_error;
    EXPECT_NEAR(c.value, normalized, kZ * c.std_error) << "seed " << kSeed;
    EXPECT_NEAR(m2.value, random_scale ? 2.5 : 1.0, kZ * m2.std_error) << "seed " << kSeed;
  }
}

// The SE is calibrated: over K = 200 independent batches of M = 2000 replicates, the
// spread of the estimates matches the average reported SE. The sample sd of 200
// near-normal estimates has relative SE 1/sqrt(2 * 199) = 5%, so the ratio sd / mean(SE)
// lies in [0.78, 1.25] except with probability ~1e-5 (4.4 and 5 sigma). The mean of the 200
// estimates is unbiased for theta (z = 4.9 on its SE sd / sqrt(200)).
TEST(SquaresCovariance, StandardErrorIsCalibrated) {
  constexpr int kBatches = 200, kM = 2000;
  Moments estimates, errors;
  std::vector<double> y(5);
  for (int batch = 0; batch < kBatches; ++batch) {
    rng::RandomStream stream(99, {static_cast<uint64_t>(batch)});
    SquaresCovariance s;
    for (int k = 0; k < kM; ++k) {
      FillScaleMixture(stream, true, y);
      s.Add(y);
    }
    const Estimate e = s.CovSquares();
    estimates.Add(e.value);
    errors.Add(e.std_error);
  }
  const double ratio = std::sqrt(estimates.Variance()) / errors.Mean();
  EXPECT_GT(ratio, 0.78);
  EXPECT_LT(ratio, 1.25);
  EXPECT_NEAR(estimates.Mean(), 2.25, kZ * estimates.StdErrorOfMean());
}

// Merged shards equal the whole to rounding (bound as in moments_test.cc, 4 n eps kappa^2
// with kappa < 3 for these A, B values).
TEST(SquaresCovariance, MergeOfShardsEqualsWhole) {
  rng::RandomStream stream(5, {5});
  std::vector<std::vector<double>> data(1000, std::vector<double>(4));
  for (auto& y : data) FillScaleMixture(stream, true, y);
  SquaresCovariance whole, a, b;
  for (size_t k = 0; k < data.size(); ++k) {
    whole.Add(data[k]);
    (k < 300 ? a : b).Add(data[k]);
  }
  a.Merge(b);
  const double tol = 4.0 * 1000 * kEps * 9.0;
  EXPECT_EQ(a.replicates(), 1000);
  EXPECT_NEAR(a.CovSquares().value, whole.CovSquares().value,
              tol * whole.MixedFourthMoment().value);
  EXPECT_NEAR(a.CovSquares().std_error, whole.CovSquares().std_error,
              tol * whole.CovSquares().std_error * 10.0);
}

}  // namespace
}  // namespace vev::stats

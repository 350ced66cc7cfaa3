// Tests of the Kolmogorov-Smirnov distances (lib/stats/ks_distance.h): hand cases with and
// without ties, the Kolmogorov survival function against scipy 1.10.1's kstwobign.sf, and
// the null distribution by Monte Carlo.
#include "lib/stats/ks_distance.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/distributions.h"

namespace vev::stats {
namespace {

double UniformCdf(double x) { return x < 0 ? 0.0 : (x > 1 ? 1.0 : x); }

// {0.1, 0.4, 0.7} against U(0, 1): the gaps are 1/3 - 0.1, 0.1, 2/3 - 0.4, 0.4 - 1/3,
// 1 - 0.7 = 0.3 (the largest), 0.7 - 2/3.
TEST(KsDistance, HandComputed) {
  EXPECT_NEAR(KsDistance({0.7, 0.1, 0.4}, UniformCdf), 0.3, 1e-15);
  // A tie: both points at 0.5, the empirical CDF jumps from 0 to 1 there: D = 0.5.
  EXPECT_NEAR(KsDistance({0.5, 0.5}, UniformCdf), 0.5, 1e-15);
  EXPECT_NEAR(KsDistance({0.5}, UniformCdf), 0.5, 1e-15);
}

// a = {1, 2, 3}, b = {2.5}: the ECDFs differ by 1/3, 2/3, 1/3, 0 at 1, 2, 2.5, 3: D = 2/3.
// With a tie, a = {1, 2}, b = {2, 3}: 1/2 at 1, 1 - 1/2 at 2, 0 at 3: D = 1/2.
TEST(KsDistanceTwoSample, HandComputed) {
  EXPECT_NEAR(KsDistanceTwoSample({3, 1, 2}, {2.5}), 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(KsDistanceTwoSample({1, 2}, {2, 3}), 0.5, 1e-15);
  EXPECT_EQ(KsDistanceTwoSample({1, 2, 3}, {3, 2, 1}), 0.0);
}

TEST(KolmogorovSurvival, MatchesScipy) {
  const double t[] = {0.3, 0.5, 0.59, 0.6, 0.61, 1.0, 1.36, 2.0};
  const double sf[] = {0.9999906941986655, 0.9639452436648751, 0.8772403412558947,
                       0.8642827790506042, 0.8507709951598499, 0.26999967167735456,
                       0.049485876755377876, 0.0006709252557796953};
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(KolmogorovSurvival(t[i]), sf[i], 1e-14) << t[i];
  EXPECT_EQ(KolmogorovSurvival(0.0), 1.0);
}

// Under the null, P(sqrt(n) D > 2.5) ~= Q(2.5) = 7.5e-6 (and less at finite n), so these
// assertions have false-failure probability < 1e-5 each and 2e-5 for the file's two.
// The alternative (a normal sample against the Cauchy CDF) must be rejected at the same
// threshold: its distance is sup |Phi - F_Cauchy| ~ 0.09 > 2.5 / sqrt(n) = 0.035.
TEST(KsDistance, NullAndAlternativeMonteCarlo) {
  constexpr int kN = 5000;
  rng::RandomStream stream(20240611, {1});
  std::vector<double> u(kN), z(kN), z2(kN);
  for (int i = 0; i < kN; ++i) {
    u[i] = stream.Uniform01();
    z[i] = stream.Normal();
    z2[i] = stream.Normal();
  }
  const double threshold = 2.5 / std::sqrt(static_cast<double>(kN));
  EXPECT_LT(KsDistance(u, UniformCdf), threshold);
  EXPECT_LT(KsDistanceTwoSample(z, z2), threshold * std::sqrt(2.0));
  EXPECT_GT(KsDistance(z, [](double x) { return CauchyCdf(x); }), threshold);
}

}  // namespace
}  // namespace vev::stats

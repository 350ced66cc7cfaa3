// Tests of lib/variance/variance_quantiles.h: the binomial CDF against hand values, the
// order-statistic confidence bounds against the classical median interval and by their
// coverage in simulation, and the per-layer summary.
#include "lib/variance/variance_quantiles.h"

#include <cmath>
#include <limits>
#include <vector>

#include "gtest/gtest.h"
#include "lib/base/eigen_types.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/quantiles.h"

namespace vev::variance {
namespace {

TEST(BinomialCdf, HandValues) {
  EXPECT_NEAR(BinomialCdf(2, 5, 0.5), 16.0 / 32.0, 1e-14);
  EXPECT_NEAR(BinomialCdf(0, 5, 0.5), 1.0 / 32.0, 1e-14);
  // P(B <= 8), n = 10, p = 0.9: 1 - 10 0.9^9 0.1 - 0.9^10.
  EXPECT_NEAR(BinomialCdf(8, 10, 0.9), 1.0 - 10 * std::pow(0.9, 9) * 0.1 - std::pow(0.9, 10),
              1e-13);
  EXPECT_EQ(BinomialCdf(-1, 10, 0.3), 0.0);
  EXPECT_EQ(BinomialCdf(10, 10, 0.3), 1.0);
}

TEST(QuantileConfidenceOrderStatistics, ClassicalMedianInterval) {
  // n = 100, 95%: the textbook distribution-free interval for the median is
  // [x_(40), x_(61)] (P(B <= 39) = 0.0176 <= 0.025 < P(B <= 40) = 0.0284).
  const OrderStatisticBounds b = QuantileConfidenceOrderStatistics(100, 0.5, 0.05);
  EXPECT_EQ(b.lower, 40);
  EXPECT_EQ(b.upper, 61);
  // Too few values for a bound: n = 5 cannot bound the 0.99 quantile from above.
  const OrderStatisticBounds small = QuantileConfidenceOrderStatistics(5, 0.99, 0.05);
  EXPECT_EQ(small.upper, 6);
}

TEST(QuantileConfidenceOrderStatistics, CoverageInSimulation) {
  // Uniform(0, 1) samples: the p-quantile is p. Coverage must be >= 1 - alpha; the check
  // allows 4.42 binomial standard errors of the 4,000-trial estimate (two-sided 1e-5).
  constexpr int kTrials = 4000, kN = 60;
  constexpr double kP = 0.9, kAlpha = 0.1, kZ = 4.42;
  const OrderStatisticBounds b = QuantileConfidenceOrderStatistics(kN, kP, kAlpha);
  ASSERT_GE(b.lower, 1);
  ASSERT_LE(b.upper, kN);
  rng::RandomStream stream(31, {1});
  int covered = 0;
  for (int t = 0; t < kTrials; ++t) {
    std::vector<double> x(kN);
    for (double& v : x) v = stream.Uniform01();
    std::sort(x.begin(), x.end());
    covered += x[b.lower - 1] <= kP && kP <= x[b.upper - 1];
  }
  const double coverage = static_cast<double>(covered) / kTrials;
  const double se = std::sqrt(kAlpha * (1 - kAlpha) / kTrials);
  EXPECT_GE(coverage, 1 - kAlpha - kZ * se) << "lower " << b.lower << " upper " << b.upper;
}

TEST(SummarizeLayers, QuantilesFractionsAndNonFiniteValues) {
  MatrixD v(6, 2);
  v.col(0) << 5, 1, 4, 2, 3, 6;
  v.col(1) << 1e-4, std::numeric_limits<double>::quiet_NaN(), 2e-3,
      std::numeric_limits<double>::infinity(), 5e-4, 1e-2;
  const LayerSummary s = SummarizeLayers(v, {0.5, 0.9}, 0.05, 1e-3);
  EXPECT_EQ(s.finite[0], 6);
  EXPECT_EQ(s.non_finite[0], 0);
  EXPECT_EQ(s.finite[1], 4);
  EXPECT_EQ(s.non_finite[1], 2);
  EXPECT_DOUBLE_EQ(s.quantile[0][0], stats::MQuantiles({1, 2, 3, 4, 5, 6}, {0.5})[0]);
  // Layer 1 sorts as 1e-4, 5e-4, 2e-3, 1e-2, inf, inf (NaN counted as +inf): the median
  // (aleph = 3.5) lies between 2e-3 and 1e-2; the 0.9 quantile (aleph = 5.98) is +inf.
  EXPECT_DOUBLE_EQ(s.quantile[0][1], 0.5 * 2e-3 + 0.5 * 1e-2);
  EXPECT_EQ(s.quantile[1][1], std::numeric_limits<double>::infinity());
  EXPECT_DOUBLE_EQ(s.fraction_below[0], 0.0);
  EXPECT_DOUBLE_EQ(s.fraction_below[1], 2.0 / 6.0);  // 1e-4 and 5e-4 of all 6 networks
  // n = 6, 95%: P(B <= 0) = P(B >= 6) = 1/64 = 0.0156 <= 0.025, so x_(1) and x_(6) bound
  // the median; the 0.9 quantile has no upper bound (P(B >= 6) = 0.53).
  EXPECT_EQ(s.lower_bound[0][0], 1.0);
  EXPECT_EQ(s.upper_bound[0][0], 6.0);
  EXPECT_EQ(s.upper_bound[1][0], std::numeric_limits<double>::infinity());
  EXPECT_EQ(s.upper_bound[0][1], std::numeric_limits<double>::infinity());
}

// The non-finite rule of variance_quantiles.h, by hand on 5 values: NaN and +inf count as
// +inf and stay in the sample. Sorted: 1e-4, 3e-4, 2e-3, inf, inf (n = 5). mquantiles with
// alphap = betap = 0.4: m = 0.4 + 0.2 p, aleph = 5 p + m, k = floor(clip(aleph, 1, 4)).
//   p = 0.25: aleph = 1.70, k = 1, gamma = 0.70: 0.3 * 1e-4 + 0.7 * 3e-4 = 2.4e-4
//   p = 0.5:  aleph = 3.00, k = 3, gamma = 0:    x_3 = 2e-3 (x_4 = inf has weight 0)
//   p = 0.6:  aleph = 3.52, k = 3, gamma = 0.52: between 2e-3 and inf: +inf
//   p = 0.9:  aleph = 5.08, k = 4, gamma = 1:    x_5 = +inf
// Fraction below 1e-3: 2 of 5. (Dropping the two, as the former rule did, would give
// 1.4e-4, 3e-4, 8.44e-4, 2e-3 and 2 of 3.)
TEST(NonFiniteRule, HandComputedFiveValues) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> raw = {3e-4, nan, 2e-3, inf, 1e-4};
  const std::vector<double> sorted = SortedVariances(raw);
  ASSERT_EQ(sorted.size(), 5u);
  EXPECT_EQ(sorted[0], 1e-4);
  EXPECT_EQ(sorted[2], 2e-3);
  EXPECT_EQ(sorted[3], inf);
  EXPECT_EQ(sorted[4], inf);
  EXPECT_DOUBLE_EQ(VarianceQuantileSorted(sorted, 0.25), 2.4e-4);
  EXPECT_EQ(VarianceQuantileSorted(sorted, 0.5), 2e-3);
  EXPECT_EQ(VarianceQuantileSorted(sorted, 0.6), inf);
  EXPECT_EQ(VarianceQuantileSorted(sorted, 0.9), inf);
  MatrixD v(5, 1);
  v.col(0) << 3e-4, nan, 2e-3, inf, 1e-4;
  const LayerSummary s = SummarizeLayers(v, {0.25, 0.5, 0.6, 0.9}, 0.05, 1e-3);
  EXPECT_DOUBLE_EQ(s.quantile[0][0], 2.4e-4);
  EXPECT_EQ(s.quantile[1][0], 2e-3);
  EXPECT_EQ(s.quantile[2][0], inf);
  EXPECT_EQ(s.quantile[3][0], inf);
  EXPECT_DOUBLE_EQ(s.fraction_below[0], 0.4);
  EXPECT_EQ(s.finite[0], 3);
  EXPECT_EQ(s.non_finite[0], 2);
}

// On finite data the rule's quantile is stats::MQuantileSorted, bit for bit.
TEST(NonFiniteRule, EqualsMQuantilesOnFiniteData) {
  std::vector<double> x;
  for (int i = 0; i < 37; ++i) x.push_back(std::exp(0.37 * ((i * 17) % 37) - 5.0));
  const std::vector<double> sorted = SortedVariances(x);
  for (const double p : {0.0, 0.1, 0.5, 0.9, 0.99, 0.999, 1.0}) {
    EXPECT_EQ(VarianceQuantileSorted(sorted, p), stats::MQuantileSorted(sorted, p)) << p;
  }
}

}  // namespace
}  // namespace vev::variance

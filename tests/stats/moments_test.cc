// Tests of the streaming moments (lib/stats/moments.h): the estimator conventions pinned on
// a hand-computed 5-element case, the merge of shards against the whole, numerical
// stability, and the Gaussian values 3 (kurtosis) and 0 (skewness) by Monte Carlo.
#include "lib/stats/moments.h"

#include <cmath>
#include <limits>
#include <vector>

#include "gtest/gtest.h"
#include "lib/rng/random_stream.h"

namespace vev::stats {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

// x = {1, 2, 3, 4, 10}: mean 4, deviations (-3, -2, -1, 0, 6),
// M_2 = 9 + 4 + 1 + 0 + 36 = 50, M_3 = -27 - 8 - 1 + 0 + 216 = 180,
// M_4 = 81 + 16 + 1 + 0 + 1296 = 1394. So (scipy/numpy agree, checked once by hand):
// var(ddof=1) = 12.5, var(ddof=0) = 10, skew(bias=True) = 36 / 10^1.5 = 1.1384199576606167,
// kurtosis(fisher=False) = 278.8 / 100 = 2.788.
TEST(Moments, HandComputedFiveElementsPinConventions) {
  Moments m;
  m.AddAll({1.0, 2.0, 3.0, 4.0, 10.0});
  EXPECT_EQ(m.count(), 5);
  EXPECT_DOUBLE_EQ(m.Mean(), 4.0);
  EXPECT_DOUBLE_EQ(m.Variance(), 12.5);  // ddof = 1, not 10
  EXPECT_DOUBLE_EQ(m.PopulationVariance(), 10.0);
  EXPECT_DOUBLE_EQ(m.StdErrorOfMean(), std::sqrt(12.5 / 5.0));
  EXPECT_NEAR(m.SkewnessRaw(), 1.1384199576606167, 1e-15);
  EXPECT_NEAR(m.KurtosisRaw(), 2.788, 1e-15);  // raw m4/m2^2, not excess (-0.212)
  EXPECT_NEAR(m.sum_sq_dev(), 50.0, 1e-13);
  EXPECT_NEAR(m.sum_cube_dev(), 180.0, 1e-12);
  EXPECT_NEAR(m.sum_fourth_dev(), 1394.0, 1e-11);
}

TEST(Moments, EmptyAndSingleValue) {
  Moments m;
  EXPECT_TRUE(std::isnan(m.Mean()));
  EXPECT_TRUE(std::isnan(m.Variance()));
  EXPECT_TRUE(std::isnan(m.KurtosisRaw()));
  m.Add(3.5);
  EXPECT_EQ(m.Mean(), 3.5);
  EXPECT_EQ(m.PopulationVariance(), 0.0);
  EXPECT_TRUE(std::isnan(m.Variance()));
  EXPECT_TRUE(std::isnan(m.KurtosisRaw()));  // zero spread
}

// Data far from 0 relative to its spread: sums of raw powers would lose every digit
// (x^2 ~ 1e18 with spread ~10), the centered updates keep them. The only error is the
// representation of the running mean (ulp(1e9) = 1.2e-7), relative 1e-8 or so on M_2.
TEST(Moments, StableForLargeOffset) {
  Moments m;
  for (const double x : {1.0, 2.0, 3.0, 4.0, 10.0}) m.Add(1e9 + x);
  EXPECT_NEAR(m.Mean(), 1e9 + 4.0, 1e-6);
  EXPECT_NEAR(m.Variance(), 12.5, 12.5 * 1e-7);
  EXPECT_NEAR(m.KurtosisRaw(), 2.788, 1e-6);
}

// Merging shards gives the whole up to rounding. Tolerance: the one-pass updates of Chan,
// Golub & LeVeque have relative error at most ~ n * kappa * eps for M_2 (kappa = sqrt(1 +
// mean^2 / var), here sqrt(1 + 25 / 9) < 2), and both the sequential and the merged result
// are within that of the exact value, so they differ by at most twice it; we allow
// 4 n eps kappa^k for M_k (k = 2, 3, 4), relative to sqrt(M_2 / n)^k n. For n = 1000 that is
// ~1e-12 relative: far below any statistical use, far above what rounding can produce.
TEST(Moments, MergeOfShardsEqualsWholeToRounding) {
  rng::RandomStream stream(20240611, {1});
  std::vector<double> data(1000);
  for (double& x : data) x = 5.0 + 3.0 * stream.Normal() + stream.Uniform01();
  Moments whole;
  whole.AddAll(data);
  const double n = static_cast<double>(data.size());
  const double kappa = 2.0;
  const double sd = std::sqrt(whole.PopulationVariance());
  for (const size_t split : {size_t{1}, size_t{337}, size_t{500}, size_t{999}}) {
    Moments a, b;
    a.AddAll(absl::MakeConstSpan(data).subspan(0, split));
    b.AddAll(absl::MakeConstSpan(data).subspan(split));
    Moments merged = a;
    merged.Merge(b);
    EXPECT_EQ(merged.count(), whole.count());
    EXPECT_NEAR(merged.Mean(), whole.Mean(), 4.0 * n * kEps * std::fabs(whole.Mean()));
    EXPECT_NEAR(merged.sum_sq_dev(), whole.sum_sq_dev(),
                4.0 * n * kEps * kappa * kappa * sd * sd * n)
        << "split " << split;
    EXPECT_NEAR(merged.sum_cube_dev(), whole.sum_cube_dev(),
                4.0 * n * kEps * std::pow(kappa * sd, 3) * n)
        << "split " << split;
    EXPECT_NEAR(merged.sum_fourth_dev(), whole.sum_fourth_dev(),
                4.0 * n * kEps * std::pow(kappa * sd, 4) * n)
        << "split " << split;
    // Merge order does not matter either (b into a vs a into b).
    Moments reversed = b;
    reversed.Merge(a);
    EXPECT_NEAR(reversed.KurtosisRaw(), merged.KurtosisRaw(), 4.0 * n * kEps * 16.0);
  }
}

// A binary tree of 1024 one-point accumulators equals the sequential pass (same bound).
TEST(Moments, TreeOfSingletonsEqualsSequential) {
  rng::RandomStream stream(7, {2});
  std::vector<Moments> level(1024);
  Moments sequential;
  for (Moments& m : level) {
    const double x = stream.Normal();
    m.Add(x);
    sequential.Add(x);
  }
  while (level.size() > 1) {
    std::vector<Moments> next(level.size() / 2);
    for (size_t i = 0; i < next.size(); ++i) {
      next[i] = level[2 * i];
      next[i].Merge(level[2 * i + 1]);
    }
    level = next;
  }
  const double tol = 4.0 * 1024 * kEps * 16.0;
  EXPECT_NEAR(level[0].Mean(), sequential.Mean(), tol);
  EXPECT_NEAR(level[0].Variance(), sequential.Variance(), tol);
  EXPECT_NEAR(level[0].SkewnessRaw(), sequential.SkewnessRaw(), tol);
  EXPECT_NEAR(level[0].KurtosisRaw(), sequential.KurtosisRaw(), tol);
}

TEST(Moments, MergeWithEmptyIsExact) {
  Moments a, empty;
  a.AddAll({0.1, 0.7, -2.3});
  Moments b = a;
  b.Merge(empty);
  EXPECT_EQ(b.Mean(), a.Mean());
  EXPECT_EQ(b.sum_fourth_dev(), a.sum_fourth_dev());
  Moments c;
  c.Merge(a);
  EXPECT_EQ(c.sum_cube_dev(), a.sum_cube_dev());
  EXPECT_EQ(c.count(), 3);
}

// Gaussian data: KurtosisRaw -> 3 with SE sqrt(24 / n), SkewnessRaw -> 0 with SE
// sqrt(6 / n), Variance -> 1 with SE sqrt(2 / n) (large-n formulas, accurate at n = 2e5).
// False-failure budget 1e-5 in total, Bonferroni over 3 assertions: z = 4.65 each
// (two-sided 3.3e-6). The estimators' bias (-6/n for the kurtosis) is 1e-4 SE: negligible.
TEST(Moments, GaussianKurtosisThreeMonteCarlo) {
  constexpr int kN = 200000;
  constexpr uint64_t kSeed = 20240611;
  constexpr double kZ = 4.65;
  rng::RandomStream stream(kSeed, {3});
  Moments m;
  for (int i = 0; i < kN; ++i) m.Add(stream.Normal());
  EXPECT_NEAR(m.KurtosisRaw(), 3.0, kZ * std::sqrt(24.0 / kN)) << "seed " << kSeed;
  EXPECT_NEAR(m.SkewnessRaw(), 0.0, kZ * std::sqrt(6.0 / kN)) << "seed " << kSeed;
  EXPECT_NEAR(m.Variance(), 1.0, kZ * std::sqrt(2.0 / kN)) << "seed " << kSeed;
}

}  // namespace
}  // namespace vev::stats

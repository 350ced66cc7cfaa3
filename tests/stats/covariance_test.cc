// Tests of the streaming bivariate covariance (lib/stats/covariance.h).
#include "lib/stats/covariance.h"

#include <cmath>
#include <limits>
#include <vector>

#include "gtest/gtest.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/moments.h"

namespace vev::stats {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

// x = {1, 2, 3, 4, 10} (mean 4, deviations -3, -2, -1, 0, 6),
// y = {2, 1, 4, 3, 0}  (mean 2, deviations 0, -1, 2, 1, -2):
// sum dx dy = 0 + 2 - 2 + 0 - 12 = -12, so Cov (ddof = 1) = -3; M_yy = 10, Var y = 2.5;
// correlation = -12 / sqrt(50 * 10).
TEST(Covariance, HandComputedFiveElementsPinConventions) {
  Covariance c;
  const double x[] = {1, 2, 3, 4, 10};
  const double y[] = {2, 1, 4, 3, 0};
  for (int i = 0; i < 5; ++i) c.Add(x[i], y[i]);
  EXPECT_EQ(c.count(), 5);
  EXPECT_DOUBLE_EQ(c.MeanX(), 4.0);
  EXPECT_DOUBLE_EQ(c.MeanY(), 2.0);
  EXPECT_DOUBLE_EQ(c.VarianceX(), 12.5);
  EXPECT_DOUBLE_EQ(c.VarianceY(), 2.5);
  EXPECT_DOUBLE_EQ(c.Cov(), -3.0);
  EXPECT_NEAR(c.Correlation(), -12.0 / std::sqrt(500.0), 1e-15);
}

TEST(Covariance, EmptyAndDegenerate) {
  Covariance c;
  EXPECT_TRUE(std::isnan(c.MeanX()));
  c.Add(1.0, 2.0);
  EXPECT_TRUE(std::isnan(c.Cov()));
  c.Add(1.0, 3.0);
  EXPECT_EQ(c.Cov(), 0.0);
  EXPECT_TRUE(std::isnan(c.Correlation()));  // no spread in x
}

// Cov(x, x) is the variance of lib/stats/moments.h (same data, same ddof).
TEST(Covariance, DiagonalAgreesWithMoments) {
  rng::RandomStream stream(11, {1});
  Covariance c;
  Moments m;
  for (int i = 0; i < 500; ++i) {
    const double x = 2.0 + stream.Normal();
    c.Add(x, x);
    m.Add(x);
  }
  EXPECT_NEAR(c.Cov(), m.Variance(), 4 * 500 * kEps * m.Variance());
  EXPECT_NEAR(c.VarianceX(), m.Variance(), 4 * 500 * kEps * m.Variance());
}

// Merge of two shards equals the whole up to rounding: same bound as for Moments
// (4 n eps kappa^2 relative to the spread, kappa < 2 here; see moments_test.cc).
TEST(Covariance, MergeOfShardsEqualsWholeToRounding) {
  rng::RandomStream stream(12, {2});
  std::vector<double> xs(1000), ys(1000);
  for (int i = 0; i < 1000; ++i) {
    xs[i] = 3.0 + stream.Normal();
    ys[i] = 0.5 * xs[i] + stream.Normal();
  }
  Covariance whole;
  for (int i = 0; i < 1000; ++i) whole.Add(xs[i], ys[i]);
  for (const int split : {1, 400, 999}) {
    Covariance a, b;
    for (int i = 0; i < split; ++i) a.Add(xs[i], ys[i]);
    for (int i = split; i < 1000; ++i) b.Add(xs[i], ys[i]);
    a.Merge(b);
    const double tol = 4.0 * 1000 * kEps * 4.0 * std::sqrt(whole.VarianceX() * whole.VarianceY());
    EXPECT_EQ(a.count(), 1000);
    EXPECT_NEAR(a.Cov(), whole.Cov(), tol) << "split " << split;
    EXPECT_NEAR(a.MeanY(), whole.MeanY(), 4.0 * 1000 * kEps * 4.0);
    EXPECT_NEAR(a.VarianceY(), whole.VarianceY(), tol);
  }
}

}  // namespace
}  // namespace vev::stats

// F_n(t) = #{x_i <= t} / n (lib/stats/empirical_cdf.h): a hand-computed 5-element sample
// with ties, and a uniform sample against F(t) = t within binomial standard errors.
#include "lib/stats/empirical_cdf.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"
#include "lib/rng/random_stream.h"

namespace vev::stats {
namespace {

TEST(EmpiricalCdf, HandComputedWithTiesIsRightContinuous) {
  const std::vector<double> sample = {3.0, -1.0, 2.0, 2.0, 10.0};  // sorted: -1 2 2 3 10
  const std::vector<double> points = {-5.0, -1.0, 0.0, 2.0, 2.5, 3.0, 9.99, 10.0, 1e300};
  const std::vector<double> expected = {0.0, 0.2, 0.2, 0.6, 0.6, 0.8, 0.8, 1.0, 1.0};
  const std::vector<double> f = EmpiricalCdf(sample, points);
  ASSERT_EQ(f.size(), points.size());
  for (size_t j = 0; j < points.size(); ++j) EXPECT_DOUBLE_EQ(f[j], expected[j]) << points[j];
  const std::vector<double> sorted = {-1.0, 2.0, 2.0, 3.0, 10.0};
  EXPECT_DOUBLE_EQ(EmpiricalCdfSorted(sorted, 2.0), 0.6);
  EXPECT_DOUBLE_EQ(EmpiricalCdfSorted(sorted, std::nextafter(2.0, 0.0)), 0.2);
}

TEST(EmpiricalCdf, UniformSampleMatchesTheIdentityWithinBinomialErrors) {
  constexpr int kN = 200000;
  constexpr double kZ = 4.42;  // two-sided 1e-5 per point, 9 points: budget 9e-5
  rng::RandomStream stream(20240611, {1});
  std::vector<double> sample(kN);
  for (double& x : sample) x = stream.Uniform01();
  const std::vector<double> points = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
  const std::vector<double> f = EmpiricalCdf(sample, points);
  for (size_t j = 0; j < points.size(); ++j) {
    const double p = points[j], se = std::sqrt(p * (1 - p) / kN);
    EXPECT_NEAR(f[j], p, kZ * se) << "seed=20240611 n=" << kN << " t=" << p << " se=" << se;
  }
}

}  // namespace
}  // namespace vev::stats

// The log10 scale (lib/stats/log10_density.h): the grid's points, the histogram of log10 X
// (hand-computed, with X <= 0 as underflow), and the change of variables g(u) = f(10^u)
// 10^u ln 10 against closed forms: X lognormal makes U = log10 X normal, and X ~ Exp(1)
// gives g(u) = ln 10 * 10^u exp(-10^u).
#include "lib/stats/log10_density.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"

namespace vev::stats {
namespace {

TEST(Log10Grid, PointsPerDecadeFromTheLowEnd) {
  const std::vector<double> x = Log10Grid(-2.0, 3, 2);  // 10^-2, 10^-1.5, ..., 10^1
  ASSERT_EQ(x.size(), 7u);
  EXPECT_DOUBLE_EQ(x[0], 0.01);
  EXPECT_DOUBLE_EQ(x[1], 0.1 / std::sqrt(10.0));
  EXPECT_DOUBLE_EQ(x[2], 0.1);
  EXPECT_DOUBLE_EQ(x[4], 1.0);
  EXPECT_DOUBLE_EQ(x[6], 10.0);
}

TEST(Log10Histogram, HandComputedWithNonPositiveValuesAsUnderflow) {
  // log10: -3, -0.30, 0.30, (0 and -1: -inf), 5 (> 2: overflow), NaN (underflow too).
  const std::vector<double> values = {1e-3, 0.5, 2.0, 0.0, -1.0, 1e5, std::nan("")};
  const Histogram h = Log10Histogram(values, -4.0, 2.0, 6);  // unit bins [-4,-3), ...
  EXPECT_EQ(h.counts(), (std::vector<int64_t>{0, 1, 0, 1, 1, 0}));
  EXPECT_EQ(h.underflow(), 3);
  EXPECT_EQ(h.overflow(), 1);
  EXPECT_EQ(h.nan_count(), 0);
  EXPECT_DOUBLE_EQ(h.Density(1), 1.0 / 7.0);  // one of 7 values in a bin of width 1
}

TEST(Log10Density, LognormalGivesTheNormalDensityOfLog10) {
  // log X ~ N(mu, s^2)  =>  U = log10 X ~ N(mu / ln 10, (s / ln 10)^2).
  const double mu = -3.0, s = 2.0, ln10 = std::log(10.0);
  const double pi = std::acos(-1.0);
  auto log_pdf = [&](double x) {
    const double t = (std::log(x) - mu) / s;
    return -0.5 * t * t - std::log(x * s * std::sqrt(2 * pi));
  };
  const double m = mu / ln10, sd = s / ln10;
  for (const double u : {-6.0, -2.5, -1.3, 0.0, 1.0}) {
    const double t = (u - m) / sd;
    const double expected = std::exp(-0.5 * t * t) / (sd * std::sqrt(2 * pi));
    EXPECT_NEAR(Log10Density(log_pdf, u), expected, 1e-13 * (1 + expected)) << u;
  }
}

TEST(Log10Density, ExponentialMatchesTheChangeOfVariablesAndIntegratesToOne) {
  auto log_pdf = [](double x) { return -x; };  // Exp(1), x > 0
  const double ln10 = std::log(10.0);
  for (const double u : {-20.0, -3.0, 0.0, 0.5}) {
    const double x = std::pow(10.0, u);
    EXPECT_NEAR(Log10Density(log_pdf, u), ln10 * x * std::exp(-x), 1e-14) << u;
  }
  // Midpoint rule over u in [-40, 3] (the mass outside is below 1e-39 and e^-1000).
  double mass = 0;
  const double du = 1e-3;
  for (double u = -40 + du / 2; u < 3; u += du) mass += Log10Density(log_pdf, u) * du;
  EXPECT_NEAR(mass, 1.0, 1e-6);
}

}  // namespace
}  // namespace vev::stats

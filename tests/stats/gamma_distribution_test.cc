// Tests of the Gamma distribution (lib/stats/gamma_distribution.h) against closed forms:
// P(1, x) = 1 - e^-x, P(1/2, x) = erf(sqrt(x)), P(3, x) = 1 - e^-x (1 + x + x^2 / 2), the
// recurrence P(a + 1, x) = P(a, x) - x^a e^-x / Gamma(a + 1) on both branches (series and
// continued fraction) down to a = 1e-9, and the density integrating to the CDF.
#include "lib/stats/gamma_distribution.h"

#include <cmath>

#include "gtest/gtest.h"

namespace vev::stats {
namespace {

TEST(RegularizedGamma, ClosedForms) {
  for (const double x : {1e-6, 0.01, 0.3, 0.99, 1.0, 2.0, 5.0, 30.0}) {
    EXPECT_NEAR(RegularizedGammaP(1.0, x), -std::expm1(-x), 1e-14) << x;
    EXPECT_NEAR(RegularizedGammaQ(1.0, x), std::exp(-x), 1e-14 * std::exp(-x) + 1e-300) << x;
    EXPECT_NEAR(RegularizedGammaP(0.5, x), std::erf(std::sqrt(x)), 1e-14) << x;
    EXPECT_NEAR(RegularizedGammaQ(0.5, x), std::erfc(std::sqrt(x)), 1e-13 * std::erfc(std::sqrt(x)))
        << x;
    EXPECT_NEAR(RegularizedGammaQ(3.0, x), std::exp(-x) * (1 + x + x * x / 2),
                1e-13 * std::exp(-x) * (1 + x + x * x / 2))
        << x;
  }
  EXPECT_EQ(RegularizedGammaP(2.0, 0.0), 0.0);
  EXPECT_EQ(RegularizedGammaP(2.0, -1.0), 0.0);
  EXPECT_EQ(RegularizedGammaQ(2.0, 0.0), 1.0);
  EXPECT_EQ(RegularizedGammaP(2.0, INFINITY), 1.0);
}

TEST(RegularizedGamma, RecurrenceDownToTinyShapes) {
  for (const double a : {1e-9, 1e-4, 0.3, 2.5, 40.0}) {
    for (const double x : {1e-12, 1e-3, 0.5, 1.5, 3.0, 45.0, 80.0}) {
      const double step = std::exp(a * std::log(x) - x - std::lgamma(a + 1.0));
      EXPECT_NEAR(RegularizedGammaP(a + 1.0, x), RegularizedGammaP(a, x) - step, 2e-14)
          << "a " << a << " x " << x;
      EXPECT_NEAR(RegularizedGammaP(a, x) + RegularizedGammaQ(a, x), 1.0, 1e-14);
    }
  }
  // For tiny a, P(a, x) ~ x^a / Gamma(a + 1) - O(a x): almost 1 even for small x.
  EXPECT_NEAR(RegularizedGammaP(1e-9, 1e-3), 1.0 - 1e-9 * 6.33153936413615, 1e-15);
}

TEST(GammaDistribution, DensityIntegratesToCdf) {
  for (const double shape : {0.7, 1.0, 3.5, 50.0}) {
    const double scale = 1.0 / shape;  // the Sec. 5 family Gamma(k, 1/k), mean 1
    const double lo = 0.2, hi = 1.7;
    const int n = 20000;  // Simpson's rule; the integrand is smooth on [lo, hi]
    const double h = (hi - lo) / n;
    double sum = GammaPdf(lo, shape, scale) + GammaPdf(hi, shape, scale);
    for (int i = 1; i < n; ++i) sum += (i % 2 ? 4 : 2) * GammaPdf(lo + i * h, shape, scale);
    EXPECT_NEAR(sum * h / 3, GammaCdf(hi, shape, scale) - GammaCdf(lo, shape, scale), 1e-10)
        << shape;
    EXPECT_NEAR(GammaLogPdf(0.9, shape, scale), std::log(GammaPdf(0.9, shape, scale)), 1e-12);
  }
  EXPECT_EQ(GammaPdf(0.0, 2.0, 1.0), 0.0);
  EXPECT_EQ(GammaLogPdf(-1.0, 2.0, 1.0), -INFINITY);
  // Exponential with scale 2: F(x) = 1 - exp(-x / 2).
  EXPECT_NEAR(GammaCdf(3.0, 1.0, 2.0), 1 - std::exp(-1.5), 1e-15);
}

}  // namespace
}  // namespace vev::stats

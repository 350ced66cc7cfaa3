// Tests of the reference distributions (lib/stats/distributions.h) against values from
// scipy 1.10.1 (scipy.stats.norm / cauchy / levy, printed with repr) and round trips.
#include "lib/stats/distributions.h"

#include <cmath>

#include "gtest/gtest.h"

namespace vev::stats {
namespace {

TEST(Normal, MatchesScipy) {
  EXPECT_NEAR(NormalCdf(-10.0), 7.61985302416047e-24, 1e-36);
  EXPECT_NEAR(NormalCdf(-1.5), 0.06680720126885807, 1e-16);
  EXPECT_EQ(NormalCdf(0.0), 0.5);
  EXPECT_NEAR(NormalCdf(2.5), 0.9937903346742238, 1e-16);
  EXPECT_NEAR(NormalPdf(-1.5), 0.12951759566589174, 1e-16);
  EXPECT_NEAR(NormalPdf(8.0), 5.052271083536893e-15, 1e-29);
  EXPECT_NEAR(NormalCdf(3.0, 1.0, 2.0), NormalCdf(1.0), 1e-16);
  EXPECT_NEAR(NormalPdf(3.0, 1.0, 2.0), NormalPdf(1.0) / 2.0, 1e-16);
}

TEST(Normal, QuantileMatchesScipy) {
  EXPECT_NEAR(NormalQuantile(1e-300), -37.0470962993612, 1e-12);
  EXPECT_NEAR(NormalQuantile(1e-10), -6.361340902404056, 1e-14);
  EXPECT_NEAR(NormalQuantile(0.001), -3.090232306167813, 1e-14);
  EXPECT_NEAR(NormalQuantile(0.3), -0.5244005127080409, 1e-15);
  EXPECT_NEAR(NormalQuantile(0.5), 0.0, 1e-16);
  EXPECT_NEAR(NormalQuantile(0.975), 1.959963984540054, 1e-14);
  EXPECT_NEAR(NormalQuantile(1.0 - 1e-12), 7.0344869100478356, 1e-10);
  EXPECT_NEAR(NormalQuantile(0.975, 1.0, 2.0), 1.0 + 2.0 * 1.959963984540054, 1e-13);
  EXPECT_TRUE(std::isinf(NormalQuantile(0.0)));
  EXPECT_TRUE(std::isinf(NormalQuantile(1.0)));
}

// Round trip to the conditioning of the CDF: a relative error eps in x moves Phi(x) by
// phi(x) |x| eps ~ x^2 Phi(x) eps in the tail, so allow 4 eps (1 + x^2) relative.
TEST(Normal, QuantileInvertsCdf) {
  constexpr double kEps = 2.220446049250313e-16;
  for (double p = 1e-15; p < 1.0; p = p < 0.01 ? p * 3.0 : p + 0.01) {
    const double x = NormalQuantile(p);
    EXPECT_NEAR(NormalCdf(x), p, 4 * kEps * (1 + x * x) * std::fmin(p, 1.0 - p)) << "p=" << p;
  }
}

TEST(Cauchy, MatchesScipyAndInverts) {
  EXPECT_NEAR(CauchyCdf(3.0, 1.0, 2.0), 0.75, 1e-16);
  EXPECT_NEAR(CauchyPdf(3.0, 1.0, 2.0), 0.07957747154594767, 1e-17);
  EXPECT_NEAR(CauchyQuantile(0.9, 1.0, 2.0), 7.155367074350505, 1e-14);
  // Quartiles of Cauchy(0, gamma) are -gamma and +gamma (the IQR is 2 gamma).
  EXPECT_NEAR(CauchyQuantile(0.75, 0.0, std::sqrt(1000.0)), std::sqrt(1000.0), 1e-12);
  for (double p = 0.01; p < 1.0; p += 0.01) {
    EXPECT_NEAR(CauchyCdf(CauchyQuantile(p, -2.0, 3.0), -2.0, 3.0), p, 1e-15);
  }
}

TEST(Levy, MatchesScipyAndInverts) {
  EXPECT_NEAR(LevyCdf(0.7, 2.0), 0.09096894797535778, 1e-16);
  EXPECT_NEAR(LevyQuantile(0.25, 2.0), 1.5113688601019462, 1e-14);
  EXPECT_NEAR(LevyQuantile(0.5), 2.1981093383177326, 1e-14);  // median of 1/Z^2
  // Near p = 1 the quantile is ill-conditioned: c / z^2 with z = Q_normal(1 - p/2) ~ 0.00125,
  // so one ulp of p moves it by 2 eps / (phi(z) z) ~ 2e-13 relative; allow 1e-12.
  EXPECT_NEAR(LevyQuantile(0.999), 636619.4390341945, 636619.4 * 1e-12);
  EXPECT_EQ(LevyCdf(0.0), 0.0);
  EXPECT_EQ(LevyCdf(-1.0), 0.0);
  for (double p = 0.01; p < 1.0; p += 0.01) {
    EXPECT_NEAR(LevyCdf(LevyQuantile(p)), p, 1e-14);
  }
}

}  // namespace
}  // namespace vev::stats

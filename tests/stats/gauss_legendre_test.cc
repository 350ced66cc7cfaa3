// Tests of the Gauss-Legendre rule and the composite normal expectation
// (lib/stats/gauss_legendre.h) against closed forms.
#include "lib/stats/gauss_legendre.h"

#include <cmath>

#include "gtest/gtest.h"

namespace vev::stats {
namespace {

// n = 2: nodes +-1/sqrt(3), weights 1. n = 3: 0 and +-sqrt(3/5), weights 8/9 and 5/9.
TEST(GaussLegendre, SmallRulesByHand) {
  const GaussLegendreRule two = MakeGaussLegendreRule(2);
  EXPECT_NEAR(two.nodes[1], 1.0 / std::sqrt(3.0), 1e-15);
  EXPECT_NEAR(two.weights[0], 1.0, 1e-15);
  const GaussLegendreRule three = MakeGaussLegendreRule(3);
  EXPECT_EQ(three.nodes[1], 0.0);
  EXPECT_NEAR(three.nodes[2], std::sqrt(0.6), 1e-15);
  EXPECT_NEAR(three.weights[1], 8.0 / 9.0, 1e-15);
  EXPECT_NEAR(three.weights[2], 5.0 / 9.0, 1e-15);
}

// Exact for x^k, k <= 2n - 1: the integral over [-1, 1] is 2 / (k + 1) for even k, 0 odd.
TEST(GaussLegendre, ExactForPolynomials) {
  for (const int n : {1, 4, 16, 33, 200}) {
    const GaussLegendreRule rule = MakeGaussLegendreRule(n);
    double sum_w = 0.0;
    for (int i = 0; i < n; ++i) {
      EXPECT_EQ(rule.nodes[i], -rule.nodes[n - 1 - i]);
      EXPECT_GT(rule.weights[i], 0.0);
      sum_w += rule.weights[i];
    }
    EXPECT_NEAR(sum_w, 2.0, 1e-14) << "n=" << n;
    for (int k = 0; k <= std::min(2 * n - 1, 30); ++k) {
      double integral = 0.0;
      for (int i = 0; i < n; ++i) integral += rule.weights[i] * std::pow(rule.nodes[i], k);
      EXPECT_NEAR(integral, k % 2 == 0 ? 2.0 / (k + 1) : 0.0, 1e-14) << "n=" << n << " k=" << k;
    }
  }
}

// E[Z^2] = 1, E[Z^8] = 105, E[cos(a Z)] = exp(-a^2 / 2), E[relu(Z)^2] = 1/2,
// E[1{Z > 0}] = 1/2 (kink and jump at the panel edge 0: exact up to rounding).
TEST(CompositeNormalExpectation, ClosedForms) {
  const GaussLegendreRule rule = MakeGaussLegendreRule(16);
  EXPECT_NEAR(CompositeNormalExpectation([](double z) { return 1.0; }, rule), 1.0, 1e-14);
  EXPECT_NEAR(CompositeNormalExpectation([](double z) { return z * z; }, rule), 1.0, 1e-14);
  EXPECT_NEAR(CompositeNormalExpectation([](double z) { return std::pow(z, 8); }, rule), 105.0,
              1e-12);
  for (const double a : {0.5, 3.0, 10.0}) {
    EXPECT_NEAR(CompositeNormalExpectation([a](double z) { return std::cos(a * z); }, rule),
                std::exp(-0.5 * a * a), 1e-14)
        << "a=" << a;
  }
  EXPECT_NEAR(CompositeNormalExpectation(
                  [](double z) { return z > 0 ? z * z : 0.0; }, rule), 0.5, 1e-15);
  EXPECT_NEAR(CompositeNormalExpectation([](double z) { return z > 0 ? 1.0 : 0.0; }, rule), 0.5,
              1e-15);
  // A pole at distance 0.2 from the real axis: E[1 / (1 + 25 z^2)] by a fine composite rule
  // (width 0.05) against the default (width 0.5) and the default at 32 nodes.
  auto lorentz = [](double z) { return 1.0 / (1.0 + 25.0 * z * z); };
  const double reference =
      CompositeNormalExpectation(lorentz, MakeGaussLegendreRule(32), {30.0, 0.05});
  EXPECT_NEAR(CompositeNormalExpectation(lorentz, rule, {30.0, 0.25}), reference, 1e-12);
  EXPECT_NEAR(CompositeNormalExpectation(lorentz, MakeGaussLegendreRule(32)), reference, 1e-12);
}

}  // namespace
}  // namespace vev::stats

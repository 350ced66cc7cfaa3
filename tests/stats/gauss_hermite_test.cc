// Tests of the Gauss-Hermite rule (lib/stats/gauss_hermite.h) against closed forms: small
// rules by hand, Gaussian moments (exact up to degree 2n - 1), E[cos(a Z)], the ReLU and
// Heaviside moments used by the activation paper's length map, and a large rule.
#include "lib/stats/gauss_hermite.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"

namespace vev::stats {
namespace {

// n = 2: roots of He_2 = z^2 - 1 are +-1 with weights 1/2. n = 3: He_3 = z^3 - 3z has roots
// 0, +-sqrt(3); w = 3! / (3 He_2(x))^2 gives 2/3 at 0 and 1/6 at +-sqrt(3).
TEST(GaussHermite, SmallRulesByHand) {
  const GaussHermiteRule two = MakeGaussHermiteRule(2);
  EXPECT_NEAR(two.nodes[0], -1.0, 1e-15);
  EXPECT_NEAR(two.nodes[1], 1.0, 1e-15);
  EXPECT_NEAR(two.weights[0], 0.5, 1e-15);
  const GaussHermiteRule three = MakeGaussHermiteRule(3);
  EXPECT_EQ(three.nodes[1], 0.0);
  EXPECT_NEAR(three.nodes[2], std::sqrt(3.0), 1e-15);
  EXPECT_NEAR(three.weights[1], 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(three.weights[0], 1.0 / 6.0, 1e-15);
  const GaussHermiteRule one = MakeGaussHermiteRule(1);
  EXPECT_EQ(one.nodes[0], 0.0);
  EXPECT_EQ(one.weights[0], 1.0);
}

// numpy.polynomial.hermite_e.hermegauss(20), weights / sqrt(2 pi): largest node
// 7.619048541679758 with weight 1.2578006724379264e-13; the weight of node 10 (0-based)
// 0.2607930634495548.
TEST(GaussHermite, MatchesNumpyTwentyPoints) {
  const GaussHermiteRule rule = MakeGaussHermiteRule(20);
  EXPECT_NEAR(rule.nodes[19], 7.619048541679758, 1e-14);
  EXPECT_NEAR(rule.weights[19], 1.2578006724379264e-13, 1e-13 * 1.3e-13);
  EXPECT_NEAR(rule.weights[10], 0.2607930634495548, 1e-15);
}

TEST(GaussHermite, SymmetricPositiveAndNormalized) {
  for (const int n : {2, 5, 16, 17, 64, 128, 255, 1000, 2000}) {
    const GaussHermiteRule rule = MakeGaussHermiteRule(n);
    double sum = 0.0;
    for (int i = 0; i < n; ++i) {
      EXPECT_EQ(rule.nodes[i], -rule.nodes[n - 1 - i]);
      EXPECT_EQ(rule.weights[i], rule.weights[n - 1 - i]);
      EXPECT_GE(rule.weights[i], 0.0);
      if (i > 0) {
        EXPECT_LT(rule.nodes[i - 1], rule.nodes[i]);
      }
      sum += rule.weights[i];
    }
    EXPECT_NEAR(sum, 1.0, 1e-13) << "n=" << n;
  }
}

// E[Z^(2k)] = (2k - 1)!!, exact for 2k <= 2n - 1; odd moments vanish (to rounding of
// the terms, whose size is about E|Z|^(2k-1) <= (2k)!! ~ 2k (2k - 1)!!).
TEST(GaussHermite, ExactForPolynomialsUpToDegree2nMinus1) {
  for (const int n : {4, 10, 30}) {
    const GaussHermiteRule rule = MakeGaussHermiteRule(n);
    double double_factorial = 1.0;
    for (int k = 1; 2 * k <= 2 * n - 1; ++k) {
      double_factorial *= 2 * k - 1;
      const double m = GaussianExpectation([k](double z) { return std::pow(z, 2 * k); }, rule);
      EXPECT_NEAR(m, double_factorial, 1e-13 * double_factorial) << "n=" << n << " 2k=" << 2 * k;
      const double odd = GaussianExpectation([k](double z) { return std::pow(z, 2 * k - 1); }, rule);
      EXPECT_NEAR(odd, 0.0, 1e-14 * 2 * k * double_factorial) << "n=" << n << " 2k=" << 2 * k;
    }
  }
}

// E[cos(a Z)] = exp(-a^2 / 2): an entire function, geometric convergence.
TEST(GaussHermite, CharacteristicFunction) {
  const GaussHermiteRule rule = MakeGaussHermiteRule(64);
  for (const double a : {0.5, 1.0, 3.0, 6.0}) {
    EXPECT_NEAR(GaussianExpectation([a](double z) { return std::cos(a * z); }, rule),
                std::exp(-0.5 * a * a), 1e-14)
        << "a=" << a;
  }
}

// ReLU and Heaviside (kink or jump at 0): exact by the rule's symmetry, for any q:
// E[relu(sqrt(q) Z)^2] = q / 2, E[relu^4] = 3 q^2 / 2 (activation paper, Sec. 4.2), and
// E[H(Z)] = 1/2 for even n (no node at 0).
TEST(GaussHermite, ReluAndHeavisideMoments) {
  for (const int n : {16, 64, 128}) {
    const GaussHermiteRule rule = MakeGaussHermiteRule(n);
    for (const double q : {0.25, 1.0, 7.0}) {
      const double s = std::sqrt(q);
      const double m2 = GaussianExpectation(
          [s](double z) { const double r = std::fmax(s * z, 0.0); return r * r; }, rule);
      const double m4 = GaussianExpectation(
          [s](double z) { const double r = std::fmax(s * z, 0.0); return r * r * r * r; }, rule);
      EXPECT_NEAR(m2, q / 2.0, 1e-14 * q);
      EXPECT_NEAR(m4, 1.5 * q * q, 1e-13 * q * q);
    }
    EXPECT_NEAR(GaussianExpectation([](double z) { return z > 0 ? 1.0 : 0.0; }, rule), 0.5,
                1e-15);
  }
}

}  // namespace
}  // namespace vev::stats

// Tests of the Golub-Welsch nodes (lib/stats/golub_welsch.h) against closed forms: the
// roots of small Hermite, Legendre and Laguerre polynomials, and the Chebyshev nodes.
#include "lib/stats/golub_welsch.h"

#include <cmath>
#include <limits>

#include "Eigen/Core"
#include "gtest/gtest.h"

namespace vev::stats {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Backward-stable symmetric tridiagonal eigensolvers give eigenvalues within
// c n eps ||J|| of the exact ones; c = 4 here, with ||J|| <= max|a| + 2 max|b|.
double Tolerance(int n, double norm_bound) {
  return 4.0 * n * std::numeric_limits<double>::epsilon() * norm_bound;
}

// Probabilists' Hermite, b_k = sqrt(k): He_2 = z^2 - 1 (roots +-1), He_3 = z^3 - 3z (0,
// +-sqrt(3)).
TEST(GolubWelsch, HermiteRoots) {
  const Eigen::VectorXd two = GolubWelschNodes(Eigen::VectorXd::Zero(2), Eigen::VectorXd::Ones(1));
  ASSERT_EQ(two.size(), 2);
  EXPECT_NEAR(two(0), -1.0, Tolerance(2, 2.0));
  EXPECT_NEAR(two(1), 1.0, Tolerance(2, 2.0));
  Eigen::VectorXd b3(2);
  b3 << 1.0, std::sqrt(2.0);
  const Eigen::VectorXd three = GolubWelschNodes(Eigen::VectorXd::Zero(3), b3);
  const double tolerance = Tolerance(3, 1.0 + std::sqrt(2.0));
  EXPECT_NEAR(three(0), -std::sqrt(3.0), tolerance);
  EXPECT_NEAR(three(1), 0.0, tolerance);
  EXPECT_NEAR(three(2), std::sqrt(3.0), tolerance);
}

// Legendre, b_k = k / sqrt(4k^2 - 1): P_3 has roots 0, +-sqrt(3/5).
TEST(GolubWelsch, LegendreRoots) {
  Eigen::VectorXd b(2);
  for (int k = 1; k <= 2; ++k) b(k - 1) = k / std::sqrt(4.0 * k * k - 1.0);
  const Eigen::VectorXd nodes = GolubWelschNodes(Eigen::VectorXd::Zero(3), b);
  const double tolerance = Tolerance(3, 2.0);
  EXPECT_NEAR(nodes(0), -std::sqrt(0.6), tolerance);
  EXPECT_NEAR(nodes(1), 0.0, tolerance);
  EXPECT_NEAR(nodes(2), std::sqrt(0.6), tolerance);
}

// Chebyshev of the first kind (weight 1 / sqrt(1 - x^2)): b_1 = 1/sqrt(2), b_k = 1/2, and
// the roots of T_n are cos((2i - 1) pi / (2n)); n = 12.
TEST(GolubWelsch, ChebyshevRoots) {
  const int n = 12;
  Eigen::VectorXd b = Eigen::VectorXd::Constant(n - 1, 0.5);
  b(0) = std::sqrt(0.5);
  const Eigen::VectorXd nodes = GolubWelschNodes(Eigen::VectorXd::Zero(n), b);
  for (int i = 1; i <= n; ++i) {
    // Ascending: node i-1 is the i-th smallest root, cos((2(n - i) + 1) pi / (2n)).
    EXPECT_NEAR(nodes(i - 1), std::cos((2.0 * (n - i) + 1.0) * kPi / (2.0 * n)),
                Tolerance(n, 2.0))
        << "i=" << i;
  }
}

// A non-zero diagonal: Laguerre (weight e^-x), a_k = 2k + 1, b_k = k. L_2 has roots
// 2 -+ sqrt(2); L_3 roots are those of x^3 - 9x^2 + 18x - 6 (residual checked).
TEST(GolubWelsch, LaguerreRoots) {
  Eigen::VectorXd a2(2), b2(1);
  a2 << 1.0, 3.0;
  b2 << 1.0;
  const Eigen::VectorXd two = GolubWelschNodes(a2, b2);
  EXPECT_NEAR(two(0), 2.0 - std::sqrt(2.0), Tolerance(2, 5.0));
  EXPECT_NEAR(two(1), 2.0 + std::sqrt(2.0), Tolerance(2, 5.0));
  Eigen::VectorXd a3(3), b3(2);
  a3 << 1.0, 3.0, 5.0;
  b3 << 1.0, 2.0;
  const Eigen::VectorXd three = GolubWelschNodes(a3, b3);
  for (int i = 0; i < 3; ++i) {
    // |L_3'| <= 3x^2 + 18x + 18 < 120 on [0, 6.3], so the residual bound is 120 tolerance.
    const double x = three(i);
    EXPECT_NEAR(((x - 9.0) * x + 18.0) * x - 6.0, 0.0, 120.0 * Tolerance(3, 9.0)) << "x=" << x;
  }
  EXPECT_LT(three(0), three(1));
  EXPECT_LT(three(1), three(2));
}

TEST(GolubWelsch, OneNodeIsTheDiagonal) {
  const Eigen::VectorXd one = GolubWelschNodes(Eigen::VectorXd::Constant(1, 0.25),
                                               Eigen::VectorXd(0));
  ASSERT_EQ(one.size(), 1);
  EXPECT_EQ(one(0), 0.25);
}

}  // namespace
}  // namespace vev::stats

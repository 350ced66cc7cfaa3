// Tests of Proposition 3, Lemmas 3-4 and Theorem 1 (vanishing-variance paper, Sec. 4).
#include "lib/theory/kurtosis_recursion.h"

#include <cmath>
#include <vector>

#include "Eigen/Eigenvalues"
#include "gtest/gtest.h"
#include "lib/rng/random_stream.h"

namespace vev::theory {
namespace {

constexpr double kTight = 1e-12;

// The form used by the paper's public code: (kappa, c) <- A_- (kappa, c) + b, with A_- the
// upper-left 2x2 block of A(l) and b its third column. Written out independently here from
// the proof of Proposition 3 (kappa_{l+1} and c_{l+1} equations).
KurtosisState AffineStep(const KurtosisState& k, double a, double kw, double s2, int width) {
  const double w = width;
  const double s4 = s2 * s2;
  const double p = 2.0 * (std::pow(a, 4) + 1.0) / std::pow(a * a + 1.0, 2) / w;
  return {p * kw * k.kurtosis + 3.0 * (w - 1.0) / (w * s4) * k.cov_squares + 3.0 * (w - 1.0) / w,
          p * s4 * k.kurtosis + (w - 1.0) / w * k.cov_squares - s4 / w};
}

// Width 2, ReLU, normal weights N(0, 2/2), from i.i.d. N(0, 1) inputs (kappa_0 = 3,
// c_0 = 0). By hand: y = w1 relu(x1) + w2 relu(x2), E[relu(x)^2] = 1/2, E[relu(x)^4] = 3/2,
// E[w^4] = 3. E[y^4] = 2 * 3 * 3/2 + 6 * (1 * 1/2)^2 = 10.5 with E[y^2] = 1, so kappa_1 =
// 10.5; E[y1^2 y2^2] = sum_j E[relu_j^4] + sum_{j != k} E[relu_j^2] E[relu_k^2] = 3.5, so
// c_1 = 3.5 - 1 = 2.5.
TEST(KurtosisTransition, HandDerivedWidthTwoReluFromGaussian) {
  const KurtosisModel model{/*negative_slope=*/0.0, /*weight_kurtosis=*/3.0,
                            /*output_variance=*/1.0};
  const KurtosisState k1 = PropagateKurtosis(model, {3.0, 0.0}, std::vector<int>{2});
  EXPECT_NEAR(k1.kurtosis, 10.5, kTight);
  EXPECT_NEAR(k1.cov_squares, 2.5, kTight);
}

// Width 1: y = w relu(x) with independent w: Kurt = E[w^4] E[relu^4] / (E[w^2] E[relu^2])^2
// = k_w * (3/2) / (1/2)^2 = 6 k_w for Gaussian x.
TEST(KurtosisTransition, HandDerivedWidthOne) {
  for (const double kw : {1.0, 1.8, 3.0}) {
    const KurtosisModel model{0.0, kw, 1.0};
    const KurtosisState k1 = PropagateKurtosis(model, {3.0, 0.0}, std::vector<int>{1});
    EXPECT_NEAR(k1.kurtosis, 6.0 * kw, kTight) << "k_w=" << kw;
  }
}

// a = 1 (identity activation), Bernoulli weights (k_w = 1), width w, Gaussian inputs:
// y = sum_j w_j x_j with |w_j| = sqrt(1/w) is exactly N(0, 1) for every draw of signs, so
// kappa_1 = 3, and y1, y2 are jointly Gaussian given the signs, with correlation
// rho = (1/w) sum_j s1j s2j; E[y1^2 y2^2] = 1 + 2 E[rho^2] = 1 + 2/w, so c_1 = 2/w.
// (He scaling at a = 1 is std sqrt(2 / ((1 + a^2) w)) = sqrt(1/w).)
TEST(KurtosisTransition, HandDerivedIdentityActivationBernoulliWeights) {
  for (const int w : {1, 2, 7, 50}) {
    const KurtosisModel model{1.0, 1.0, 1.0};
    const KurtosisState k1 = PropagateKurtosis(model, {3.0, 0.0}, std::vector<int>{w});
    EXPECT_NEAR(k1.kurtosis, 3.0, kTight) << "w=" << w;
    EXPECT_NEAR(k1.cov_squares, 2.0 / w, kTight) << "w=" << w;
  }
}

TEST(KurtosisTransition, MatrixEntriesMatchProposition3) {
  const double a = 0.3, kw = 1.8, s2 = 2.5;
  const int w = 7;
  const KurtosisModel model{a, kw, s2};
  const Eigen::Matrix3d m = KurtosisTransition(model, w);
  const double f = 2.0 * (std::pow(a, 4) + 1.0) / (w * std::pow(a * a + 1.0, 2));
  const double s4 = s2 * s2;
  EXPECT_NEAR(m(0, 0), f * kw, kTight);
  EXPECT_NEAR(m(0, 1), 3.0 * (w - 1) / (w * s4), kTight);
  EXPECT_NEAR(m(0, 2), 3.0 * (w - 1) / w, kTight);
  EXPECT_NEAR(m(1, 0), f * s4, kTight);
  EXPECT_NEAR(m(1, 1), (w - 1.0) / w, kTight);
  EXPECT_NEAR(m(1, 2), -s4 / w, kTight);
  EXPECT_EQ(m.row(2), Eigen::RowVector3d(0, 0, 1));
}

TEST(PropagateKurtosis, AgreesWithAffineFormOfPublicCode) {
  rng::RandomStream stream(20261122, {1});
  for (int trial = 0; trial < 50; ++trial) {
    const double a = stream.Uniform01();
    const double kw = 1.0 + 4.0 * stream.Uniform01();
    const double s2 = 0.5 + 2.0 * stream.Uniform01();
    std::vector<int> widths(1 + stream.UniformInt(30));
    for (int& w : widths) w = 1 + static_cast<int>(stream.UniformInt(60));
    const KurtosisModel model{a, kw, s2};
    const KurtosisState start{3.0 + stream.Uniform01(), s2 * s2 * stream.Uniform01()};
    KurtosisState affine = start;
    for (const int w : widths) affine = AffineStep(affine, a, kw, s2, w);
    const KurtosisState matrix = PropagateKurtosis(model, start, widths);
    const Eigen::Vector3d product =
        KurtosisTransitionProduct(model, widths) * Eigen::Vector3d(start.kurtosis,
                                                                    start.cov_squares, 1.0);
    EXPECT_NEAR(matrix.kurtosis, affine.kurtosis, 1e-12 * std::abs(affine.kurtosis));
    EXPECT_NEAR(matrix.cov_squares, affine.cov_squares, 1e-12 * std::abs(affine.kurtosis));
    EXPECT_NEAR(product(0), affine.kurtosis, 1e-11 * std::abs(affine.kurtosis));
    EXPECT_NEAR(product(2), 1.0, kTight);
  }
}

// The normalized recursion does not depend on the output variance s^2.
TEST(PropagateKurtosis, NormalizedStateIsScaleFree) {
  const std::vector<int> widths = {5, 3, 12, 2, 9};
  KurtosisModel unit{0.1, 1.8, 1.0};
  KurtosisModel scaled = unit;
  scaled.output_variance = 3.7;
  const KurtosisState a = PropagateKurtosis(unit, StateFromNormalized(unit, 3.3, 0.1), widths);
  const KurtosisState b =
      PropagateKurtosis(scaled, StateFromNormalized(scaled, 3.3, 0.1), widths);
  EXPECT_NEAR(a.kurtosis, b.kurtosis, 1e-12 * a.kurtosis);
  EXPECT_NEAR(a.cov_squares, b.cov_squares / (3.7 * 3.7), 1e-12 * a.kurtosis);
}

// Lemma 3: any product of A(l) with w > 1 has the form
// [[alpha, beta/s^4, beta], [gamma s^4, delta, s^4 (delta - 1)], [0, 0, 1]] with
// gamma > 0, alpha >= gamma, delta > 0, beta >= delta.
TEST(KurtosisTransitionProduct, HasTheFormOfLemma3) {
  rng::RandomStream stream(7, {3});
  for (int trial = 0; trial < 100; ++trial) {
    const double s2 = 0.5 + stream.Uniform01();
    const double s4 = s2 * s2;
    const KurtosisModel model{stream.Uniform01(), 1.0 + 3.0 * stream.Uniform01(), s2};
    std::vector<int> widths(1 + stream.UniformInt(20));
    for (int& w : widths) w = 2 + static_cast<int>(stream.UniformInt(100));
    const Eigen::Matrix3d b = KurtosisTransitionProduct(model, widths);
    const double alpha = b(0, 0), beta = b(0, 2), gamma = b(1, 0) / s4, delta = b(1, 1);
    const double tol = 1e-12 * b.cwiseAbs().maxCoeff();
    EXPECT_NEAR(b(0, 1), beta / s4, tol);
    EXPECT_NEAR(b(1, 2), s4 * (delta - 1.0), tol);
    EXPECT_GT(gamma, 0.0);
    EXPECT_GE(alpha, gamma - tol);
    EXPECT_GT(delta, 0.0);
    EXPECT_GE(beta, delta - tol);
  }
}

// Lemma 4: lambda_max(A(l)) > 1 on a grid of (a, w, k_w); and the closed form agrees with a
// general eigen-solver on the 3x3 matrix.
TEST(LargestEigenvalue, ExceedsOneOnGridAndMatchesEigenSolver) {
  for (double a = 0.0; a <= 1.0001; a += 0.1) {
    for (const int w : {2, 3, 5, 10, 20, 50, 100, 200, 1000, 10000}) {
      for (const double kw : {1.0, 1.5, 1.8, 2.5, 3.0, 5.0, 9.0}) {
        const KurtosisModel model{a, kw, 1.0};
        const double lambda = LargestEigenvalue(model, w);
        EXPECT_GT(lambda, 1.0) << "a=" << a << " w=" << w << " k_w=" << kw;
        const Eigen::Vector3cd eigenvalues =
            Eigen::EigenSolver<Eigen::Matrix3d>(KurtosisTransition(model, w)).eigenvalues();
        double largest_real = -1e300;
        for (int i = 0; i < 3; ++i) largest_real = std::max(largest_real, eigenvalues(i).real());
        EXPECT_NEAR(lambda, largest_real, 1e-10 * lambda);
      }
    }
  }
}

// Theorem 1: for widths bounded in [2, w_max] the output kurtosis grows without bound; for
// a constant width its growth rate per layer tends to lambda_max (depth 400 keeps
// 3.5^400 finite while the other eigenvalues' share has decayed below 1e-16). Meanwhile the theoretical
// variance is constant: He scaling 2 / ((1 + a^2) w) times w inputs times E[phi_a(y)^2] =
// (1 + a^2) s^2 / 2 gives s^2 at every layer (the recursion's premise), checked by Monte
// Carlo in the engine's tests.
TEST(KurtosisTrajectory, GrowsWithoutBoundForBoundedWidths) {
  rng::RandomStream stream(11, {4});
  for (const double kw : {1.0, 1.8, 3.0}) {
    const KurtosisModel model{0.0, kw, 1.0};
    std::vector<int> widths(2000);
    for (int& w : widths) w = 2 + static_cast<int>(stream.UniformInt(49));  // 2..50
    const std::vector<KurtosisState> states =
        KurtosisTrajectory(model, StateFromNormalized(model, 3.28, 0.10), widths);
    ASSERT_EQ(states.size(), widths.size() + 1);
    // Beyond any bound: past 1e6 by depth 2000, and increasing over every 100 layers.
    EXPECT_GT(states.back().kurtosis, 1e6) << "k_w=" << kw;
    for (size_t d = 100; d < states.size(); d += 100) {
      EXPECT_GT(states[d].kurtosis, states[d - 100].kurtosis) << "d=" << d;
    }
  }
}

TEST(KurtosisTrajectory, GrowthRateTendsToLargestEigenvalue) {
  for (const int w : {2, 10, 50}) {
    const KurtosisModel model{0.0, 3.0, 1.0};
    const std::vector<KurtosisState> states =
        KurtosisTrajectory(model, {3.95, 0.71}, std::vector<int>(400, w));
    const double rate = states[400].kurtosis / states[399].kurtosis;
    EXPECT_NEAR(rate, LargestEigenvalue(model, w), 1e-6) << "w=" << w;
  }
}

// Monte Carlo: simulate width-3 ReLU networks with He-normal weights on Gaussian inputs
// and compare kappa_2 with Proposition 3. Per network draw and input draw, the first
// output y is one sample; 4 * 10^5 independent samples in 20 batches give a batch-means SE.
// False-failure budget: two-sided 1e-5 (z = 4.42), one assertion.
TEST(KurtosisTrajectory, MatchesMonteCarloAtDepthTwo) {
  constexpr int kWidth = 3, kBatches = 20, kPerBatch = 20000;
  const KurtosisModel model{0.0, 3.0, 1.0};
  const double expected =
      PropagateKurtosis(model, {3.0, 0.0}, std::vector<int>{kWidth, kWidth}).kurtosis;
  rng::RandomStream stream(20261122, {5});
  const double std_w = std::sqrt(2.0 / kWidth);
  std::vector<double> batch_kurtosis;
  for (int b = 0; b < kBatches; ++b) {
    double m2 = 0.0, m4 = 0.0;
    for (int s = 0; s < kPerBatch; ++s) {
      double y[kWidth];
      for (double& v : y) v = stream.Normal();  // y(0): i.i.d. N(0, 1): kappa 3, c 0
      for (int layer = 0; layer < 2; ++layer) {
        double next[kWidth];
        for (int i = 0; i < kWidth; ++i) {
          next[i] = 0.0;
          for (int j = 0; j < kWidth; ++j) next[i] += std_w * stream.Normal() * std::max(y[j], 0.0);
        }
        for (int i = 0; i < kWidth; ++i) y[i] = next[i];
      }
      m2 += y[0] * y[0];
      m4 += y[0] * y[0] * y[0] * y[0];
    }
    m2 /= kPerBatch;
    m4 /= kPerBatch;
    batch_kurtosis.push_back(m4 / (m2 * m2));
  }
  double mean = 0.0, var = 0.0;
  for (const double k : batch_kurtosis) mean += k / kBatches;
  for (const double k : batch_kurtosis) var += (k - mean) * (k - mean) / (kBatches - 1);
  const double se = std::sqrt(var / kBatches);
  constexpr double kZ = 4.42;
  EXPECT_NEAR(mean, expected, kZ * se) << "estimate=" << mean << " expected=" << expected
                                       << " se=" << se;
}

}  // namespace
}  // namespace vev::theory

// Tests of the input state of Proposition 3 for z = W x (lib/theory/input_moments.h):
// the closed forms on a hand-computed dataset and against exact enumeration over Bernoulli
// weights, the Gaussian-input case, and the Monte-Carlo estimator (PROTOCOL.md's 10^7-sample
// procedure, small) against the closed forms within its standard errors.
#include "lib/theory/input_moments.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"
#include "lib/base/eigen_types.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/exchangeable_moments.h"

namespace vev::theory {
namespace {

// Columns x1 = (1, 0), x2 = (1, 1), x3 = (2, 0): |x|^2 = 1, 2, 4 (mean 7/3, population
// variance 14/9), so c_0 = (14/9) / (49/9) = 2/7; sum_k x_k^4 = 1, 2, 16 (mean 19/3), so
// q = (19/3) / (49/9) = 57/49.
Matrix HandData() {
  Matrix x(2, 3);
  x << 1, 1, 2,  //
      0, 1, 0;
  return x;
}

TEST(TransformMoments, HandComputedDataset) {
  const TransformMoments m = DatasetTransformMoments(HandData());
  EXPECT_EQ(m.dimension, 2);
  EXPECT_DOUBLE_EQ(m.mean_squared_norm, 7.0 / 3.0);
  EXPECT_DOUBLE_EQ(m.normalized_cov_squares, 2.0 / 7.0);
  EXPECT_DOUBLE_EQ(m.fourth_power_ratio, 57.0 / 49.0);
  EXPECT_DOUBLE_EQ(m.Kurtosis(3.0), 27.0 / 7.0);
  EXPECT_DOUBLE_EQ(m.Kurtosis(1.0), 27.0 / 7.0 - 2.0 * 57.0 / 49.0);
  const KurtosisState s = m.State(1.8);
  EXPECT_DOUBLE_EQ(s.kurtosis, m.Kurtosis(1.8));
  EXPECT_DOUBLE_EQ(s.cov_squares, 2.0 / 7.0);
}

// Exact E over x uniform on the columns and every sign pattern of two Bernoulli rows
// (W_ik = +-1, k_w = 1): kappa_0 = E[z_1^4] / E[z_1^2]^2 and c_0 = E[z_1^2 z_2^2] /
// E[z_1^2]^2 - 1 must equal the closed forms.
TEST(TransformMoments, ClosedFormMatchesEnumerationOverBernoulliWeights) {
  Matrix x(3, 4);
  x << 0.5, -1.0, 2.0, 0.1,  //
      1.5, 0.3, -0.7, 0.2,   //
      -2.0, 0.9, 0.4, 1.1;
  const int d = 3, patterns = 1 << d;
  double m2 = 0, m4 = 0, m22 = 0;
  for (int j = 0; j < x.cols(); ++j) {
    for (int a = 0; a < patterns; ++a) {
      for (int b = 0; b < patterns; ++b) {
        double z1 = 0, z2 = 0;
        for (int k = 0; k < d; ++k) {
          z1 += ((a >> k) & 1 ? 1.0 : -1.0) * x(k, j);
          z2 += ((b >> k) & 1 ? 1.0 : -1.0) * x(k, j);
        }
        m2 += z1 * z1;
        m4 += z1 * z1 * z1 * z1;
        m22 += z1 * z1 * z2 * z2;
      }
    }
  }
  const double count = static_cast<double>(x.cols()) * patterns * patterns;
  m2 /= count;
  m4 /= count;
  m22 /= count;
  const TransformMoments m = DatasetTransformMoments(x);
  EXPECT_NEAR(m.Kurtosis(1.0), m4 / (m2 * m2), 1e-6);  // float data: ~1e-7 relative
  EXPECT_NEAR(m.normalized_cov_squares, m22 / (m2 * m2) - 1.0, 1e-6);
  EXPECT_NEAR(m.mean_squared_norm, m2, 1e-5);
}

TEST(TransformMoments, GaussianInputs) {
  const TransformMoments m = GaussianTransformMoments(8);
  EXPECT_EQ(m.dimension, 8);
  EXPECT_DOUBLE_EQ(m.normalized_cov_squares, 0.25);
  EXPECT_DOUBLE_EQ(m.fourth_power_ratio, 3.0 / 8.0);
  // kappa_0 = 3 (1 + (k_w - 1) / n) (conditionally on W, z is Gaussian with variance |w|^2).
  EXPECT_DOUBLE_EQ(m.Kurtosis(1.8), 3.0 * (1.0 + 0.8 / 8.0));
}

// A synthetic dataset with heterogeneous norms: 300 points in D = 24, each a Gaussian
// vector times a scale in {0.5, 1, 3} plus a common offset (like image backgrounds).
Matrix SyntheticData() {
  rng::RandomStream stream(77, {1});
  Matrix x(24, 300);
  for (int j = 0; j < x.cols(); ++j) {
    const double scale = j % 3 == 0 ? 0.5 : (j % 3 == 1 ? 1.0 : 3.0);
    for (int k = 0; k < x.rows(); ++k) {
      x(k, j) = static_cast<float>(0.4 + scale * stream.Normal());
    }
  }
  return x;
}

TEST(TransformMoments, MonteCarloMatchesClosedForm) {
  // Two assertions at z = 4.42 (two-sided 1e-5 each): false-failure budget 2e-5.
  constexpr double kZ = 4.42;
  const Matrix x = SyntheticData();
  InputMomentOptions options;
  options.rows = 10;
  options.points_per_group = 20;
  options.chunk = 7;  // exercises partial chunks
  std::vector<stats::ExchangeableMomentSums> groups(2000);
  for (size_t g = 0; g < groups.size(); ++g) {
    groups[g] = SampleTransformGroup(x, options, rng::RandomStream(20240611, {g}));
  }
  const stats::ExchangeableMomentEstimates e = stats::EstimateExchangeableMoments(groups);
  const TransformMoments exact = DatasetTransformMoments(x);
  EXPECT_EQ(e.vectors, 2000 * 20);
  EXPECT_NEAR(e.kurtosis.value, exact.Kurtosis(3.0), kZ * e.kurtosis.std_error)
      << "se " << e.kurtosis.std_error;
  EXPECT_NEAR(e.normalized_cov_squares.value, exact.normalized_cov_squares,
              kZ * e.normalized_cov_squares.std_error)
      << "se " << e.normalized_cov_squares.std_error;
  std::printf("kappa_0 %.4f +- %.4f (exact %.4f), c_0 %.4f +- %.4f (exact %.4f)\n",
              e.kurtosis.value, e.kurtosis.std_error, exact.Kurtosis(3.0),
              e.normalized_cov_squares.value, e.normalized_cov_squares.std_error,
              exact.normalized_cov_squares);
}

TEST(TransformMoments, GroupIsAPureFunctionOfItsStream) {
  const Matrix x = SyntheticData();
  InputMomentOptions options;
  options.points_per_group = 13;
  const auto a = SampleTransformGroup(x, options, rng::RandomStream(5, {3}));
  const auto b = SampleTransformGroup(x, options, rng::RandomStream(5, {3}));
  const auto c = SampleTransformGroup(x, options, rng::RandomStream(5, {4}));
  EXPECT_EQ(a.sum_fourth, b.sum_fourth);
  EXPECT_EQ(a.sum_cross, b.sum_cross);
  EXPECT_NE(a.sum_fourth, c.sum_fourth);
  EXPECT_EQ(a.vectors, 13);
  EXPECT_EQ(a.dimension, 10);
}

}  // namespace
}  // namespace vev::theory

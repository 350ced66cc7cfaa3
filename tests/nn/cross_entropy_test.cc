// Tests of the softmax cross-entropy, its gradient and the accuracy count
// (lib/nn/cross_entropy.h).
#include "lib/nn/cross_entropy.h"

#include <cmath>
#include <limits>
#include <vector>

#include "gtest/gtest.h"
#include "lib/base/eigen_types.h"

namespace vev::nn {
namespace {

using CE = SoftmaxCrossEntropyT<double>;

// Hand-computed: column 0 = (0, 0, 0), label 2: loss log 3, softmax 1/3 each.
// Column 1 = (log 1, log 2, log 5) = (0, ln 2, ln 5), label 1: softmax (1/8, 2/8, 5/8),
// loss -ln(2/8) = ln 4. Mean loss (ln 3 + ln 4) / 2 = ln(12) / 2.
TEST(SoftmaxCrossEntropy, HandComputedLossAndGradient) {
  MatrixD logits(3, 2);
  logits << 0.0, 0.0,
            0.0, std::log(2.0),
            0.0, std::log(5.0);
  const std::vector<uint8_t> labels = {2, 1};
  MatrixD grad(3, 2);
  const double loss = CE::LossAndGradient(logits, labels, grad);
  EXPECT_NEAR(loss, std::log(12.0) / 2.0, 1e-15);
  MatrixD expected(3, 2);
  expected << 1.0 / 3.0 / 2.0, 1.0 / 8.0 / 2.0,
              1.0 / 3.0 / 2.0, (2.0 / 8.0 - 1.0) / 2.0,
              (1.0 / 3.0 - 1.0) / 2.0, 5.0 / 8.0 / 2.0;
  EXPECT_LE((grad - expected).cwiseAbs().maxCoeff(), 1e-16);
  EXPECT_NEAR(CE::SumLoss(logits, labels), std::log(12.0), 1e-15);
}

// Shifting a column by a constant changes nothing; huge logits do not overflow.
TEST(SoftmaxCrossEntropy, ShiftInvariantAndStableForLargeLogits) {
  MatrixD logits(3, 1);
  logits << 1000.0, 1001.0, 999.0;
  MatrixD shifted = logits.array() - 1000.0;
  const std::vector<uint8_t> label = {0};
  MatrixD g1(3, 1), g2(3, 1);
  const double l1 = CE::LossAndGradient(logits, label, g1);
  const double l2 = CE::LossAndGradient(shifted, label, g2);
  EXPECT_TRUE(std::isfinite(l1));
  EXPECT_NEAR(l1, l2, 1e-12);
  EXPECT_LE((g1 - g2).cwiseAbs().maxCoeff(), 1e-15);
}

// Central differences of the mean loss against the analytic gradient.
TEST(SoftmaxCrossEntropy, GradientMatchesCentralDifferences) {
  MatrixD logits(4, 3);
  logits << 0.3, -1.2, 2.0,
            1.1, 0.4, -0.5,
            -0.7, 0.9, 0.1,
            0.2, -0.3, 1.5;
  const std::vector<uint8_t> labels = {1, 3, 0};
  MatrixD grad(4, 3), unused(4, 3);
  CE::LossAndGradient(logits, labels, grad);
  const double h = std::cbrt(std::numeric_limits<double>::epsilon());
  for (Eigen::Index i = 0; i < logits.size(); ++i) {
    MatrixD up = logits, down = logits;
    up.data()[i] += h;
    down.data()[i] -= h;
    const double numeric = (CE::LossAndGradient(up, labels, unused) -
                            CE::LossAndGradient(down, labels, unused)) /
                           (up.data()[i] - down.data()[i]);
    EXPECT_NEAR(grad.data()[i], numeric, 1e-6 * std::max(1.0, std::abs(numeric))) << i;
  }
}

TEST(SoftmaxCrossEntropy, NonFiniteLogitsGiveNanLoss) {
  MatrixD logits(2, 1);
  logits << std::numeric_limits<double>::quiet_NaN(), 0.0;
  MatrixD grad(2, 1);
  EXPECT_TRUE(std::isnan(CE::LossAndGradient(logits, std::vector<uint8_t>{1}, grad)));
}

// Ties go to the smallest index; a NaN wins (torch.max on the CPU propagates NaN).
TEST(SoftmaxCrossEntropy, ArgMaxTiesAndNan) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  MatrixD logits(4, 4);
  logits << 1.0, 0.0, 0.0, 2.0,
            3.0, 0.0, nan, 1.0,
            3.0, 0.0, 5.0, nan,
            2.0, 0.0, nan, 0.5;
  EXPECT_EQ(CE::ArgMax(logits, 0), 1);
  EXPECT_EQ(CE::ArgMax(logits, 1), 0);
  EXPECT_EQ(CE::ArgMax(logits, 2), 1);
  EXPECT_EQ(CE::ArgMax(logits, 3), 2);
  EXPECT_EQ(CE::CountCorrect(logits, std::vector<uint8_t>{1, 0, 2, 2}), 3);
}

TEST(SoftmaxCrossEntropy, FloatAgreesWithDouble) {
  Matrix logits(3, 2);
  logits << 0.5f, -2.0f, 1.5f, 0.25f, -1.0f, 3.0f;
  const std::vector<uint8_t> labels = {0, 2};
  Matrix grad(3, 2);
  MatrixD grad_d(3, 2);
  const double loss = SoftmaxCrossEntropy::LossAndGradient(logits, labels, grad);
  const double loss_d = CE::LossAndGradient(logits.cast<double>(), labels, grad_d);
  EXPECT_NEAR(loss, loss_d, 8 * std::numeric_limits<float>::epsilon() * loss_d);
  EXPECT_LE((grad.cast<double>() - grad_d).cwiseAbs().maxCoeff(),
            8 * std::numeric_limits<float>::epsilon());
}

}  // namespace
}  // namespace vev::nn

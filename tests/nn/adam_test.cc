// Tests of Adam (lib/nn/adam.h) against hand-computed updates.
#include "lib/nn/adam.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"
#include "lib/nn/relu_mlp.h"

namespace vev::nn {
namespace {

// Smallest network: depth 0, input 1, 2 classes: W is 2 x 1, b has 2 entries, 4 parameters.
const MlpShape kTiny{/*input_size=*/1, /*width=*/1, /*depth=*/0, /*num_classes=*/2, 0.0};

// Parameter i starts at kStart[i] and sees gradients kGrads[i][t] at steps t = 1, 2, 3.
constexpr double kStart[4] = {1.0, -0.5, 0.25, 2.0};
constexpr double kGrads[4][3] = {
    {0.5, -0.25, 1.0}, {-2.0, -2.0, -2.0}, {1e-3, 0.0, -4.0}, {0.0, 0.0, 0.0}};

// The textbook form m_hat / (sqrt(v_hat) + eps) with lr 0.1, evaluated in double precision
// by a 10-line Python loop (values pasted). Step 1 by hand: m = 0.1 g, v = 0.001 g^2,
// m_hat = g, v_hat = g^2, so p1 = p0 - 0.1 g / (|g| + 1e-8): 1 - 0.05 / 0.50000001 =
// 0.900000002 and -0.5 + 0.2 / 2.00000001 = -0.4000000005. A zero gradient never moves.
constexpr double kExpected[4][3] = {
    {0.900000002, 0.8733662987078463, 0.8075551396770898},
    {-0.4000000005, -0.3000000010000007, -0.20000000150000072},
    {0.1500009999900001, 0.08299612240551797, 0.14686454410166322},
    {2.0, 2.0, 2.0}};

template <typename Scalar>
void RunTinyAdam(double tolerance) {
  AdamOptions options;
  options.learning_rate = 0.1;
  AdamT<Scalar> adam(kTiny, options);
  MlpTensorsT<Scalar> params(kTiny), grads(kTiny);
  auto entry = [](MlpTensorsT<Scalar>& t, int i) -> Scalar& {
    return i < 2 ? t.mutable_weight(0)(i, 0) : t.mutable_bias(0)(i - 2);
  };
  for (int i = 0; i < 4; ++i) entry(params, i) = static_cast<Scalar>(kStart[i]);
  for (int t = 0; t < 3; ++t) {
    for (int i = 0; i < 4; ++i) entry(grads, i) = static_cast<Scalar>(kGrads[i][t]);
    adam.Step(grads, &params);
    EXPECT_EQ(adam.step_count(), t + 1);
    for (int i = 0; i < 4; ++i) {
      EXPECT_NEAR(entry(params, i), kExpected[i][t], tolerance * std::abs(kExpected[i][t]))
          << "parameter " << i << " step " << t + 1;
    }
  }
}

TEST(Adam, DoubleMatchesHandComputedSteps) { RunTinyAdam<double>(1e-14); }

// Float: each of the ~10 rounded operations per step adds <= eps_f / 2 relative error.
TEST(Adam, FloatMatchesHandComputedSteps) { RunTinyAdam<float>(1e-6); }

// Defaults are PROTOCOL.md's.
TEST(Adam, DefaultOptions) {
  const AdamOptions options;
  EXPECT_EQ(options.learning_rate, 1e-4);
  EXPECT_EQ(options.beta1, 0.9);
  EXPECT_EQ(options.beta2, 0.999);
  EXPECT_EQ(options.epsilon, 1e-8);
}

// A constant gradient g moves every parameter by lr * g / (|g| + eps) at every step (the
// bias corrections make m_hat = g, v_hat = g^2 exactly in exact arithmetic), on every
// tensor of a deeper network.
TEST(Adam, ConstantGradientStepsByLearningRate) {
  const MlpShape shape{3, 4, 2, 5, 0.0};
  AdamOptions options;
  options.learning_rate = 1e-3;
  AdamT<double> adam(shape, options);
  MlpTensorsT<double> params(shape), grads(shape);
  for (int l = 0; l < shape.num_layers(); ++l) {
    grads.mutable_weight(l).setConstant(-0.3);
    grads.mutable_bias(l).setConstant(2.0);
  }
  for (int t = 1; t <= 20; ++t) adam.Step(grads, &params);
  const double w_step = 1e-3 * 0.3 / (0.3 + 1e-8), b_step = 1e-3 * 2.0 / (2.0 + 1e-8);
  for (int l = 0; l < shape.num_layers(); ++l) {
    EXPECT_TRUE(params.weight(l).isApproxToConstant(20 * w_step, 1e-12)) << params.weight(l);
    EXPECT_TRUE(params.bias(l).isApproxToConstant(-20 * b_step, 1e-12)) << params.bias(l);
  }
}

}  // namespace
}  // namespace vev::nn

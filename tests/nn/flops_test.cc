// Tests of the FLOP counts behind the benchmarks' GFLOP/s counters (lib/nn/flops.h).
#include "lib/nn/flops.h"

#include "gtest/gtest.h"

namespace vev::nn {
namespace {

// Depth 0, 784 -> 10, n = 90: forward 2*10*784*90 + 10*90 = 1,412,100; backward
// 2*10*784*90 + 10*90 (no W^T delta below layer 0).
TEST(Flops, DepthZeroByHand) {
  const MlpShape shape{784, 10, 0, 10, 0.0};
  EXPECT_EQ(ForwardFlops(shape, 90), 1412100.0);
  EXPECT_EQ(BackwardFlops(shape, 90), 1412100.0);
  EXPECT_EQ(TrainingStepFlops(shape, 90), 2824200.0);
}

// Depth 1, 3 -> 4 -> 2, n = 5. Forward: layer 0: 2*4*3*5 + 4*5 + 4*5 = 160; layer 1:
// 2*2*4*5 + 2*5 = 90; total 250. Backward: layer 1: 2*2*4*5 + 2*5 + 2*4*2*5 + 4*5 = 190;
// layer 0: 2*4*3*5 + 4*5 = 140; total 330.
TEST(Flops, DepthOneByHand) {
  const MlpShape shape{3, 4, 1, 2, 0.0};
  EXPECT_EQ(ForwardFlops(shape, 5), 250.0);
  EXPECT_EQ(BackwardFlops(shape, 5), 330.0);
  EXPECT_EQ(TrainingStepFlops(shape, 5), 580.0);
}

// The benchmark's large shape is dominated by its 500 hidden GEMMs of 200 x 200 x 90:
// about 3 * 2 * 200 * 200 * 90 * 500 = 10.8 GFLOP per step.
TEST(Flops, WidthTwoHundredDepthFiveHundred) {
  const MlpShape shape{3072, 200, 500, 10, 0.0};
  const double step = TrainingStepFlops(shape, 90);
  EXPECT_GT(step, 10.8e9);
  EXPECT_LT(step, 11.3e9);
}

// Gradient quotient, depth 1, 3 -> 4 -> 2, n = 5: layer 0: 8 * 2*4*3*5 = 960; layer 1:
// 27 * 2*2*4*5 = 2160; total 3120. Depth 0 has layer 0 only: 8 * 2*10*784*32.
TEST(Flops, GradientQuotientByHand) {
  EXPECT_EQ(GradientQuotientFlops(MlpShape{3, 4, 1, 2, 0.0}, 5), 3120.0);
  EXPECT_EQ(GradientQuotientFlops(MlpShape{784, 10, 0, 10, 0.0}, 32), 8.0 * 2 * 10 * 784 * 32);
}

// The 27 products per hidden layer, counted in lib/metainit/gradient_quotient.cc: forward 1,
// backward 4 (g_W, V h, V^T delta, W^T delta), R-forward 1, R-backward 3, adjoint stage
// (1) 7, (3) 3, (4) 3, (6) 5 (with the deferred W_bar products of stages 1, 3, 4).
TEST(Flops, GradientQuotientHiddenLayerCount) {
  const MlpShape one{10, 7, 1, 7, 0.0}, two{10, 7, 2, 7, 0.0};
  EXPECT_EQ(GradientQuotientFlops(two, 3) - GradientQuotientFlops(one, 3), 27.0 * 2 * 7 * 7 * 3);
}

}  // namespace
}  // namespace vev::nn

// The engine allocates nothing per layer or per step (STYLE.md Sec. 2): with Eigen's runtime
// check on (EIGEN_RUNTIME_NO_MALLOC, built by //lib/nn:engine_malloc_checked), any heap
// allocation by Eigen inside a training step or a forward pass aborts the test. Shapes keep
// Eigen's GEMM packing buffers under EIGEN_STACK_ALLOCATION_LIMIT (128 KB), where Eigen
// itself uses the stack; larger GEMMs take their packing buffers from the heap (outside
// this code's control).
#include <vector>

#include "Eigen/Core"
#include "gtest/gtest.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/relu_mlp.h"
#include "lib/nn/trainer.h"
#include "lib/rng/random_stream.h"

#ifndef EIGEN_RUNTIME_NO_MALLOC
#error "build with EIGEN_RUNTIME_NO_MALLOC (//lib/nn:engine_malloc_checked)"
#endif

namespace vev::nn {
namespace {

Matrix RandomMatrix(Eigen::Index rows, Eigen::Index cols, uint64_t key) {
  Matrix m(rows, cols);
  rng::RandomStream stream(7, {key});
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(stream.Normal());
  return m;
}

// A forbidden allocation must actually abort (the check is live in this build).
TEST(NoAllocationDeathTest, CheckIsActive) {
  EXPECT_DEATH(
      {
        Eigen::internal::set_is_malloc_allowed(false);
        Matrix m(100, 100);
        m.setZero();
      },
      "");
  // ... also inside the library's own translation units (ReferenceForward allocates).
  const MlpShape shape{4, 3, 1, 10, 0.0};
  const ReluMlp net(shape);
  const Matrix x = Matrix::Ones(4, 2);
  EXPECT_DEATH(
      {
        Eigen::internal::set_is_malloc_allowed(false);
        ReferenceForward(net, x);
      },
      "");
}

TEST(NoAllocation, TrainingStepsAndForwardPasses) {
  const MlpShape shape{64, 10, 6, 10, 0.0};
  constexpr int kSamples = 200;
  const Matrix features = RandomMatrix(64, kSamples, 1);
  std::vector<uint8_t> labels(kSamples);
  for (int i = 0; i < kSamples; ++i) labels[i] = static_cast<uint8_t>(i % 10);
  ReluMlp net(shape);
  for (int l = 0; l < shape.num_layers(); ++l) {
    net.mutable_weight(l) = RandomMatrix(shape.out_features(l), shape.in_features(l), 10 + l);
    net.mutable_weight(l) *= 0.3f;
  }
  const TrainOptions options;  // batch 90: batches of 90, 90, 20, then a new epoch
  AdamTrainer trainer(options, kSamples, rng::RandomStream(7, {2}), &net);
  InferenceWorkspace inference(shape, 128);
  MlpWorkspace workspace(shape, 90);
  MlpTensors grads(shape);
  const Matrix logits_grad = Matrix::Ones(10, 90);

  Eigen::internal::set_is_malloc_allowed(false);
  for (int step = 0; step < 5; ++step) trainer.Step(features, labels);
  inference.Forward(net, features.leftCols(128));
  workspace.Forward(net, features.leftCols(90));
  workspace.BackwardAndAccumulate(net, features.leftCols(90), logits_grad, &grads);
  Eigen::internal::set_is_malloc_allowed(true);
  EXPECT_EQ(trainer.epochs_started(), 2);
  EXPECT_TRUE(net.AllFinite());
}

}  // namespace
}  // namespace vev::nn

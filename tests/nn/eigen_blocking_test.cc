// Tests of the pinned Eigen blocking (lib/nn/eigen_blocking.h).
#include "lib/nn/eigen_blocking.h"

#include <thread>

#include "Eigen/Core"
#include "gtest/gtest.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/relu_mlp.h"

namespace vev::nn {
namespace {

// Constructing a workspace pins the sizes (here, concurrently from two threads), and the
// pinned sizes are what Eigen's blocking heuristic then reads.
TEST(PinEigenCacheSizes, WorkspacesPinTheSizes) {
  const MlpShape shape{8, 4, 1, 10, 0.0};
  std::thread other([&] { MlpWorkspace workspace(shape, 4); });
  InferenceWorkspace inference(shape, 4);
  other.join();
  EXPECT_EQ(Eigen::l1CacheSize(), kPinnedL1CacheBytes);
  EXPECT_EQ(Eigen::l2CacheSize(), kPinnedL2CacheBytes);
  EXPECT_EQ(Eigen::l3CacheSize(), kPinnedL3CacheBytes);
  PinEigenCacheSizes();  // idempotent
  EXPECT_EQ(Eigen::l1CacheSize(), kPinnedL1CacheBytes);
}

// Why pinning matters: the k-blocking (kc, which sets the summation order) of the CIFAR-10
// first layer, 10 x 3072 times 3072 x 90, depends on the L1 size: with AVX2 floats
// (mr = 24, nr = 4) max_kc = (L1 - 384) / 112 rounded down to a multiple of 8, i.e. 432 for
// 48 KB and 288 for 32 KB, and Eigen then evens the blocks out to kc = 392 or 280.
Eigen::Index FirstLayerKc() {
  Eigen::Index k = 3072, m = 10, n = 90;
  Eigen::internal::computeProductBlockingSizes<float, float>(k, m, n);
  return k;
}

TEST(PinEigenCacheSizes, KBlockingFollowsTheL1Size) {
  PinEigenCacheSizes();
  const Eigen::Index pinned = FirstLayerKc();
  Eigen::setCpuCacheSizes(32 * 1024, 256 * 1024, 2 * 1024 * 1024);  // an older CPU
  const Eigen::Index small_l1 = FirstLayerKc();
  Eigen::setCpuCacheSizes(kPinnedL1CacheBytes, kPinnedL2CacheBytes, kPinnedL3CacheBytes);
#ifdef __AVX512F__
  EXPECT_NE(pinned, small_l1);
#else
  EXPECT_EQ(pinned, 392);
  EXPECT_EQ(small_l1, 280);
#endif
  EXPECT_EQ(FirstLayerKc(), pinned);
}

}  // namespace
}  // namespace vev::nn

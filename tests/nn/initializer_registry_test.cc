// Tests of the initializer registry (lib/nn/initializer_registry.h) in a binary that links
// only //lib/nn/init:gsm: the kinds of unlinked libraries fail with a message naming the
// target to add, and leave the network untouched. (Every kind's numbers are checked by
// //tests/nn:initializers_test.)
#include "lib/nn/initializer_registry.h"

#include <string>

#include "gtest/gtest.h"
#include "lib/nn/initializer_kind.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::nn {
namespace {

TEST(InitializerRegistry, OnlyTheLinkedKindIsAvailable) {
  for (const InitializerKind kind : AllInitializerKinds()) {
    EXPECT_EQ(IsInitializerLinked(kind), kind == InitializerKind::kGsm) << InitializerName(kind);
  }
}

TEST(InitializerRegistry, LinkedKindInitializesAndResetsBiases) {
  ReluMlp net(MlpShape{6, 4, 2, 2, 0.0});
  for (int l = 0; l < net.shape().num_layers(); ++l) net.mutable_bias(l).setConstant(1.0f);
  ASSERT_TRUE(Initialize(InitializerKind::kGsm, rng::RandomStream(5, {}), &net).ok());
  for (int l = 0; l < net.shape().num_layers(); ++l) {
    EXPECT_TRUE(net.bias(l).isZero(0.0));
    // gsm's mirrored blocks: the bottom-right block repeats the top-left one.
    const Matrix& w = net.weight(l);
    EXPECT_EQ(w.bottomRightCorner(w.rows() / 2, w.cols() / 2),
              w.topLeftCorner(w.rows() / 2, w.cols() / 2));
    EXPECT_FALSE(w.isZero(0.0));
  }
}

TEST(InitializerRegistry, UnlinkedKindFailsAndLeavesTheNetworkUnchanged) {
  ReluMlp net(MlpShape{6, 4, 2, 2, 0.0});
  for (int l = 0; l < net.shape().num_layers(); ++l) net.mutable_weight(l).setConstant(7.0f);
  const absl::Status he = Initialize(InitializerKind::kHeUniform, rng::RandomStream(5, {}), &net);
  EXPECT_EQ(he.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(he.message().find("'he_uniform' is not linked"), std::string::npos) << he;
  EXPECT_NE(he.message().find("//lib/nn/init:he "), std::string::npos) << he;
  const absl::Status zero = Initialize(InitializerKind::kZerO, rng::RandomStream(5, {}), &net);
  EXPECT_NE(zero.message().find("//lib/nn/init:zero "), std::string::npos) << zero;
  for (int l = 0; l < net.shape().num_layers(); ++l) {
    EXPECT_TRUE((net.weight(l).array() == 7.0f).all());
  }
}

TEST(InitializerRegistry, ShapeCheckRunsBeforeAnyDraw) {
  ReluMlp net(MlpShape{6, 3, 2, 2, 0.0});  // odd width
  net.mutable_weight(0).setConstant(7.0f);
  const absl::Status status = Initialize(InitializerKind::kGsm, rng::RandomStream(5, {}), &net);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE((net.weight(0).array() == 7.0f).all());
}

TEST(InitializerRegistry, MetaInitIsNotAClosedFormKind) {
  ReluMlp net(MlpShape{6, 4, 2, 2, 0.0});
  EXPECT_EQ(Initialize(InitializerKind::kMetaInit, rng::RandomStream(5, {}), &net).code(),
            absl::StatusCode::kUnimplemented);
}

}  // namespace
}  // namespace vev::nn

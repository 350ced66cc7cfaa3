// lib/metainit/any_initializer.h in a binary without //lib/metainit: asking for metainit
// fails with a message naming the target, and the closed-form kinds that are linked work.
#include <string>

#include "gtest/gtest.h"
#include "lib/metainit/any_initializer.h"
#include "lib/metainit/metainit_options.h"
#include "lib/nn/initializer_kind.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::metainit {
namespace {

TEST(InitializeNetwork, MetaInitNotLinkedIsAFailedPrecondition) {
  nn::ReluMlp net(nn::MlpShape{12, 6, 2, 10, 0.0});
  MetaInitReport report;
  const absl::Status status = InitializeNetwork(nn::InitializerKind::kMetaInit,
                                                rng::RandomStream(3, {}), &net, {}, &report);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("add //lib/metainit"), std::string::npos) << status;
  EXPECT_EQ(report.attempts, 0);
}

TEST(InitializeNetwork, LinkedClosedFormKindsWork) {
  nn::ReluMlp net(nn::MlpShape{12, 6, 2, 10, 0.0});
  EXPECT_TRUE(
      InitializeNetwork(nn::InitializerKind::kHeNormal, rng::RandomStream(3, {}), &net).ok());
  EXPECT_EQ(InitializeNetwork(nn::InitializerKind::kGsm, rng::RandomStream(3, {}), &net).code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace vev::metainit

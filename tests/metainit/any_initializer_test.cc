#include "lib/metainit/any_initializer.h"

#include "gtest/gtest.h"
#include "lib/metainit/metainit.h"
#include "lib/nn/initializers.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::metainit {
namespace {

nn::MlpShape Shape() {
  nn::MlpShape shape;
  shape.input_size = 12;
  shape.width = 6;
  shape.depth = 2;
  return shape;
}

TEST(InitializeNetwork, ForwardsOrdinaryKindsToTheEngine) {
  const rng::RandomStream stream(3, {1});
  nn::ReluMlp a(Shape()), b(Shape());
  ASSERT_TRUE(InitializeNetwork(nn::InitializerKind::kGlorotNormal, stream, &a).ok());
  ASSERT_TRUE(nn::Initialize(nn::InitializerKind::kGlorotNormal, stream, &b).ok());
  for (int l = 0; l < a.num_layers(); ++l) EXPECT_EQ(a.weight(l), b.weight(l));
}

TEST(InitializeNetwork, RunsMetaInitForMetaInit) {
  const rng::RandomStream stream(3, {2});
  MetaInitOptions options;
  options.steps = 10;
  nn::ReluMlp a(Shape()), b(Shape());
  MetaInitReport report;
  ASSERT_TRUE(InitializeNetwork(nn::InitializerKind::kMetaInit, stream, &a, options, &report).ok());
  EXPECT_EQ(report.attempts, 1);
  ASSERT_TRUE(RunMetaInit(options, stream, &b).ok());
  for (int l = 0; l < a.num_layers(); ++l) EXPECT_EQ(a.weight(l), b.weight(l));
}

}  // namespace
}  // namespace vev::metainit

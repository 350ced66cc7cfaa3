#include "lib/metainit/metainit.h"

#include <cmath>
#include <cstdio>

#include "gtest/gtest.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::metainit {
namespace {

nn::MlpShape SmallShape() {
  nn::MlpShape shape;
  shape.input_size = 32;
  shape.width = 10;
  shape.depth = 6;
  shape.num_classes = 10;
  return shape;
}

// 500 steps reduce the gradient quotient. GQ is a noisy function of the random batch, so
// the comparison is between the means of the first and last 50 steps; it holds by a wide
// margin (the numbers are printed for the record).
TEST(RunMetaInit, ReducesTheGradientQuotient) {
  nn::ReluMlp net(SmallShape());
  MetaInitOptions options;
  options.record_trace = true;
  const absl::StatusOr<MetaInitReport> report =
      RunMetaInit(options, rng::RandomStream(2019, {6}), &net);
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->gq_trace.size(), 500u);
  double first = 0.0, last = 0.0;
  for (int i = 0; i < 50; ++i) {
    first += report->gq_trace[i] / 50;
    last += report->gq_trace[450 + i] / 50;
  }
  std::printf("GQ: step 0 %.4f, final %.4f; mean of steps 0-49 %.4f, 450-499 %.4f; attempts %d\n",
              report->initial_gq, report->final_gq, first, last, report->attempts);
  EXPECT_LT(last, 0.75 * first);
  EXPECT_EQ(report->attempts, 1);
  EXPECT_TRUE(net.AllFinite());
  // Biases stay 0: MetaInit only rescales weight matrices.
  for (int l = 0; l < net.num_layers(); ++l) EXPECT_TRUE(net.bias(l).isZero());
}

TEST(RunMetaInit, IsAPureFunctionOfTheStreamKey) {
  MetaInitOptions options;
  options.steps = 20;
  nn::ReluMlp a(SmallShape()), b(SmallShape());
  ASSERT_TRUE(RunMetaInit(options, rng::RandomStream(5, {1, 2}), &a).ok());
  ASSERT_TRUE(RunMetaInit(options, rng::RandomStream(5, {1, 2}), &b).ok());
  for (int l = 0; l < a.num_layers(); ++l) {
    EXPECT_EQ(a.weight(l), b.weight(l)) << "layer " << l;
  }
}

TEST(RunMetaInit, RejectsBadOptions) {
  nn::ReluMlp net(SmallShape());
  MetaInitOptions options;
  options.batch = 0;
  EXPECT_EQ(RunMetaInit(options, rng::RandomStream(1, {}), &net).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vev::metainit

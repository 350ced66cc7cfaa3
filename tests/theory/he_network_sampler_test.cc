// Tests of the He network sampler (lib/theory/he_network_sampler.h): the network and
// inputs it builds (identity first layer and N(0, I) inputs, or dataset columns and a He
// first layer), the He scale for a != 0 (Proposition 1: Var W = 2 / ((1 + a^2) w)), that a
// network is a pure function of its stream, and option validation.
#include "lib/theory/he_network_sampler.h"

#include <cmath>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/initializers.h"
#include "lib/rng/random_stream.h"

namespace vev::theory {
namespace {

// Records every layer's output.
class Recorder : public nn::LayerObserver {
 public:
  void OnLayerOutput(int layer, const Eigen::Ref<const Matrix>& z) override {
    if (static_cast<int>(outputs.size()) <= layer) outputs.resize(layer + 1);
    outputs[layer] = z;
  }
  std::vector<Matrix> outputs;
};

TEST(HeNetworkSampler, GaussianInputIsLayerZero) {
  HeNetworkOptions options;
  options.width = 6;
  options.depth = 3;
  options.inputs_per_network = 5;
  HeNetworkSampler sampler(options, nullptr);
  EXPECT_EQ(sampler.shape().input_size, 6);
  EXPECT_EQ(sampler.shape().num_classes, 6);
  Recorder recorder;
  sampler.Run(rng::RandomStream(1, {2}), &recorder);
  ASSERT_EQ(recorder.outputs.size(), 4u);
  EXPECT_TRUE(sampler.network().weight(0).isIdentity());
  // z_0 = I x + 0 exactly.
  EXPECT_EQ(recorder.outputs[0], sampler.inputs());
  for (int l = 1; l <= 3; ++l) {
    EXPECT_EQ(recorder.outputs[l].rows(), 6);
    EXPECT_EQ(recorder.outputs[l].cols(), 5);
    // z_l = W_l relu(z_{l-1}) (biases are 0).
    const Matrix expected = sampler.network().weight(l) * recorder.outputs[l - 1].cwiseMax(0.0f);
    EXPECT_LT((recorder.outputs[l] - expected).cwiseAbs().maxCoeff(), 1e-5);
  }
}

TEST(HeNetworkSampler, DatasetInputsAreColumnsThroughAHeFirstLayer) {
  Matrix features(7, 4);
  for (int j = 0; j < 4; ++j) features.col(j).setConstant(static_cast<float>(j + 1));
  HeNetworkOptions options;
  options.width = 3;
  options.depth = 1;
  options.input = InputKind::kDataset;
  options.inputs_per_network = 50;
  HeNetworkSampler sampler(options, &features);
  EXPECT_EQ(sampler.shape().input_size, 7);
  Recorder recorder;
  sampler.Run(rng::RandomStream(3, {4}), &recorder);
  std::vector<int> seen(4, 0);
  for (int j = 0; j < 50; ++j) {
    const float v = sampler.inputs()(0, j);
    ASSERT_TRUE(v == 1 || v == 2 || v == 3 || v == 4);
    EXPECT_EQ(sampler.inputs().col(j), features.col(static_cast<int>(v) - 1));
    ++seen[static_cast<int>(v) - 1];
  }
  for (const int count : seen) EXPECT_GT(count, 0);  // P(a point unseen) = 4 (3/4)^50 < 1e-5
  const Matrix expected = sampler.network().weight(0) * sampler.inputs();
  EXPECT_LT((recorder.outputs[0] - expected).cwiseAbs().maxCoeff(), 1e-5);
}

TEST(HeNetworkSampler, HeScaleForLeakyRelu) {
  // Bernoulli weights are exactly +-sqrt(2 / ((1 + a^2) fan_in)): the paper's Proposition 1
  // scale, with fan_in = w for the hidden layers and D for a dataset first layer.
  for (const double a : {0.0, 0.2, 1.0}) {
    HeNetworkOptions options;
    options.width = 5;
    options.depth = 2;
    options.negative_slope = a;
    options.init = nn::InitializerKind::kHeBernoulli;
    options.input = InputKind::kDataset;
    const Matrix features = Matrix::Ones(9, 2);
    HeNetworkSampler sampler(options, &features);
    sampler.Run(rng::RandomStream(5, {6}), nullptr);
    const float hidden = static_cast<float>(std::sqrt(2.0 / ((1.0 + a * a) * 5)));
    const float first = static_cast<float>(std::sqrt(2.0 / ((1.0 + a * a) * 9)));
    EXPECT_EQ(sampler.network().weight(0).cwiseAbs().minCoeff(), first) << a;
    EXPECT_EQ(sampler.network().weight(0).cwiseAbs().maxCoeff(), first) << a;
    for (int l = 1; l <= 2; ++l) {
      EXPECT_EQ(sampler.network().weight(l).cwiseAbs().minCoeff(), hidden) << a;
      EXPECT_EQ(sampler.network().weight(l).cwiseAbs().maxCoeff(), hidden) << a;
    }
  }
}

TEST(HeNetworkSampler, NetworkIsAPureFunctionOfItsStream) {
  HeNetworkOptions options;
  options.width = 4;
  options.depth = 2;
  options.init = nn::InitializerKind::kHeUniform;
  HeNetworkSampler a(options, nullptr), b(options, nullptr);
  Recorder ra, rb, rc;
  a.Run(rng::RandomStream(9, {1}), &ra);
  a.Run(rng::RandomStream(9, {2}), &rc);
  b.Run(rng::RandomStream(9, {1}), &rb);
  EXPECT_EQ(ra.outputs[2], rb.outputs[2]);
  EXPECT_NE(ra.outputs[2], rc.outputs[2]);
  // Depth does not enter the key: a deeper network shares the first layers.
  options.depth = 5;
  HeNetworkSampler deep(options, nullptr);
  Recorder rd;
  deep.Run(rng::RandomStream(9, {1}), &rd);
  EXPECT_EQ(rd.outputs[2], ra.outputs[2]);
}

TEST(HeNetworkSampler, ValidatesOptions) {
  HeNetworkOptions options;
  EXPECT_TRUE(ValidateHeNetworkOptions(options).ok());
  options.width = 1;
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateHeNetworkOptions(options)));
  options.width = 4;
  options.init = nn::InitializerKind::kOrthogonal;
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateHeNetworkOptions(options)));
  options.init = nn::InitializerKind::kHeNormal;
  options.inputs_per_network = 0;
  EXPECT_TRUE(absl::IsInvalidArgument(ValidateHeNetworkOptions(options)));
  EXPECT_EQ(*ParseInputKind("dataset"), InputKind::kDataset);
  EXPECT_EQ(InputKindName(InputKind::kGaussian), "gaussian");
  EXPECT_TRUE(absl::IsInvalidArgument(ParseInputKind("images").status()));
}

}  // namespace
}  // namespace vev::theory

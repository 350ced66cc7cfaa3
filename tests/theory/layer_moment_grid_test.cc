// MakeLayerMomentGrid (lib/theory/layer_moment_grid.h): the grid's order and counts, the
// per-input slopes and network counts, the documented stream key, and the errors.
#include "lib/theory/layer_moment_grid.h"

#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "lib/rng/random_stream.h"

namespace vev::theory {
namespace {

LayerMomentGridSpec Spec() {
  LayerMomentGridSpec s;
  s.inputs = {"gaussian", "cifar10"};
  s.widths = {2, 5};
  s.depths = {4, 6};
  s.networks = {40, 30};
  s.dataset_networks = {25, 20};
  s.inits = {"he_uniform", "he_normal"};
  s.negative_slopes = {0.0, 0.2, 1.0};
  s.dataset_negative_slopes = {0.5};
  s.batches = 20;
  return s;
}

TEST(LayerMomentGrid, InputMajorThenSlopeWidthInit) {
  const absl::StatusOr<std::vector<LayerMomentConfig>> grid = MakeLayerMomentGrid(Spec());
  ASSERT_TRUE(grid.ok()) << grid.status();
  ASSERT_EQ(grid->size(), 3u * 2 * 2 + 1u * 2 * 2);  // gaussian: 3 slopes; cifar10: 1
  const LayerMomentConfig& first = (*grid)[0];
  EXPECT_EQ(first.input.Code(), 0u);
  EXPECT_EQ(first.negative_slope, 0.0);
  EXPECT_EQ(first.width, 2);
  EXPECT_EQ(first.depth, 4);
  EXPECT_EQ(first.networks, 40);
  EXPECT_EQ(first.init, nn::InitializerKind::kHeUniform);
  EXPECT_EQ((*grid)[1].init, nn::InitializerKind::kHeNormal);
  EXPECT_EQ((*grid)[2].width, 5);
  EXPECT_EQ((*grid)[2].networks, 30);
  EXPECT_EQ((*grid)[4].negative_slope, 0.2);
  const LayerMomentConfig& dataset = (*grid)[12];
  EXPECT_EQ(dataset.input.kind, InputKind::kDataset);
  EXPECT_EQ(dataset.input.Code(), 1 + static_cast<uint64_t>(data::DatasetName::kCifar10));
  EXPECT_EQ(dataset.negative_slope, 0.5);
  EXPECT_EQ(dataset.networks, 25);
  EXPECT_EQ(dataset.TableName(), "layers_cifar10_a0.5_w2_he_uniform");
  EXPECT_EQ((*grid)[4].TableName(), "layers_gaussian_a0.2_w2_he_uniform");
  const HeNetworkOptions o = dataset.Network(8);
  EXPECT_EQ(o.width, 2);
  EXPECT_EQ(o.depth, 4);
  EXPECT_EQ(o.inputs_per_network, 8);
  EXPECT_EQ(o.input, InputKind::kDataset);
}

TEST(LayerMomentGrid, StreamIsKeyedByTheConfigurationsContent) {
  const std::vector<LayerMomentConfig> grid = *MakeLayerMomentGrid(Spec());
  const LayerMomentConfig& c = grid[5];  // gaussian, a = 0.2, w = 2, he_normal
  rng::RandomStream expected(7, {0, rng::KeyFromDouble(0.2), 2,
                                 static_cast<uint64_t>(nn::InitializerKind::kHeNormal)});
  rng::RandomStream actual = c.Stream(7);
  EXPECT_EQ(actual.NextU64(), expected.NextU64());
  LayerMomentConfig deeper = c;
  deeper.depth = 50;
  deeper.networks = 1000;
  EXPECT_EQ(deeper.Stream(7).NextU64(), c.Stream(7).NextU64());
}

TEST(LayerMomentGrid, DatasetNetworksDefaultToNetworks) {
  LayerMomentGridSpec s = Spec();
  s.dataset_networks.clear();
  const std::vector<LayerMomentConfig> grid = *MakeLayerMomentGrid(s);
  EXPECT_EQ(grid[12].networks, 40);
}

TEST(LayerMomentGrid, RejectsBadSpecs) {
  auto code = [](LayerMomentGridSpec s) { return MakeLayerMomentGrid(s).status().code(); };
  LayerMomentGridSpec s = Spec();
  s.inputs = {"imagenet"};
  EXPECT_EQ(code(s), absl::StatusCode::kInvalidArgument);
  s = Spec();
  s.inits = {"glorot_normal"};
  EXPECT_EQ(code(s), absl::StatusCode::kInvalidArgument);
  s = Spec();
  s.depths = {4};
  EXPECT_EQ(code(s), absl::StatusCode::kInvalidArgument);
  s = Spec();
  s.dataset_networks = {25, 19};  // below batches = 20
  EXPECT_EQ(code(s), absl::StatusCode::kInvalidArgument);
  s = Spec();
  s.inputs.clear();
  EXPECT_EQ(code(s), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vev::theory

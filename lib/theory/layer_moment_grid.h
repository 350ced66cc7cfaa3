// The configurations of the Proposition 3 check (issue 5, item 1; lib/theory/layer_kurtosis.h):
// every input source x every negative slope a x every width w (with its depth and network
// count) x every He init, in that order (input-major). An input is "gaussian" (y^(0) ~
// N(0, I_w)) or a dataset (Proposition 2 transforms of its training images by the
// network's own He first layer), with its own slopes and network counts.
//
// A configuration's random stream is keyed by its content, (seed, input code, bits of a,
// w, init), so adding configurations never changes the others; depth is not part of the
// key (layer l draws from its own child stream) and neither is the shard.
#ifndef VEV_LIB_THEORY_LAYER_MOMENT_GRID_H_
#define VEV_LIB_THEORY_LAYER_MOMENT_GRID_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/data/dataset_name.h"
#include "lib/nn/initializer_kind.h"
#include "lib/rng/random_stream.h"
#include "lib/theory/he_network_sampler.h"

namespace vev::theory {

struct LayerMomentInput {
  std::string name;  // "gaussian" or the dataset's flag name
  InputKind kind = InputKind::kGaussian;
  data::DatasetName dataset = {};  // for kDataset
  // 0 for gaussian, 1 + DatasetName otherwise (1 mnist, 2 cifar10, 3 fashion_mnist).
  uint64_t Code() const {
    return kind == InputKind::kGaussian ? 0 : 1 + static_cast<uint64_t>(dataset);
  }
};

struct LayerMomentConfig {
  LayerMomentInput input;
  double negative_slope = 0;
  int width = 0;
  int depth = 0;
  int64_t networks = 0;
  nn::InitializerKind init = nn::InitializerKind::kHeNormal;

  // "layers_<input>_a<a>_w<w>_<init>".
  std::string TableName() const;
  HeNetworkOptions Network(int inputs_per_network) const;
  // RandomStream(seed, {input code, KeyFromDouble(a), w, init}).
  rng::RandomStream Stream(uint64_t seed) const;
};

struct LayerMomentGridSpec {
  std::vector<std::string> inputs;  // "gaussian", "mnist", "cifar10", "fashion_mnist"
  std::vector<int> widths;          // each >= 2 (checked by the caller's parsing)
  std::vector<int> depths;          // one per width
  std::vector<int> networks;        // one per width, for gaussian inputs
  std::vector<int> dataset_networks;  // one per width, for datasets; empty: as networks
  std::vector<std::string> inits;   // he_bernoulli, he_uniform, he_normal
  std::vector<double> negative_slopes;          // for gaussian inputs
  std::vector<double> dataset_negative_slopes;  // for dataset inputs
  int batches = 20;  // every network count must be at least this
};

// The configurations, in grid order. Errors: InvalidArgument (unknown input or init, an
// empty list, lists of other lengths than widths, a network count below batches).
absl::StatusOr<std::vector<LayerMomentConfig>> MakeLayerMomentGrid(const LayerMomentGridSpec& spec);

}  // namespace vev::theory

#endif  // VEV_LIB_THEORY_LAYER_MOMENT_GRID_H_

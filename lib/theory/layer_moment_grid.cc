#include "lib/theory/layer_moment_grid.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"

namespace vev::theory {
namespace {

absl::StatusOr<LayerMomentInput> ParseInput(const std::string& name) {
  if (name == "gaussian") return LayerMomentInput{name, InputKind::kGaussian, {}};
  data::DatasetName dataset;
  std::string error;
  if (!data::AbslParseFlag(name, &dataset, &error)) {
    return absl::InvalidArgumentError(absl::StrCat("--inputs: unknown input '", name,
                                                   "' (gaussian, mnist, cifar10, fashion_mnist)"));
  }
  return LayerMomentInput{name, InputKind::kDataset, dataset};
}

}  // namespace

std::string LayerMomentConfig::TableName() const {
  return absl::StrCat("layers_", input.name, "_a", negative_slope, "_w", width, "_",
                      nn::InitializerName(init));
}

HeNetworkOptions LayerMomentConfig::Network(int inputs_per_network) const {
  HeNetworkOptions o;
  o.width = width;
  o.depth = depth;
  o.negative_slope = negative_slope;
  o.init = init;
  o.input = input.kind;
  o.inputs_per_network = inputs_per_network;
  return o;
}

rng::RandomStream LayerMomentConfig::Stream(uint64_t seed) const {
  return rng::RandomStream(seed, {input.Code(), rng::KeyFromDouble(negative_slope),
                                  static_cast<uint64_t>(width), static_cast<uint64_t>(init)});
}

absl::StatusOr<std::vector<LayerMomentConfig>> MakeLayerMomentGrid(
    const LayerMomentGridSpec& spec) {
  std::vector<LayerMomentInput> inputs;
  for (const std::string& name : spec.inputs) {
    VEV_ASSIGN_OR_RETURN(LayerMomentInput input, ParseInput(name));
    inputs.push_back(std::move(input));
  }
  if (inputs.empty()) return absl::InvalidArgumentError("--inputs: empty");
  const std::vector<int>& dataset_networks =
      spec.dataset_networks.empty() ? spec.networks : spec.dataset_networks;
  if (spec.depths.size() != spec.widths.size() || spec.networks.size() != spec.widths.size() ||
      dataset_networks.size() != spec.widths.size()) {
    return absl::InvalidArgumentError(
        "--depths, --networks and --dataset_networks need one entry per entry of --widths");
  }
  std::vector<nn::InitializerKind> inits;
  for (const std::string& name : spec.inits) {
    absl::StatusOr<nn::InitializerKind> kind = nn::ParseInitializerKind(name);
    if (!kind.ok() || !nn::IsHeKind(*kind)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--inits: '", name, "' is not one of he_bernoulli, he_uniform, he_normal"));
    }
    inits.push_back(*kind);
  }
  if (inits.empty()) return absl::InvalidArgumentError("--inits: empty");
  std::vector<LayerMomentConfig> configs;
  for (const LayerMomentInput& input : inputs) {
    const bool gaussian = input.kind == InputKind::kGaussian;
    const std::vector<int>& counts = gaussian ? spec.networks : dataset_networks;
    for (const double a : gaussian ? spec.negative_slopes : spec.dataset_negative_slopes) {
      for (size_t i = 0; i < spec.widths.size(); ++i) {
        if (counts[i] < spec.batches) {
          return absl::InvalidArgumentError(absl::StrCat(
              "--networks / --dataset_networks: ", counts[i], " < --batches = ", spec.batches));
        }
        for (const nn::InitializerKind init : inits) {
          configs.push_back({input, a, spec.widths[i], spec.depths[i], counts[i], init});
        }
      }
    }
  }
  return configs;
}

}  // namespace vev::theory

#include "lib/variance/initialized_networks.h"

#include "lib/metainit/any_initializer.h"

namespace vev::variance {

rng::RandomStream NetworkStream(nn::InitializerKind kind, uint64_t seed, int64_t index) {
  return rng::RandomStream(seed, {kFig2StreamKey, static_cast<uint64_t>(kind),
                                  static_cast<uint64_t>(index)});
}

NetworkSource InitializedNetworks(nn::InitializerKind kind, uint64_t seed, int64_t first_index,
                                  const metainit::MetaInitOptions& metainit_options) {
  return [kind, seed, first_index, metainit_options](int64_t index, nn::ReluMlp* net) {
    return metainit::InitializeNetwork(kind, NetworkStream(kind, seed, first_index + index), net,
                                       metainit_options);
  };
}

bool IsDeterministicInitializer(nn::InitializerKind kind) {
  return kind == nn::InitializerKind::kZerO || kind == nn::InitializerKind::kIdentity;
}

}  // namespace vev::variance

// The networks of Fig. 2 (PROTOCOL.md "Fig. 2"): network i of initializer `kind` is drawn
// from the random stream keyed by (seed, kFig2StreamKey, kind, i), through
// metainit::InitializeNetwork (every initializer of PROTOCOL.md, MetaInit included, each
// available where its library is linked: tools/initializers.bzl). The key names the
// network, never a shard or a thread, so any split of the networks into shards and threads
// evaluates exactly the same networks.
#ifndef VEV_LIB_VARIANCE_INITIALIZED_NETWORKS_H_
#define VEV_LIB_VARIANCE_INITIALIZED_NETWORKS_H_

#include <cstdint>

#include "lib/metainit/metainit_options.h"
#include "lib/nn/initializer_kind.h"
#include "lib/rng/random_stream.h"
#include "lib/variance/unit_variance.h"

namespace vev::variance {

// Stream key element of Fig. 2's networks ("FIG2NETS").
inline constexpr uint64_t kFig2StreamKey = 0x464947324e455453ULL;

// The stream of network `index` of `kind`: RandomStream(seed, {kFig2StreamKey,
// static_cast<uint64_t>(kind), index}).
rng::RandomStream NetworkStream(nn::InitializerKind kind, uint64_t seed, int64_t index);

// A NetworkSource whose network j is network first_index + j of `kind` (stream above);
// `metainit_options` are used for kind == kMetaInit. Thread-safe.
NetworkSource InitializedNetworks(nn::InitializerKind kind, uint64_t seed, int64_t first_index,
                                  const metainit::MetaInitOptions& metainit_options = {});

// True for the initializers that draw nothing (zero, identity): all their networks are
// equal, so one evaluation gives every network's result.
bool IsDeterministicInitializer(nn::InitializerKind kind);

}  // namespace vev::variance

#endif  // VEV_LIB_VARIANCE_INITIALIZED_NETWORKS_H_

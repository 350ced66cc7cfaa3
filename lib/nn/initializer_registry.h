// Initialize(kind, stream, net) for the closed-form initializers, dispatched through a
// registry. Each kind's code is a library of its own under lib/nn/init/ that registers
// itself when linked (alwayslink): an experiment binary links only the initializers it runs,
// so a change to one initializer rebuilds, and Bazel reruns, only the experiments that use
// it. //lib/nn:initializers links every kind (tests, hand-run tools).
//
// The frame every kind shares: Linear layer l draws from stream.Child(l), and every bias is
// set to 0. So a network is a pure function of (the stream's key, kind, shape), whatever
// thread runs it.
#ifndef VEV_LIB_NN_INITIALIZER_REGISTRY_H_
#define VEV_LIB_NN_INITIALIZER_REGISTRY_H_

#include "absl/status/status.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/initializer_kind.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::nn {

// What a kind's library registers.
struct LayerwiseInitializer {
  // Rejects shapes the kind cannot initialize, before anything is drawn (null: any shape).
  absl::Status (*check_shape)(const MlpShape& shape) = nullptr;
  // Overwrites the weights `w` (out x in) of Linear layer `layer` of `shape`, drawing from
  // `layer_stream` = stream.Child(layer).
  void (*fill_layer)(const MlpShape& shape, int layer, rng::RandomStream& layer_stream,
                     Eigen::Ref<Matrix> w) = nullptr;
};

// Registers `kind`'s code; called once per kind during static initialization by the kind's
// library. Checks that `kind` is not metainit and is registered only once. Returns true (so
// that the call can initialize a namespace-scope constant).
bool RegisterInitializer(InitializerKind kind, const LayerwiseInitializer& initializer);

// True if `kind`'s library is linked into this binary.
bool IsInitializerLinked(InitializerKind kind);

// Overwrites every weight and bias of *net (biases 0) with the initializer `kind`.
// Errors: Unimplemented for metainit (lib/metainit/any_initializer.h provides it);
// FailedPrecondition if `kind`'s library is not linked into this binary (the message names
// the target to add); those of the kind's shape check (InvalidArgument for gsm with an odd
// layer size). *net is unchanged on error.
absl::Status Initialize(InitializerKind kind, const rng::RandomStream& stream, ReluMlp* net);

}  // namespace vev::nn

#endif  // VEV_LIB_NN_INITIALIZER_REGISTRY_H_

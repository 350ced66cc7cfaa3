// identity: PyTorch's eye_ on every Linear (deterministic).
#include "lib/base/eigen_types.h"
#include "lib/nn/initializer_registry.h"
#include "lib/nn/relu_mlp.h"
#include "lib/nn/weight_fills.h"
#include "lib/rng/random_stream.h"

namespace vev::nn {
namespace {

void FillIdentityLayer(const MlpShape&, int, rng::RandomStream&, Eigen::Ref<Matrix> w) {
  FillIdentity(w);
}

[[maybe_unused]] const bool kRegistered =
    RegisterInitializer(InitializerKind::kIdentity, {nullptr, &FillIdentityLayer});

}  // namespace
}  // namespace vev::nn

// lecun_normal: N(0, 1 / fan_in) on every Linear.
#include <cmath>

#include "lib/base/eigen_types.h"
#include "lib/nn/initializer_registry.h"
#include "lib/nn/relu_mlp.h"
#include "lib/nn/weight_fills.h"
#include "lib/rng/random_stream.h"

namespace vev::nn {
namespace {

void FillLecunNormal(const MlpShape& shape, int layer, rng::RandomStream& stream,
                     Eigen::Ref<Matrix> w) {
  FillNormal(std::sqrt(1.0 / shape.in_features(layer)), stream, w);
}

[[maybe_unused]] const bool kRegistered =
    RegisterInitializer(InitializerKind::kLecunNormal, {nullptr, &FillLecunNormal});

}  // namespace
}  // namespace vev::nn

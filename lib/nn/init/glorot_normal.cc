// glorot_normal: N(0, 2 / (fan_in + fan_out)) on every Linear.
#include <cmath>

#include "lib/base/eigen_types.h"
#include "lib/nn/initializer_registry.h"
#include "lib/nn/relu_mlp.h"
#include "lib/nn/weight_fills.h"
#include "lib/rng/random_stream.h"

namespace vev::nn {
namespace {

void FillGlorotNormal(const MlpShape& shape, int layer, rng::RandomStream& stream,
                      Eigen::Ref<Matrix> w) {
  FillNormal(std::sqrt(2.0 / (shape.in_features(layer) + shape.out_features(layer))), stream, w);
}

[[maybe_unused]] const bool kRegistered =
    RegisterInitializer(InitializerKind::kGlorotNormal, {nullptr, &FillGlorotNormal});

}  // namespace
}  // namespace vev::nn

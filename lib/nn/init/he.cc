// he_normal, he_uniform, he_bernoulli: variance s^2 = 2 / ((1 + a^2) fan_in) on every Linear
// (Proposition 1; a = negative slope), with weight kurtosis 3, 1.8 and 1.
#include <cmath>

#include "lib/base/eigen_types.h"
#include "lib/nn/initializer_registry.h"
#include "lib/nn/relu_mlp.h"
#include "lib/nn/weight_fills.h"
#include "lib/rng/random_stream.h"

namespace vev::nn {
namespace {

double HeStd(const MlpShape& shape, int layer) {
  const double a = shape.negative_slope;
  return std::sqrt(2.0 / (1.0 + a * a) / shape.in_features(layer));
}

void FillHeNormal(const MlpShape& shape, int layer, rng::RandomStream& stream,
                  Eigen::Ref<Matrix> w) {
  FillNormal(HeStd(shape, layer), stream, w);
}

void FillHeUniform(const MlpShape& shape, int layer, rng::RandomStream& stream,
                   Eigen::Ref<Matrix> w) {
  FillUniform(std::sqrt(3.0) * HeStd(shape, layer), stream, w);
}

void FillHeBernoulli(const MlpShape& shape, int layer, rng::RandomStream& stream,
                     Eigen::Ref<Matrix> w) {
  FillBernoulli(HeStd(shape, layer), stream, w);
}

[[maybe_unused]] const bool kRegistered =
    RegisterInitializer(InitializerKind::kHeNormal, {nullptr, &FillHeNormal}) &&
    RegisterInitializer(InitializerKind::kHeUniform, {nullptr, &FillHeUniform}) &&
    RegisterInitializer(InitializerKind::kHeBernoulli, {nullptr, &FillHeBernoulli});

}  // namespace
}  // namespace vev::nn

#include "lib/nn/initializer_registry.h"

#include <array>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "lib/base/check.h"

namespace vev::nn {
namespace {

// Written only during static initialization (single-threaded), read-only afterwards.
std::array<LayerwiseInitializer, kNumInitializerKinds>& Registry() {
  static std::array<LayerwiseInitializer, kNumInitializerKinds> registry;
  return registry;
}

// The Bazel target that provides `kind` (every kind but metainit).
std::string TargetOf(InitializerKind kind) {
  switch (kind) {
    case InitializerKind::kHeNormal:
    case InitializerKind::kHeUniform:
    case InitializerKind::kHeBernoulli:
      return "//lib/nn/init:he";
    default:
      return absl::StrCat("//lib/nn/init:", InitializerName(kind));
  }
}

}  // namespace

bool RegisterInitializer(InitializerKind kind, const LayerwiseInitializer& initializer) {
  VEV_CHECK(kind != InitializerKind::kMetaInit);
  VEV_CHECK(initializer.fill_layer != nullptr);
  LayerwiseInitializer& slot = Registry()[static_cast<int>(kind)];
  VEV_CHECK(slot.fill_layer == nullptr);
  slot = initializer;
  return true;
}

bool IsInitializerLinked(InitializerKind kind) {
  return Registry()[static_cast<int>(kind)].fill_layer != nullptr;
}

absl::Status Initialize(InitializerKind kind, const rng::RandomStream& stream, ReluMlp* net) {
  if (kind == InitializerKind::kMetaInit) {
    return absl::UnimplementedError(
        "metainit is provided by the MetaInit library (it starts from he_normal and needs "
        "training data shapes); Initialize() covers the closed-form initializers only");
  }
  const LayerwiseInitializer& initializer = Registry()[static_cast<int>(kind)];
  if (initializer.fill_layer == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        "initializer '", InitializerName(kind), "' is not linked into this binary; add ",
        TargetOf(kind), " to its deps (or //lib/nn:initializers for every kind)"));
  }
  const MlpShape& shape = net->shape();
  if (initializer.check_shape != nullptr) {
    const absl::Status status = initializer.check_shape(shape);
    if (!status.ok()) return status;
  }
  for (int l = 0; l < shape.num_layers(); ++l) {
    rng::RandomStream layer_stream = stream.Child(static_cast<uint64_t>(l));
    initializer.fill_layer(shape, l, layer_stream, net->mutable_weight(l));
    net->mutable_bias(l).setZero();
  }
  return absl::OkStatus();
}

}  // namespace vev::nn

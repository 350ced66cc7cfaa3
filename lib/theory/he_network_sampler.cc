#include "lib/theory/he_network_sampler.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "lib/base/check.h"
#include "lib/nn/initializer_registry.h"
#include "lib/nn/weight_fills.h"

namespace vev::theory {
namespace {

nn::MlpShape ShapeFor(const HeNetworkOptions& options, const Matrix* features) {
  nn::MlpShape shape;
  shape.input_size = options.input == InputKind::kDataset && features != nullptr
                         ? static_cast<int>(features->rows())
                         : options.width;
  shape.width = options.width;
  shape.depth = options.depth;
  shape.num_classes = options.width;
  shape.negative_slope = options.negative_slope;
  return shape;
}

}  // namespace

absl::string_view InputKindName(InputKind kind) {
  return kind == InputKind::kGaussian ? "gaussian" : "dataset";
}

absl::StatusOr<InputKind> ParseInputKind(absl::string_view name) {
  if (name == "gaussian") return InputKind::kGaussian;
  if (name == "dataset") return InputKind::kDataset;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown input kind '", name, "' (expected gaussian or dataset)"));
}

absl::Status ValidateHeNetworkOptions(const HeNetworkOptions& options) {
  if (options.width < 2 || options.depth < 0 || options.inputs_per_network < 1 ||
      !std::isfinite(options.negative_slope) || !nn::IsHeKind(options.init)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid He network options: width ", options.width, " (>= 2), depth ", options.depth,
        " (>= 0), inputs_per_network ", options.inputs_per_network, " (>= 1), negative_slope ",
        options.negative_slope, " (finite), init ", nn::InitializerName(options.init),
        " (he_normal, he_uniform or he_bernoulli)"));
  }
  return absl::OkStatus();
}

HeNetworkSampler::HeNetworkSampler(const HeNetworkOptions& options, const Matrix* features)
    : options_(options),
      features_(features),
      net_(ShapeFor(options, features)),
      workspace_(ShapeFor(options, features), options.inputs_per_network),
      inputs_(ShapeFor(options, features).input_size, options.inputs_per_network) {
  VEV_CHECK(ValidateHeNetworkOptions(options).ok());
  VEV_CHECK(options.input == InputKind::kGaussian ||
            (features != nullptr && features->rows() >= 1 && features->cols() >= 1));
}

void HeNetworkSampler::Run(const rng::RandomStream& network_stream, nn::LayerObserver* observer) {
  VEV_CHECK(nn::Initialize(options_.init, network_stream.Child(0), &net_).ok());
  rng::RandomStream input_stream = network_stream.Child(1);
  const int n = options_.inputs_per_network;
  if (options_.input == InputKind::kGaussian) {
    nn::FillIdentity(net_.mutable_weight(0));
    for (int j = 0; j < n; ++j) {
      for (Eigen::Index k = 0; k < inputs_.rows(); ++k) {
        inputs_(k, j) = static_cast<float>(input_stream.Normal());
      }
    }
  } else {
    const uint64_t points = static_cast<uint64_t>(features_->cols());
    for (int j = 0; j < n; ++j) inputs_.col(j) = features_->col(input_stream.UniformInt(points));
  }
  workspace_.Forward(net_, inputs_, observer);
}

}  // namespace vev::theory

#include "lib/nn/init/gsm.h"

#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/base/check.h"
#include "lib/nn/initializer_registry.h"
#include "lib/nn/relu_mlp.h"
#include "lib/nn/weight_fills.h"
#include "lib/rng/random_stream.h"

namespace vev::nn {
namespace {

// gsm mirrors half-blocks: every layer's rows and cols must be even.
absl::Status CheckGsmShape(const MlpShape& shape) {
  for (int l = 0; l < shape.num_layers(); ++l) {
    const int rows = shape.out_features(l), cols = shape.in_features(l);
    if (rows % 2 != 0 || cols % 2 != 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("gsm initialization needs even layer sizes, but Linear layer ", l, " is ",
                       rows, " x ", cols, " (input_size ", shape.input_size, ", width ",
                       shape.width, ", num_classes ", shape.num_classes, "); use an even width"));
    }
  }
  return absl::OkStatus();
}

void FillGsmLayer(const MlpShape& shape, int layer, rng::RandomStream& stream,
                  Eigen::Ref<Matrix> w) {
  FillNormal(std::sqrt((layer == 0 ? 1.0 : 2.0) / shape.in_features(layer)), stream, w);
  MirrorGsmBlocks(w);
}

[[maybe_unused]] const bool kRegistered =
    RegisterInitializer(InitializerKind::kGsm, {&CheckGsmShape, &FillGsmLayer});

}  // namespace

void MirrorGsmBlocks(Eigen::Ref<Matrix> w) {
  VEV_CHECK(w.rows() % 2 == 0 && w.cols() % 2 == 0);
  const Eigen::Index y = w.rows() / 2, x = w.cols() / 2;
  // The three assignments read only the top-left block, which none of them writes.
  w.bottomRightCorner(y, x) = w.topLeftCorner(y, x);
  w.bottomLeftCorner(y, x) = -w.topLeftCorner(y, x);
  w.topRightCorner(y, x) = -w.topLeftCorner(y, x);
}

}  // namespace vev::nn

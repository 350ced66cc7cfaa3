#include "lib/nn/flops.h"

namespace vev::nn {

double ForwardFlops(const MlpShape& shape, int64_t n) {
  double flops = 0.0;
  for (int l = 0; l < shape.num_layers(); ++l) {
    const double out = shape.out_features(l), in = shape.in_features(l);
    flops += 2.0 * out * in * n + out * n;
    if (l < shape.depth) flops += out * n;
  }
  return flops;
}

double BackwardFlops(const MlpShape& shape, int64_t n) {
  double flops = 0.0;
  for (int l = 0; l < shape.num_layers(); ++l) {
    const double out = shape.out_features(l), in = shape.in_features(l);
    flops += 2.0 * out * in * n + out * n;
    if (l > 0) flops += 2.0 * in * out * n + in * n;
  }
  return flops;
}

double TrainingStepFlops(const MlpShape& shape, int64_t n) {
  return ForwardFlops(shape, n) + BackwardFlops(shape, n);
}

double GradientQuotientFlops(const MlpShape& shape, int64_t n) {
  double flops = 0.0;
  for (int l = 0; l < shape.num_layers(); ++l) {
    const double out = shape.out_features(l), in = shape.in_features(l);
    flops += (l == 0 ? 8.0 : 27.0) * 2.0 * out * in * n;
  }
  return flops;
}

}  // namespace vev::nn

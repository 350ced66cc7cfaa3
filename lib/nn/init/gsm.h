// gsm, the "looks-linear" Gaussian submatrix initializer: N(0, 1 / fan_in) on the first
// Linear, N(0, 2 / fan_in) on the others, then the mirrored blocks below. Every layer size
// (input, width, classes) must be even. Linking this library registers the kind
// (lib/nn/initializer_registry.h).
#ifndef VEV_LIB_NN_INIT_GSM_H_
#define VEV_LIB_NN_INIT_GSM_H_

#include "lib/base/eigen_types.h"

namespace vev::nn {

// With y = rows / 2, x = cols / 2: W[y:, x:] = W[:y, :x], W[y:, :x] = W[:y, x:] =
// -W[:y, :x]. rows and cols must be even (VEV_CHECK).
void MirrorGsmBlocks(Eigen::Ref<Matrix> w);

}  // namespace vev::nn

#endif  // VEV_LIB_NN_INIT_GSM_H_

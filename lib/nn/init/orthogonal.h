// orthogonal: PyTorch's orthogonal_ with gain sqrt(2) on every Linear. Linking this library
// registers the kind (lib/nn/initializer_registry.h).
#ifndef VEV_LIB_NN_INIT_ORTHOGONAL_H_
#define VEV_LIB_NN_INIT_ORTHOGONAL_H_

#include "lib/base/eigen_types.h"
#include "lib/rng/random_stream.h"

namespace vev::nn {

// PyTorch's orthogonal_(w, gain): a Gaussian (rows x cols) matrix, transposed if
// rows < cols, QR in double, Q's columns times sign(diag(R)), transposed back, times the
// gain (semi-orthogonal when not square).
void FillOrthogonal(double gain, rng::RandomStream& stream, Eigen::Ref<Matrix> w);

}  // namespace vev::nn

#endif  // VEV_LIB_NN_INIT_ORTHOGONAL_H_

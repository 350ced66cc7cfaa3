// ZerO (deterministic) on every Linear. Linking this library registers the kind
// (lib/nn/initializer_registry.h).
#ifndef VEV_LIB_NN_INIT_ZERO_H_
#define VEV_LIB_NN_INIT_ZERO_H_

#include "lib/base/eigen_types.h"

namespace vev::nn {

// The ZerO matrix of w's shape: for m = rows, n = cols, the rectangular identity if m <= n;
// else I(m x p) H_p I(p x n) / 2^(c/2) with c = ceil(log2 m), p = 2^c and H_p the Sylvester
// Hadamard matrix.
void FillZerO(Eigen::Ref<Matrix> w);

}  // namespace vev::nn

#endif  // VEV_LIB_NN_INIT_ZERO_H_

// Single-matrix building blocks shared by several initializers (lib/nn/init/), on an
// out x in matrix `w` (overwritten). Entries are drawn in column-major order (W(0,0),
// W(1,0), ...), each a RandomStream::Normal / Uniform01 / Sign transformed in double and
// rounded to float.
#ifndef VEV_LIB_NN_WEIGHT_FILLS_H_
#define VEV_LIB_NN_WEIGHT_FILLS_H_

#include "lib/base/eigen_types.h"
#include "lib/rng/random_stream.h"

namespace vev::nn {

// Every entry std * N(0, 1).
void FillNormal(double std, rng::RandomStream& stream, Eigen::Ref<Matrix> w);
// Every entry U(-bound, bound) = -bound + 2 * bound * Uniform01.
void FillUniform(double bound, rng::RandomStream& stream, Eigen::Ref<Matrix> w);
// Every entry +value or -value with probability 1/2 each.
void FillBernoulli(double value, rng::RandomStream& stream, Eigen::Ref<Matrix> w);
// The rectangular identity (ones on the main diagonal).
void FillIdentity(Eigen::Ref<Matrix> w);

}  // namespace vev::nn

#endif  // VEV_LIB_NN_WEIGHT_FILLS_H_

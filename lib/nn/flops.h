// Floating-point operation counts of the network engine (lib/nn/relu_mlp.h, adam.h), for
// the benchmarks' GFLOP/s and percent-of-peak counters. Conventions: a GEMM of an m x k by a
// k x n matrix is 2 m n k; bias addition, activation, its derivative and the bias-gradient
// sum are 1 per element; softmax cross-entropy and Adam are not counted (they are O(n * 10)
// and O(#parameters), negligible next to the products at every benchmarked shape).
#ifndef VEV_LIB_NN_FLOPS_H_
#define VEV_LIB_NN_FLOPS_H_

#include <cstdint>

#include "lib/nn/relu_mlp.h"

namespace vev::nn {

// Forward pass over n samples: per layer l, 2 out in n (W h) + out n (bias), plus out n
// (activation) for l < depth.
double ForwardFlops(const MlpShape& shape, int64_t n);

// Backward pass over n samples (MlpWorkspace::BackwardAndAccumulate): per layer l,
// 2 out in n (dW += delta h^T) + out n (db += row sums of delta), and for l > 0
// 2 in out n (W^T delta) + in n (times phi').
double BackwardFlops(const MlpShape& shape, int64_t n);

// One training step on a batch of n: ForwardFlops + BackwardFlops.
double TrainingStepFlops(const MlpShape& shape, int64_t n);

}  // namespace vev::nn

#endif  // VEV_LIB_NN_FLOPS_H_

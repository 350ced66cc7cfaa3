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

// One gradient-quotient evaluation with its derivative (lib/metainit/gradient_quotient.h)
// on a batch of n, products only: per layer 2 out in n per product, 8 products for layer 0
// (forward, g_W, V h, Hg's R{delta} h^T, and one per adjoint stage of those) and 27 for
// every later layer (the 8, plus the W^T / V^T products of the backward passes, R{h}
// terms and their adjoints). Elementwise work (biases, phi', the quotient) is O(#params +
// depth width n) and not counted: under 2% of the total at width >= 10, batch 32.
double GradientQuotientFlops(const MlpShape& shape, int64_t n);

}  // namespace vev::nn

#endif  // VEV_LIB_NN_FLOPS_H_

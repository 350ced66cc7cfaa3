// Sums of outer-product-shaped matrix products, out (=|+=) a_0 b_0^T + a_1 b_1^T + ...,
// computed output-tile by output-tile: each 24 x 4 (or 16 x 4, 8 x 4) tile of `out` stays
// in L1 while all the terms are added to it, with no packing of the operands and no
// zeroing or re-reading of the whole output per term. The MetaInit gradient quotient's
// weight adjoints are sums of four such products of k = batch (32) with 200 x 200 outputs,
// where Eigen's per-product packing and output traffic cost as much as the arithmetic.
//
// Exactness: every output element gets exactly the floating-point operations of
//   out.noalias() = a_0 * b_0.transpose();  (or +=)   out.noalias() += a_1 * b_1.transpose(); ...
// evaluated by Eigen 3.4's GEMM (AVX2 + FMA float kernel gebp_kernel<float, ..., 24, 4>): per
// term an accumulator starting at +0 and fused multiply-adds over k in order (rows in
// blocks of 3 or 2 packets of 8), or, for rows in a single-packet block, even k into one
// accumulator and odd k into a second up to the last multiple of 8, their sum, then the
// remaining k; then out = fma(acc, 1, out). The fast path is taken only where that is
// Eigen's own arithmetic: float, AVX2 + FMA, rows a multiple of 8, columns a multiple of
// 4 (Eigen's 4-column panels; a leftover column uses another kernel), k within one of
// Eigen's kc blocks; anything else runs the Eigen expressions themselves. Either way the
// result is bit-identical to them (tests/nn/outer_product_sum_test.cc).
#ifndef VEV_LIB_NN_OUTER_PRODUCT_SUM_H_
#define VEV_LIB_NN_OUTER_PRODUCT_SUM_H_

#include <initializer_list>

#include "Eigen/Core"
#include "lib/base/eigen_types.h"

namespace vev::nn {

template <typename Scalar>
struct OuterTermT {
  // a: rows x k, b: cols x k (the product is a * b^T), contiguous columns (any stride).
  Eigen::Ref<const MatrixT<Scalar>> a;
  Eigen::Ref<const MatrixT<Scalar>> b;
};

// out = sum of the terms (overwrite) or out += sum of the terms, each term added as one
// Eigen product in the order given. At most 4 terms; at least 1.
template <typename Scalar>
void AddOuterProducts(std::initializer_list<OuterTermT<Scalar>> terms, bool overwrite,
                      Eigen::Ref<MatrixT<Scalar>> out);

}  // namespace vev::nn

#endif  // VEV_LIB_NN_OUTER_PRODUCT_SUM_H_

// Matrix products whose left operand is packed once and reused: a weight matrix that
// multiplies many blocks of activations (every pass of the MetaInit gradient quotient)
// skips Eigen's per-product repacking of it, which at 200 x 200 by 200 x 32 costs about as
// much as streaming the matrix itself.
//
// Exactness: a product is computed by Eigen's own packing routine and GEMM kernel
// (Eigen::internal::gemm_pack_lhs / gemm_pack_rhs / gebp_kernel) in one panel, which is
// what Eigen's general product does whenever the inner dimension fits one kc block (kc
// depends only on k and the pinned L1 size, eigen_blocking.h) -- Eigen's row and column
// blocking does not change any element's arithmetic. Products Eigen would route elsewhere
// (k > kc, a single row or column: GEMV; tiny sizes: coefficient-based) fall back to the
// plain Eigen expression. Either way the result is bit-identical to
// `out.noalias() (+)= op(a) * x` (tests/nn/packed_product_test.cc). Relies on Eigen
// 3.4's internal product API (the packaged 3.4.0).
#ifndef VEV_LIB_NN_PACKED_PRODUCT_H_
#define VEV_LIB_NN_PACKED_PRODUCT_H_

#include <vector>

#include "Eigen/Core"
#include "lib/base/eigen_types.h"

namespace vev::nn {

template <typename Scalar>
class PackedLhsT {
 public:
  using Matrix = MatrixT<Scalar>;

  PackedLhsT() = default;

  // Packs op(a) = a (transpose false) or a^T. `a` must stay alive and unchanged while
  // this packing is used (the fallback reads it). Allocates only when op(a) is larger
  // than every matrix packed before.
  void Pack(const Eigen::Ref<const Matrix>& a, bool transpose);

  // Rows and columns of op(a).
  Eigen::Index rows() const { return rows_; }
  Eigen::Index cols() const { return depth_; }

  // out += op(a) * x (x: cols() x n, out: rows() x n).
  void MultiplyAndAccumulate(const Eigen::Ref<const Matrix>& x, Eigen::Ref<Matrix> out) const;
  // out = op(a) * x.
  void Multiply(const Eigen::Ref<const Matrix>& x, Eigen::Ref<Matrix> out) const;

 private:
  using Buffer = std::vector<Scalar, Eigen::aligned_allocator<Scalar>>;
  bool Packed(Eigen::Index n) const;

  const Scalar* source_ = nullptr;
  Eigen::Index source_rows_ = 0, source_cols_ = 0, source_stride_ = 0;
  bool transpose_ = false;
  bool fits_one_block_ = false;
  Eigen::Index rows_ = 0, depth_ = 0;
  Buffer packed_;
  mutable Buffer rhs_;
};

using PackedLhs = PackedLhsT<float>;

}  // namespace vev::nn

#endif  // VEV_LIB_NN_PACKED_PRODUCT_H_

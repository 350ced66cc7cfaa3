#include "lib/nn/packed_product.h"

#include <algorithm>

#include "lib/base/check.h"

namespace vev::nn {
namespace {

namespace ei = Eigen::internal;

// Eigen's threshold below which (k + m + n) a product is evaluated coefficient-wise
// (EIGEN_GEMM_TO_COEFFBASED_THRESHOLD, GeneralProduct.h).
constexpr Eigen::Index kCoeffBasedThreshold = 20;

}  // namespace

template <typename Scalar>
void PackedLhsT<Scalar>::Pack(const Eigen::Ref<const Matrix>& a, bool transpose) {
  using Traits = ei::gebp_traits<Scalar, Scalar>;
  source_ = a.data();
  source_rows_ = a.rows();
  source_cols_ = a.cols();
  source_stride_ = a.outerStride();
  transpose_ = transpose;
  rows_ = transpose ? a.cols() : a.rows();
  depth_ = transpose ? a.rows() : a.cols();
  // Eigen's kc for this depth (it depends on k and the L1 size only).
  Eigen::Index kc = depth_, mc = rows_, nc = 64;
  ei::computeProductBlockingSizes<Scalar, Scalar, 1, Eigen::Index>(kc, mc, nc, 1);
  fits_one_block_ = kc >= depth_ && rows_ >= 2 && depth_ >= 1;
  if (!fits_one_block_) return;
  const size_t size = static_cast<size_t>(rows_ * depth_);
  if (packed_.size() < size) packed_.resize(size);
  if (transpose) {
    using Mapper = ei::const_blas_data_mapper<Scalar, Eigen::Index, Eigen::RowMajor>;
    ei::gemm_pack_lhs<Scalar, Eigen::Index, Mapper, Traits::mr, Traits::LhsProgress,
                      typename Traits::LhsPacket4Packing, Eigen::RowMajor>
        pack;
    pack(packed_.data(), Mapper(source_, source_stride_), depth_, rows_);
  } else {
    using Mapper = ei::const_blas_data_mapper<Scalar, Eigen::Index, Eigen::ColMajor>;
    ei::gemm_pack_lhs<Scalar, Eigen::Index, Mapper, Traits::mr, Traits::LhsProgress,
                      typename Traits::LhsPacket4Packing, Eigen::ColMajor>
        pack;
    pack(packed_.data(), Mapper(source_, source_stride_), depth_, rows_);
  }
}

template <typename Scalar>
bool PackedLhsT<Scalar>::Packed(Eigen::Index n) const {
  // Eigen's general product takes the GEMM path for m > 1, n > 1 and k + m + n >= 20.
  return fits_one_block_ && n >= 2 && depth_ + rows_ + n >= kCoeffBasedThreshold;
}

template <typename Scalar>
void PackedLhsT<Scalar>::MultiplyAndAccumulate(const Eigen::Ref<const Matrix>& x,
                                               Eigen::Ref<Matrix> out) const {
  VEV_CHECK(source_ != nullptr && x.rows() == depth_ && out.rows() == rows_ &&
            out.cols() == x.cols());
  const Eigen::Index n = x.cols();
  if (!Packed(n)) {
    const Eigen::Map<const Matrix, 0, Eigen::OuterStride<>> a(source_, source_rows_, source_cols_,
                                                              Eigen::OuterStride<>(source_stride_));
    if (transpose_) {
      out.noalias() += a.transpose() * x;
    } else {
      out.noalias() += a * x;
    }
    return;
  }
  using Traits = ei::gebp_traits<Scalar, Scalar>;
  using RhsMapper = ei::const_blas_data_mapper<Scalar, Eigen::Index, Eigen::ColMajor>;
  using ResMapper = ei::blas_data_mapper<Scalar, Eigen::Index, Eigen::ColMajor, Eigen::Unaligned, 1>;
  const size_t size = static_cast<size_t>(depth_ * n);
  if (rhs_.size() < size) rhs_.resize(size);
  ei::gemm_pack_rhs<Scalar, Eigen::Index, RhsMapper, Traits::nr, Eigen::ColMajor> pack_rhs;
  pack_rhs(rhs_.data(), RhsMapper(x.data(), x.outerStride()), depth_, n);
  ei::gebp_kernel<Scalar, Scalar, Eigen::Index, ResMapper, Traits::mr, Traits::nr, false, false>
      gebp;
  gebp(ResMapper(out.data(), out.outerStride()), packed_.data(), rhs_.data(), rows_, depth_, n,
       Scalar(1));
}

template <typename Scalar>
void PackedLhsT<Scalar>::Multiply(const Eigen::Ref<const Matrix>& x,
                                  Eigen::Ref<Matrix> out) const {
  if (!Packed(x.cols())) {
    // Eigen's own "=" (it may choose GEMV or a coefficient-based product).
    VEV_CHECK(source_ != nullptr && x.rows() == depth_ && out.rows() == rows_ &&
              out.cols() == x.cols());
    const Eigen::Map<const Matrix, 0, Eigen::OuterStride<>> a(source_, source_rows_, source_cols_,
                                                              Eigen::OuterStride<>(source_stride_));
    if (transpose_) {
      out.noalias() = a.transpose() * x;
    } else {
      out.noalias() = a * x;
    }
    return;
  }
  out.setZero();  // as Eigen's GEMM evaluation of "=": zero, then accumulate
  MultiplyAndAccumulate(x, out);
}

template class PackedLhsT<float>;
template class PackedLhsT<double>;

}  // namespace vev::nn

// The project's Eigen aliases, fixed once: column-major storage throughout (activations are
// width x batch, one sample per contiguous column; weights are out x in).
#ifndef VEV_LIB_BASE_EIGEN_TYPES_H_
#define VEV_LIB_BASE_EIGEN_TYPES_H_

#include "Eigen/Core"

namespace vev {

template <typename Scalar>
using MatrixT = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
template <typename Scalar>
using VectorT = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

using Matrix = MatrixT<float>;
using Vector = VectorT<float>;
using MatrixD = MatrixT<double>;
using VectorD = VectorT<double>;
using MatrixMap = Eigen::Map<Matrix>;
using ConstMatrixMap = Eigen::Map<const Matrix>;

}  // namespace vev

#endif  // VEV_LIB_BASE_EIGEN_TYPES_H_

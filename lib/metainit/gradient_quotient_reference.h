// The reference implementation of the gradient quotient (gradient_quotient.h): the
// original stage-by-stage code, one sweep over the layers per pass and per adjoint stage,
// kept unchanged as the specification of GradientQuotientT's results. GradientQuotientT
// reorders the same Eigen products for memory locality and agrees with this one bit for
// bit (tests/metainit/gradient_quotient_schedule_test.cc). For tests and benchmarks.
#ifndef VEV_LIB_METAINIT_GRADIENT_QUOTIENT_REFERENCE_H_
#define VEV_LIB_METAINIT_GRADIENT_QUOTIENT_REFERENCE_H_

#include <cstdint>
#include <vector>

#include "Eigen/Core"
#include "absl/types/span.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/relu_mlp.h"

namespace vev::metainit::internal {

template <typename Scalar>
class GradientQuotientReferenceT {
 public:
  using Matrix = MatrixT<Scalar>;
  using Vector = VectorT<Scalar>;

  // For networks of `shape` and batches of exactly `batch` (>= 1) samples.
  GradientQuotientReferenceT(const nn::MlpShape& shape, int batch);

  // GQ of `net` at inputs x (input_size x batch) and labels (batch entries in
  // 0..num_classes-1), with the constant eps (1e-5 in MetaInit). Fills gradient() and
  // hessian_gradient(); if `with_derivative`, also gq_gradient() and
  // weight_projections().
  double Evaluate(const nn::ReluMlpT<Scalar>& net, const Eigen::Ref<const Matrix>& x,
                  absl::Span<const uint8_t> labels, double eps, bool with_derivative);

  // g and Hg of the last Evaluate.
  const nn::MlpTensorsT<Scalar>& gradient() const { return g_; }
  const nn::MlpTensorsT<Scalar>& hessian_gradient() const { return hg_; }
  // dGQ/dtheta of the last Evaluate with with_derivative.
  const nn::MlpTensorsT<Scalar>& gq_gradient() const { return gq_grad_; }
  // sum(W_l * dGQ/dW_l) for every layer l, accumulated in double: the derivative of GQ
  // along W_l -> (1 + t) W_l at t = 0.
  const std::vector<double>& weight_projections() const { return projections_; }

 private:
  nn::MlpShape shape_;
  int batch_;
  int depth_;
  // Forward: z_l, phi(z_l), phi'(z_l); softmax probabilities; one-hot labels.
  std::vector<Matrix> z_, h_, dphi_;
  Matrix p_, y_;
  // Backward: delta_l = dL/dz_l. R-forward: R{z_l}, R{h_l}. R-backward: R{delta_l}.
  std::vector<Matrix> delta_, rz_, rh_, rdelta_;
  nn::MlpTensorsT<Scalar> g_, hg_;
  // Adjoints (d GQ / d .) of the intermediates above and of g, Hg.
  std::vector<Matrix> delta_bar_, rdelta_bar_, h_bar_, rh_bar_, z_bar_, rz_bar_;
  Matrix p_bar_, t_;
  Eigen::Matrix<Scalar, 1, Eigen::Dynamic> row_a_, row_b_;
  nn::MlpTensorsT<Scalar> g_bar_, hg_bar_, gq_grad_;
  std::vector<double> projections_;
};

using GradientQuotientReference = GradientQuotientReferenceT<float>;

}  // namespace vev::metainit::internal

#endif  // VEV_LIB_METAINIT_GRADIENT_QUOTIENT_REFERENCE_H_

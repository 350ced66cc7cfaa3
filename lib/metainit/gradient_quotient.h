// The gradient quotient of MetaInit (Dauphin & Schoenholz, NeurIPS 2019) and its exact
// derivative, for the constant-width (leaky) ReLU networks of lib/nn (PROTOCOL.md
// "metainit"; the vanishing-variance paper compares against it in Fig. 2 and Fig. 3).
//
// For parameters theta (all weights and biases, #theta entries), a batch and the mean
// cross-entropy L:
//   g  = dL/dtheta,   Hg = d/dtheta (||g||^2 / 2)   (the Hessian-vector product H g),
//   GQ = (1 / #theta) sum_j |(g_j - Hg_j) / (g_j + eps s_j) - 1|,  s_j = +1 if g_j >= 0
//        else -1 (s treated as a constant).
//
// Method. g comes from the backward pass; Hg from Pearlmutter's R-operator: a forward pass
// of directional derivatives R{.} along v = g, then the backward pass differentiated along
// v ("R-backward"). MetaInit then needs, for every weight matrix W, sum(W * dGQ/dW): a
// third-order quantity. It is computed exactly by one reverse (adjoint) sweep over the
// whole computation above: forward -> backward -> R-forward -> R-backward -> GQ, each
// stage's adjoint written out by hand for this network (the activation derivative
// phi'(z) is piecewise constant and contributes no derivative, as in autograd). This gives
// the full gradient dGQ/dtheta for about twice the cost of computing GQ, independent of
// the depth, where forward-mode alternatives need one extra pass per weight matrix
// (depth + 1 of them). The adjoint is checked against central finite differences in
// tests/metainit/gradient_quotient_test.cc.
//
// Schedule. The passes are inherently sequential (R-forward needs all of g, the adjoint
// needs GQ), so each weight matrix is streamed from memory once per pass; the code keeps
// the number of such sweeps over parameter-sized matrices low instead: products of V_l =
// g_W_l run in the backward pass while it is in cache, the seeds of layer l are computed
// where the adjoint of the R-backward pass uses them, and the four products that build
// dGQ/dW_l run together in the last sweep. The products, their operands and the order in
// which each output sums them are exactly those of the stage-by-stage reference
// (gradient_quotient_reference.h), so every result is bit-identical to it.
//
// Storage: every intermediate of all four passes and their adjoints is kept, about
// 18 * (depth + 1) * max(width, classes) * batch scalars plus the parameter-sized
// gradients, and W_l, W_l^T, V_l = g_W_l and V_l^T packed for every hidden layer (4 x
// depth x width^2 scalars); no allocation after the first Evaluate.
//
// The weight adjoints and Hg_W_l are sums of outer products (k = batch); they are added tile
// by tile (lib/nn/outer_product_sum.h), with the bits of the Eigen products of the
// reference.
#ifndef VEV_LIB_METAINIT_GRADIENT_QUOTIENT_H_
#define VEV_LIB_METAINIT_GRADIENT_QUOTIENT_H_

#include <cstdint>
#include <vector>

#include "Eigen/Core"
#include "absl/types/span.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/packed_product.h"
#include "lib/nn/relu_mlp.h"

namespace vev::metainit {

template <typename Scalar>
class GradientQuotientT {
 public:
  using Matrix = MatrixT<Scalar>;
  using Vector = VectorT<Scalar>;

  // For networks of `shape` and batches of exactly `batch` (>= 1) samples.
  GradientQuotientT(const nn::MlpShape& shape, int batch);

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
  // Adjoints (d GQ / d .) of the intermediates above and of g; the adjoint of Hg one
  // layer at a time (hg_bar_weight_: out x in of the largest layer, column-major).
  std::vector<Matrix> delta_bar_, rdelta_bar_, h_bar_, rh_bar_, z_bar_, rz_bar_;
  // phi'(z_{l-1}) * R{delta_{l-1}}_bar and phi'(z_{l-1}) * delta_{l-1}_bar (l >= 1).
  std::vector<Matrix> t1_, t4_;
  Matrix p_bar_;
  Eigen::Matrix<Scalar, 1, Eigen::Dynamic> row_a_, row_b_;
  Vector hg_bar_weight_, hg_bar_bias_;
  // W_l and W_l^T packed once per Evaluate for their four products each (lib/nn/
  // packed_product.h, bit-identical to Eigen's products), and Hg_bar_W_l, W_l^T's twin.
  std::vector<nn::PackedLhsT<Scalar>> w_packed_, wt_packed_;
  // V_l = g_W_l and V_l^T (l = 1..depth), packed in the backward pass for their products
  // there (R{z_l}, R{delta_{l-1}}) and in the adjoint (delta_bar_l, h_bar_l).
  std::vector<nn::PackedLhsT<Scalar>> gw_packed_, gwt_packed_;
  nn::PackedLhsT<Scalar> hb_packed_, hbt_packed_;
  // Scratch of the quotient's elementwise terms, kChunk entries each.
  static constexpr Eigen::Index kChunk = 64;
  Vector chunk_s_, chunk_den_, chunk_q_, chunk_sign_;
  nn::MlpTensorsT<Scalar> g_bar_, gq_grad_;
  std::vector<double> projections_;
};

using GradientQuotient = GradientQuotientT<float>;

}  // namespace vev::metainit

#endif  // VEV_LIB_METAINIT_GRADIENT_QUOTIENT_H_

#include "lib/metainit/gradient_quotient_reference.h"

#include <cmath>

#include "lib/base/check.h"
#include "lib/nn/eigen_blocking.h"

namespace vev::metainit::internal {

template <typename Scalar>
GradientQuotientReferenceT<Scalar>::GradientQuotientReferenceT(const nn::MlpShape& shape, int batch)
    : shape_(shape),
      batch_(batch),
      depth_(shape.depth),
      g_(shape),
      hg_(shape),
      g_bar_(shape),
      hg_bar_(shape),
      gq_grad_(shape),
      projections_(shape.num_layers(), 0.0) {
  VEV_CHECK(batch >= 1);
  nn::PinEigenCacheSizes();  // bit-identical products on every machine (eigen_blocking.h)
  const int layers = shape.num_layers();
  const int w = shape.width;
  auto per_layer = [&](std::vector<Matrix>* v) {
    v->resize(layers);
    for (int l = 0; l < layers; ++l) (*v)[l].resize(shape.out_features(l), batch);
  };
  per_layer(&z_);
  per_layer(&delta_);
  per_layer(&rz_);
  per_layer(&rdelta_);
  per_layer(&delta_bar_);
  per_layer(&rdelta_bar_);
  per_layer(&z_bar_);
  per_layer(&rz_bar_);
  // phi(z_l) and phi'(z_l) for the hidden layers l = 0..depth-1.
  h_.assign(depth_, Matrix(w, batch));
  dphi_.assign(depth_, Matrix(w, batch));
  // Quantities of the input of layer l = 1..depth (index 0 unused: the data).
  rh_.assign(layers, Matrix());
  h_bar_.assign(layers, Matrix());
  rh_bar_.assign(layers, Matrix());
  for (int l = 1; l < layers; ++l) {
    rh_[l].resize(w, batch);
    h_bar_[l].resize(w, batch);
    rh_bar_[l].resize(w, batch);
  }
  p_.resize(shape.num_classes, batch);
  y_.resize(shape.num_classes, batch);
  p_bar_.resize(shape.num_classes, batch);
  t_.resize(w, batch);
  row_a_.resize(batch);
  row_b_.resize(batch);
}

template <typename Scalar>
double GradientQuotientReferenceT<Scalar>::Evaluate(const nn::ReluMlpT<Scalar>& net,
                                           const Eigen::Ref<const Matrix>& x,
                                           absl::Span<const uint8_t> labels, double eps,
                                           bool with_derivative) {
  VEV_CHECK(x.rows() == shape_.input_size && x.cols() == batch_);
  VEV_CHECK(static_cast<int>(labels.size()) == batch_);
  const int d = depth_;
  const Scalar inv_b = Scalar(1) / Scalar(batch_);
  const Scalar slope = static_cast<Scalar>(shape_.negative_slope);
  // The input of layer l: the data for l = 0, else phi(z_{l-1}).
  auto input = [&](int l) -> Eigen::Ref<const Matrix> {
    if (l == 0) return x;
    return h_[l - 1];
  };
  auto weight = [&](int l) -> const Matrix& { return net.weight(l); };

  // Forward: z_l = W_l h_l + b_l, h_{l+1} = phi(z_l); p = softmax(z_d).
  for (int l = 0; l <= d; ++l) {
    z_[l].noalias() = weight(l) * input(l);
    z_[l].colwise() += net.bias(l);
    if (l < d) {
      dphi_[l] = (z_[l].array() > Scalar(0)).select(Matrix::Constant(z_[l].rows(), batch_, 1),
                                                     Matrix::Constant(z_[l].rows(), batch_, slope));
      h_[l] = z_[l].cwiseProduct(dphi_[l]);
    }
  }
  for (int j = 0; j < batch_; ++j) {
    VEV_CHECK(labels[j] < shape_.num_classes);
    const Scalar max = z_[d].col(j).maxCoeff();
    p_.col(j) = (z_[d].col(j).array() - max).exp();
    p_.col(j) /= p_.col(j).sum();
  }
  y_.setZero();
  for (int j = 0; j < batch_; ++j) y_(labels[j], j) = Scalar(1);

  // Backward: delta_l = dL/dz_l; g = (delta_l h_l^T, delta_l 1).
  delta_[d] = (p_ - y_) * inv_b;
  for (int l = d; l >= 0; --l) {
    g_.mutable_weight(l).noalias() = delta_[l] * input(l).transpose();
    g_.mutable_bias(l) = delta_[l].rowwise().sum();
    if (l > 0) {
      delta_[l - 1].noalias() = weight(l).transpose() * delta_[l];
      delta_[l - 1].array() *= dphi_[l - 1].array();
    }
  }

  // R-forward along v = g: R{z_l} = V_l h_l + W_l R{h_l} + v_l, R{h_{l+1}} = phi' R{z_l}.
  for (int l = 0; l <= d; ++l) {
    rz_[l].noalias() = g_.weight(l) * input(l);
    rz_[l].colwise() += g_.bias(l);
    if (l > 0) rz_[l].noalias() += weight(l) * rh_[l];
    if (l < d) rh_[l + 1] = dphi_[l].cwiseProduct(rz_[l]);
  }
  // R{delta_d} = (1/B) (diag(p) - p p^T) R{z_d}, per column.
  row_a_ = (p_.array() * rz_[d].array()).colwise().sum();
  rdelta_[d] = (p_.array() * (rz_[d].array().rowwise() - row_a_.array())) * inv_b;
  // R-backward: Hg = (R{delta_l} h_l^T + delta_l R{h_l}^T, R{delta_l} 1);
  // R{delta_{l-1}} = phi' (V_l^T delta_l + W_l^T R{delta_l}).
  for (int l = d; l >= 0; --l) {
    hg_.mutable_weight(l).noalias() = rdelta_[l] * input(l).transpose();
    if (l > 0) hg_.mutable_weight(l).noalias() += delta_[l] * rh_[l].transpose();
    hg_.mutable_bias(l) = rdelta_[l].rowwise().sum();
    if (l > 0) {
      rdelta_[l - 1].noalias() = g_.weight(l).transpose() * delta_[l];
      rdelta_[l - 1].noalias() += weight(l).transpose() * rdelta_[l];
      rdelta_[l - 1].array() *= dphi_[l - 1].array();
    }
  }

  // GQ, and its partial derivatives in g and Hg (the adjoint seeds). With
  // den = g + eps s and q = (g - Hg) / den - 1:
  //   dGQ/dHg = -sign(q) / (P den),  dGQ/dg = sign(q) (Hg + eps s) / (P den^2).
  const double num_parameters = static_cast<double>(shape_.num_parameters());
  const Scalar eps_s = static_cast<Scalar>(eps);
  const Scalar inv_p = static_cast<Scalar>(1.0 / num_parameters);
  double sum = 0.0;
  auto quotient = [&](const auto& g, const auto& hg, auto& g_bar, auto& hg_bar) {
    for (Eigen::Index i = 0; i < g.size(); ++i) {
      const Scalar gi = g.data()[i], hi = hg.data()[i];
      const Scalar s = gi >= Scalar(0) ? Scalar(1) : Scalar(-1);
      const Scalar den = gi + eps_s * s;
      const Scalar q = (gi - hi) / den - Scalar(1);
      sum += std::abs(static_cast<double>(q));
      if (with_derivative) {
        const Scalar sign_q = q > Scalar(0) ? Scalar(1) : (q < Scalar(0) ? Scalar(-1) : Scalar(0));
        hg_bar.data()[i] = -sign_q * inv_p / den;
        g_bar.data()[i] = sign_q * inv_p * (hi + eps_s * s) / (den * den);
      }
    }
  };
  for (int l = 0; l <= d; ++l) {
    quotient(g_.weight(l), hg_.weight(l), g_bar_.mutable_weight(l), hg_bar_.mutable_weight(l));
    quotient(g_.bias(l), hg_.bias(l), g_bar_.mutable_bias(l), hg_bar_.mutable_bias(l));
  }
  const double gq = sum / num_parameters;
  if (!with_derivative) return gq;

  // The adjoint sweep, stages in reverse order. "x_bar" is dGQ/dx. Weights' adjoints
  // collect in gq_grad_ (W_bar), the data's adjoint is not needed.

  // (1) R-backward, layers in reverse order of that pass: l = 0..d.
  for (int l = 0; l <= d; ++l) {
    rdelta_bar_[l].noalias() = hg_bar_.weight(l) * input(l);
    rdelta_bar_[l].colwise() += hg_bar_.bias(l);
    if (l == 0) {
      delta_bar_[0].setZero();
      gq_grad_.mutable_weight(0).setZero();
      continue;
    }
    // From R{delta_{l-1}} = phi' (V_l^T delta_l + W_l^T R{delta_l}), with V_l = g_W_l.
    t_ = dphi_[l - 1].cwiseProduct(rdelta_bar_[l - 1]);
    g_bar_.mutable_weight(l).noalias() += delta_[l] * t_.transpose();
    delta_bar_[l].noalias() = g_.weight(l) * t_;
    gq_grad_.mutable_weight(l).noalias() = rdelta_[l] * t_.transpose();
    rdelta_bar_[l].noalias() += weight(l) * t_;
    // From Hg_W_l = R{delta_l} h_l^T + delta_l R{h_l}^T.
    h_bar_[l].noalias() = hg_bar_.weight(l).transpose() * rdelta_[l];
    delta_bar_[l].noalias() += hg_bar_.weight(l) * rh_[l];
    rh_bar_[l].noalias() = hg_bar_.weight(l).transpose() * delta_[l];
  }

  // (2) R{delta_d} = (1/B) p * (R{z_d} - p.R{z_d}): adjoints of R{z_d} and p.
  row_a_ = (p_.array() * rdelta_bar_[d].array()).colwise().sum();  // p . rdelta_bar
  row_b_ = (p_.array() * rz_[d].array()).colwise().sum();          // p . R{z_d}
  rz_bar_[d] = (p_.array() * (rdelta_bar_[d].array().rowwise() - row_a_.array())) * inv_b;
  p_bar_ = (rdelta_bar_[d].array() * (rz_[d].array().rowwise() - row_b_.array()) -
            rz_[d].array().rowwise() * row_a_.array()) *
           inv_b;

  // (3) R-forward, reverse order l = d..0.
  for (int l = d; l >= 0; --l) {
    if (l < d) rz_bar_[l] = dphi_[l].cwiseProduct(rh_bar_[l + 1]);
    g_bar_.mutable_weight(l).noalias() += rz_bar_[l] * input(l).transpose();
    g_bar_.mutable_bias(l) += rz_bar_[l].rowwise().sum();
    if (l > 0) {
      h_bar_[l].noalias() += g_.weight(l).transpose() * rz_bar_[l];
      gq_grad_.mutable_weight(l).noalias() += rz_bar_[l] * rh_[l].transpose();
      rh_bar_[l].noalias() += weight(l).transpose() * rz_bar_[l];
    }
  }

  // (4) Backward, reverse order l = 0..d.
  for (int l = 0; l <= d; ++l) {
    if (l > 0) {
      // From delta_{l-1} = phi' W_l^T delta_l.
      t_ = dphi_[l - 1].cwiseProduct(delta_bar_[l - 1]);
      gq_grad_.mutable_weight(l).noalias() += delta_[l] * t_.transpose();
      delta_bar_[l].noalias() += weight(l) * t_;
    }
    // From g_W_l = delta_l h_l^T and g_b_l = delta_l 1.
    delta_bar_[l].noalias() += g_bar_.weight(l) * input(l);
    delta_bar_[l].colwise() += g_bar_.bias(l);
    if (l > 0) h_bar_[l].noalias() += g_bar_.weight(l).transpose() * delta_[l];
  }

  // (5) delta_d = (p - y) / B and p = softmax(z_d).
  p_bar_ += delta_bar_[d] * inv_b;
  row_a_ = (p_.array() * p_bar_.array()).colwise().sum();
  z_bar_[d] = p_.array() * (p_bar_.array().rowwise() - row_a_.array());

  // (6) Forward, reverse order l = d..0.
  for (int l = d; l >= 0; --l) {
    if (l < d) z_bar_[l] = dphi_[l].cwiseProduct(h_bar_[l + 1]);
    gq_grad_.mutable_weight(l).noalias() += z_bar_[l] * input(l).transpose();
    gq_grad_.mutable_bias(l) = z_bar_[l].rowwise().sum();
    if (l > 0) h_bar_[l].noalias() += weight(l).transpose() * z_bar_[l];
  }

  for (int l = 0; l <= d; ++l) {
    const Matrix& w = weight(l);
    const Matrix& w_bar = gq_grad_.weight(l);
    double projection = 0.0;
    for (Eigen::Index i = 0; i < w.size(); ++i) {
      projection += static_cast<double>(w.data()[i]) * static_cast<double>(w_bar.data()[i]);
    }
    projections_[l] = projection;
  }
  return gq;
}

template class GradientQuotientReferenceT<float>;
template class GradientQuotientReferenceT<double>;

}  // namespace vev::metainit::internal

#include "lib/metainit/gradient_quotient.h"

#include <algorithm>
#include <cmath>

#include "lib/base/check.h"
#include "lib/nn/eigen_blocking.h"
#include "lib/nn/outer_product_sum.h"

namespace vev::metainit {

template <typename Scalar>
GradientQuotientT<Scalar>::GradientQuotientT(const nn::MlpShape& shape, int batch)
    : shape_(shape),
      batch_(batch),
      depth_(shape.depth),
      g_(shape),
      hg_(shape),
      g_bar_(shape),
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
  // t1_l, t4_l (l = 1..depth): the adjoint sweeps' phi' * (...) operands, kept for the
  // deferred weight-adjoint products of the last sweep.
  t1_.assign(layers, Matrix());
  t4_.assign(layers, Matrix());
  for (int l = 1; l < layers; ++l) {
    t1_[l].resize(w, batch);
    t4_[l].resize(w, batch);
  }
  Eigen::Index largest = 0;
  for (int l = 0; l < layers; ++l) {
    largest = std::max<Eigen::Index>(
        largest, static_cast<Eigen::Index>(shape.out_features(l)) * shape.in_features(l));
  }
  hg_bar_weight_.resize(largest);
  hg_bar_bias_.resize(std::max(w, shape.num_classes));
  // Packed W_l and W_l^T for l = 1..depth; their buffers are allocated on the first
  // Evaluate (the packing needs the weights).
  w_packed_.resize(layers);
  wt_packed_.resize(layers);
  gw_packed_.resize(layers);
  gwt_packed_.resize(layers);
  chunk_s_.resize(kChunk);
  chunk_den_.resize(kChunk);
  chunk_q_.resize(kChunk);
  chunk_sign_.resize(kChunk);
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
  row_a_.resize(batch);
  row_b_.resize(batch);
}

template <typename Scalar>
double GradientQuotientT<Scalar>::Evaluate(const nn::ReluMlpT<Scalar>& net,
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
    if (l == 0) {
      z_[0].noalias() = weight(0) * x;
    } else {
      w_packed_[l].Pack(weight(l), /*transpose=*/false);
      w_packed_[l].Multiply(input(l), z_[l]);
    }
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

  // Backward: delta_l = dL/dz_l; g = (delta_l h_l^T, delta_l 1). While V_l = g_W_l is in
  // cache, also the two products of V_l that the R-passes need (nothing else writes their
  // outputs before those passes): R{z_l} = V_l h_l + v_l and R{delta_{l-1}} = V_l^T delta_l.
  delta_[d] = (p_ - y_) * inv_b;
  for (int l = d; l >= 0; --l) {
    nn::AddOuterProducts<Scalar>({{delta_[l], input(l)}}, /*overwrite=*/true, g_.mutable_weight(l));
    g_.mutable_bias(l) = delta_[l].rowwise().sum();
    if (l > 0) {
      // V_l and V_l^T packed once for their two products each (here and in the adjoint).
      gw_packed_[l].Pack(g_.weight(l), /*transpose=*/false);
      gw_packed_[l].Multiply(input(l), rz_[l]);
    } else {
      rz_[l].noalias() = g_.weight(l) * input(l);
    }
    rz_[l].colwise() += g_.bias(l);
    if (l > 0) {
      gwt_packed_[l].Pack(g_.weight(l), /*transpose=*/true);
      gwt_packed_[l].Multiply(delta_[l], rdelta_[l - 1]);
      wt_packed_[l].Pack(weight(l), /*transpose=*/true);
      wt_packed_[l].Multiply(delta_[l], delta_[l - 1]);
      delta_[l - 1].array() *= dphi_[l - 1].array();
    }
  }

  // R-forward along v = g: R{z_l} = V_l h_l + W_l R{h_l} + v_l, R{h_{l+1}} = phi' R{z_l}.
  for (int l = 0; l <= d; ++l) {
    if (l > 0) w_packed_[l].MultiplyAndAccumulate(rh_[l], rz_[l]);
    if (l < d) rh_[l + 1] = dphi_[l].cwiseProduct(rz_[l]);
  }
  // R{delta_d} = (1/B) (diag(p) - p p^T) R{z_d}, per column.
  row_a_ = (p_.array() * rz_[d].array()).colwise().sum();
  rdelta_[d] = (p_.array() * (rz_[d].array().rowwise() - row_a_.array())) * inv_b;
  // R-backward: Hg = (R{delta_l} h_l^T + delta_l R{h_l}^T, R{delta_l} 1);
  // R{delta_{l-1}} = phi' (V_l^T delta_l + W_l^T R{delta_l}).
  for (int l = d; l >= 0; --l) {
    // Hg_W_l = R{delta_l} h_l^T + delta_l R{h_l}^T, both terms added tile by tile
    // (lib/nn/outer_product_sum.h: the bits of the two Eigen products).
    if (l > 0) {
      nn::AddOuterProducts<Scalar>({{rdelta_[l], input(l)}, {delta_[l], rh_[l]}},
                                   /*overwrite=*/true, hg_.mutable_weight(l));
    } else {
      nn::AddOuterProducts<Scalar>({{rdelta_[l], input(l)}}, /*overwrite=*/true,
                                   hg_.mutable_weight(l));
    }
    hg_.mutable_bias(l) = rdelta_[l].rowwise().sum();
    if (l > 0) {
      wt_packed_[l].MultiplyAndAccumulate(rdelta_[l], rdelta_[l - 1]);
      rdelta_[l - 1].array() *= dphi_[l - 1].array();
    }
  }

  // GQ, and its partial derivatives in g and Hg (the adjoint seeds). With
  // den = g + eps s and q = (g - Hg) / den - 1:
  //   dGQ/dHg = -sign(q) / (P den),  dGQ/dg = sign(q) (Hg + eps s) / (P den^2).
  // The sum runs over layers 0..d, weights before biases, in every case.
  const double num_parameters = static_cast<double>(shape_.num_parameters());
  const Scalar eps_s = static_cast<Scalar>(eps);
  const Scalar inv_p = static_cast<Scalar>(1.0 / num_parameters);
  double sum = 0.0;
  // Per chunk: the elementwise terms vectorized (the same IEEE operations in the same
  // order as one element at a time, so the same bits), then sum |q| in element order.
  using Array = Eigen::Array<Scalar, Eigen::Dynamic, 1>;
  auto quotient = [&](const auto& g, const auto& hg, auto& g_bar, auto& hg_bar) {
    const Eigen::Index size = g.size();
    for (Eigen::Index start = 0; start < size; start += kChunk) {
      const Eigen::Index n = std::min<Eigen::Index>(kChunk, size - start);
      const Eigen::Map<const Array> gi(g.data() + start, n), hi(hg.data() + start, n);
      Eigen::Map<Array> s(chunk_s_.data(), n), den(chunk_den_.data(), n), q(chunk_q_.data(), n);
      s = (gi >= Scalar(0)).select(Scalar(1), Array::Constant(n, Scalar(-1)));
      den = gi + eps_s * s;
      q = (gi - hi) / den - Scalar(1);
      if (with_derivative) {
        Eigen::Map<Array> sign_q(chunk_sign_.data(), n);
        sign_q = (q > Scalar(0))
                     .select(Scalar(1), (q < Scalar(0)).select(Scalar(-1), Array::Zero(n)));
        Eigen::Map<Array>(hg_bar.data() + start, n) = -sign_q * inv_p / den;
        Eigen::Map<Array>(g_bar.data() + start, n) =
            sign_q * inv_p * (hi + eps_s * s) / (den * den);
      }
      // The sum in element order is a chain of dependent double additions (latency-bound);
      // with short chunks it runs last in each chunk, and the out-of-order core overlaps it
      // with the next chunk's vector work.
      const Scalar* qd = q.data();
      for (Eigen::Index i = 0; i < n; ++i) sum += std::abs(static_cast<double>(qd[i]));
    }
  };
  if (!with_derivative) {
    for (int l = 0; l <= d; ++l) {
      quotient(g_.weight(l), hg_.weight(l), g_bar_.mutable_weight(l), g_bar_.mutable_weight(l));
      quotient(g_.bias(l), hg_.bias(l), g_bar_.mutable_bias(l), g_bar_.mutable_bias(l));
    }
    return sum / num_parameters;
  }

  // The adjoint sweep, stages in reverse order. "x_bar" is dGQ/dx. Weights' adjoints
  // collect in gq_grad_ (W_bar), the data's adjoint is not needed. Each layer's products
  // are those of the stage-by-stage order (gradient_quotient_reference.h) with the same
  // operands, summed into each output in the same order; only their timing changes: the
  // seeds of layer l are computed where stage (1) needs them (Hg_bar_l then never leaves
  // the cache), and the four products that make up W_bar_l run together in stage (6).

  // (1) R-backward, layers in reverse order of that pass: l = 0..d, each layer's GQ terms
  // and seeds first (hg_bar: one layer at a time in a scratch buffer).
  for (int l = 0; l <= d; ++l) {
    const int out = shape_.out_features(l), in = shape_.in_features(l);
    Eigen::Map<Matrix> hg_bar_w(hg_bar_weight_.data(), out, in);
    Eigen::Map<Vector> hg_bar_b(hg_bar_bias_.data(), out);
    quotient(g_.weight(l), hg_.weight(l), g_bar_.mutable_weight(l), hg_bar_w);
    quotient(g_.bias(l), hg_.bias(l), g_bar_.mutable_bias(l), hg_bar_b);

    if (l == 0) {
      rdelta_bar_[0].noalias() = hg_bar_w * x;
      rdelta_bar_[0].colwise() += hg_bar_b;
      delta_bar_[0].setZero();
      continue;
    }
    hb_packed_.Pack(hg_bar_w, /*transpose=*/false);
    hb_packed_.Multiply(input(l), rdelta_bar_[l]);
    rdelta_bar_[l].colwise() += hg_bar_b;
    // From R{delta_{l-1}} = phi' (V_l^T delta_l + W_l^T R{delta_l}), with V_l = g_W_l.
    t1_[l] = dphi_[l - 1].cwiseProduct(rdelta_bar_[l - 1]);
    nn::AddOuterProducts<Scalar>({{delta_[l], t1_[l]}}, /*overwrite=*/false,
                                 g_bar_.mutable_weight(l));
    gw_packed_[l].Multiply(t1_[l], delta_bar_[l]);
    w_packed_[l].MultiplyAndAccumulate(t1_[l], rdelta_bar_[l]);
    // From Hg_W_l = R{delta_l} h_l^T + delta_l R{h_l}^T.
    hbt_packed_.Pack(hg_bar_w, /*transpose=*/true);
    hbt_packed_.Multiply(rdelta_[l], h_bar_[l]);
    hb_packed_.MultiplyAndAccumulate(rh_[l], delta_bar_[l]);
    hbt_packed_.Multiply(delta_[l], rh_bar_[l]);
  }
  const double gq = sum / num_parameters;

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
    nn::AddOuterProducts<Scalar>({{rz_bar_[l], input(l)}}, /*overwrite=*/false,
                                 g_bar_.mutable_weight(l));
    g_bar_.mutable_bias(l) += rz_bar_[l].rowwise().sum();
    if (l > 0) {
      gwt_packed_[l].MultiplyAndAccumulate(rz_bar_[l], h_bar_[l]);
      wt_packed_[l].MultiplyAndAccumulate(rz_bar_[l], rh_bar_[l]);
    }
  }

  // (4) Backward, reverse order l = 0..d.
  for (int l = 0; l <= d; ++l) {
    if (l > 0) {
      // From delta_{l-1} = phi' W_l^T delta_l.
      t4_[l] = dphi_[l - 1].cwiseProduct(delta_bar_[l - 1]);
      w_packed_[l].MultiplyAndAccumulate(t4_[l], delta_bar_[l]);
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

  // (6) Forward, reverse order l = d..0, with W_bar_l's products in stage order:
  // (1) R{delta_l} t1_l^T, (3) R{z_l}_bar R{h_l}^T, (4) delta_l t4_l^T, (6) z_l_bar h_l^T.
  for (int l = d; l >= 0; --l) {
    if (l < d) z_bar_[l] = dphi_[l].cwiseProduct(h_bar_[l + 1]);
    Matrix& w_bar = gq_grad_.mutable_weight(l);
    // The four terms added to each output tile while it stays in L1
    // (lib/nn/outer_product_sum.h: the bits of the four Eigen products in this order).
    if (l == 0) {
      w_bar.setZero();
      nn::AddOuterProducts<Scalar>({{z_bar_[l], input(l)}}, /*overwrite=*/false, w_bar);
    } else {
      nn::AddOuterProducts<Scalar>(
          {{rdelta_[l], t1_[l]}, {rz_bar_[l], rh_[l]}, {delta_[l], t4_[l]}, {z_bar_[l], input(l)}},
          /*overwrite=*/true, w_bar);
    }
    gq_grad_.mutable_bias(l) = z_bar_[l].rowwise().sum();
    if (l > 0) wt_packed_[l].MultiplyAndAccumulate(z_bar_[l], h_bar_[l]);

    const Matrix& w = weight(l);
    double projection = 0.0;
    for (Eigen::Index i = 0; i < w.size(); ++i) {
      projection += static_cast<double>(w.data()[i]) * static_cast<double>(w_bar.data()[i]);
    }
    projections_[l] = projection;
  }
  return gq;
}

template class GradientQuotientT<float>;
template class GradientQuotientT<double>;

}  // namespace vev::metainit

#include "lib/nn/adam.h"

#include <cmath>

#include "lib/base/check.h"

namespace vev::nn {
namespace {

// The per-step scalars of PyTorch's update, each rounded to Scalar once.
template <typename Scalar>
struct AdamScalars {
  Scalar beta1, one_minus_beta1, beta2, one_minus_beta2, bias_correction2_sqrt, epsilon,
      neg_step_size;
};

// Updates one tensor (any Eigen matrix or vector with contiguous storage).
template <typename Scalar, typename Tensor>
void UpdateTensor(const AdamScalars<Scalar>& s, const Tensor& grad, Tensor& param, Tensor& m,
                  Tensor& v) {
  using Array = Eigen::Array<Scalar, Eigen::Dynamic, 1>;
  const Eigen::Index size = param.size();
  const Eigen::Map<const Array> g(grad.data(), size);
  Eigen::Map<Array> p(param.data(), size), ma(m.data(), size), va(v.data(), size);
  ma = ma * s.beta1 + s.one_minus_beta1 * g;
  va = va * s.beta2 + (s.one_minus_beta2 * g) * g;
  p = p + (s.neg_step_size * ma) / (va.sqrt() / s.bias_correction2_sqrt + s.epsilon);
}

}  // namespace

template <typename Scalar>
AdamT<Scalar>::AdamT(const MlpShape& shape, const AdamOptions& options)
    : options_(options), m_(shape), v_(shape) {}

template <typename Scalar>
void AdamT<Scalar>::Step(const MlpTensorsT<Scalar>& grads, MlpTensorsT<Scalar>* params) {
  VEV_CHECK(params->num_layers() == m_.num_layers() && grads.num_layers() == m_.num_layers());
  ++step_count_;
  const double t = static_cast<double>(step_count_);
  const double bias_correction1 = 1.0 - std::pow(options_.beta1, t);
  const double bias_correction2 = 1.0 - std::pow(options_.beta2, t);
  const AdamScalars<Scalar> s{
      static_cast<Scalar>(options_.beta1),
      static_cast<Scalar>(1.0 - options_.beta1),
      static_cast<Scalar>(options_.beta2),
      static_cast<Scalar>(1.0 - options_.beta2),
      static_cast<Scalar>(std::sqrt(bias_correction2)),
      static_cast<Scalar>(options_.epsilon),
      static_cast<Scalar>(-(options_.learning_rate / bias_correction1)),
  };
  for (int l = 0; l < m_.num_layers(); ++l) {
    UpdateTensor(s, grads.weight(l), params->mutable_weight(l), m_.mutable_weight(l),
                 v_.mutable_weight(l));
    UpdateTensor(s, grads.bias(l), params->mutable_bias(l), m_.mutable_bias(l),
                 v_.mutable_bias(l));
  }
}

template class AdamT<float>;
template class AdamT<double>;

}  // namespace vev::nn

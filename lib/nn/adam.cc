#include "lib/nn/adam.h"

#include <algorithm>
#include <cmath>

#include "lib/base/check.h"

namespace vev::nn {
namespace {

// Entries per chunk of the fused update: m, v, p and g of one chunk (4 KB each in float)
// stay in L1 between the three statements.
constexpr Eigen::Index kAdamChunk = 1024;

// Updates one tensor (any Eigen matrix or vector with contiguous storage). The three
// statements run chunk by chunk over the tensor, so each entry is read from memory once;
// every entry's operations, and their order, are those of the statements applied to the
// whole tensor (the update is elementwise), so the bits are the same.
template <typename Scalars, typename Tensor>
void UpdateTensor(const Scalars& s, const Tensor& grad, Tensor& param, Tensor& m, Tensor& v) {
  using Scalar = typename Tensor::Scalar;
  using Array = Eigen::Array<Scalar, Eigen::Dynamic, 1>;
  const Eigen::Index size = param.size();
  for (Eigen::Index start = 0; start < size; start += kAdamChunk) {
    const Eigen::Index n = std::min(kAdamChunk, size - start);
    const Eigen::Map<const Array> g(grad.data() + start, n);
    Eigen::Map<Array> p(param.data() + start, n), ma(m.data() + start, n),
        va(v.data() + start, n);
    ma = ma * s.beta1 + s.one_minus_beta1 * g;
    va = va * s.beta2 + (s.one_minus_beta2 * g) * g;
    p = p + (s.neg_step_size * ma) / (va.sqrt() / s.bias_correction2_sqrt + s.epsilon);
  }
}

}  // namespace

template <typename Scalar>
AdamT<Scalar>::AdamT(const MlpShape& shape, const AdamOptions& options)
    : options_(options), m_(shape), v_(shape) {}

template <typename Scalar>
void AdamT<Scalar>::BeginStep() {
  ++step_count_;
  const double t = static_cast<double>(step_count_);
  const double bias_correction1 = 1.0 - std::pow(options_.beta1, t);
  const double bias_correction2 = 1.0 - std::pow(options_.beta2, t);
  scalars_ = StepScalars{
      static_cast<Scalar>(options_.beta1),
      static_cast<Scalar>(1.0 - options_.beta1),
      static_cast<Scalar>(options_.beta2),
      static_cast<Scalar>(1.0 - options_.beta2),
      static_cast<Scalar>(std::sqrt(bias_correction2)),
      static_cast<Scalar>(options_.epsilon),
      static_cast<Scalar>(-(options_.learning_rate / bias_correction1)),
  };
}

template <typename Scalar>
void AdamT<Scalar>::UpdateLayer(int l, const MlpTensorsT<Scalar>& grads,
                                MlpTensorsT<Scalar>* params) {
  UpdateTensor(scalars_, grads.weight(l), params->mutable_weight(l), m_.mutable_weight(l),
               v_.mutable_weight(l));
  UpdateTensor(scalars_, grads.bias(l), params->mutable_bias(l), m_.mutable_bias(l),
               v_.mutable_bias(l));
}

template <typename Scalar>
void AdamT<Scalar>::Step(const MlpTensorsT<Scalar>& grads, MlpTensorsT<Scalar>* params) {
  VEV_CHECK(params->num_layers() == m_.num_layers() && grads.num_layers() == m_.num_layers());
  BeginStep();
  for (int l = 0; l < m_.num_layers(); ++l) UpdateLayer(l, grads, params);
}

template class AdamT<float>;
template class AdamT<double>;

}  // namespace vev::nn

#include "lib/nn/relu_mlp.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "lib/nn/cross_entropy.h"
#include "lib/nn/eigen_blocking.h"

namespace vev::nn {
namespace {

// post = phi_a(pre). The ReLU case keeps PyTorch's exact values (max(z, 0), no -0 * z).
template <typename Dst, typename Src>
void ApplyActivation(double negative_slope, const Src& pre, Dst&& post) {
  using Scalar = typename Src::Scalar;
  if (negative_slope == 0.0) {
    post = pre.cwiseMax(Scalar(0));
  } else {
    const Scalar a = static_cast<Scalar>(negative_slope);
    post = (pre.array() > Scalar(0)).select(pre, a * pre);
  }
}

// delta <- delta * phi_a'(pre), with phi_a'(z) = 1 for z > 0, else a (PyTorch's convention
// at z = 0: ReLU passes no gradient there).
template <typename Delta, typename Pre>
void MultiplyByActivationDerivative(double negative_slope, const Pre& pre, Delta&& delta) {
  using Scalar = typename Pre::Scalar;
  if (negative_slope == 0.0) {
    delta = (pre.array() > Scalar(0)).select(delta, Scalar(0));
  } else {
    const Scalar a = static_cast<Scalar>(negative_slope);
    delta = (pre.array() > Scalar(0)).select(delta, a * delta);
  }
}

}  // namespace

int64_t MlpShape::num_parameters() const {
  int64_t total = 0;
  for (int l = 0; l < num_layers(); ++l) {
    total += static_cast<int64_t>(out_features(l)) * (in_features(l) + 1);
  }
  return total;
}

absl::Status ValidateMlpShape(const MlpShape& shape) {
  if (shape.input_size < 1 || shape.width < 1 || shape.depth < 0 || shape.num_classes < 2 ||
      !std::isfinite(shape.negative_slope)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid network shape: input_size ", shape.input_size, " (>= 1), width ", shape.width,
        " (>= 1), depth ", shape.depth, " (>= 0), num_classes ", shape.num_classes,
        " (>= 2), negative_slope ", shape.negative_slope, " (finite)"));
  }
  return absl::OkStatus();
}

template <typename Scalar>
MlpTensorsT<Scalar>::MlpTensorsT(const MlpShape& shape) : shape_(shape) {
  VEV_CHECK(ValidateMlpShape(shape).ok());
  weights_.reserve(shape.num_layers());
  biases_.reserve(shape.num_layers());
  for (int l = 0; l < shape.num_layers(); ++l) {
    weights_.push_back(Matrix::Zero(shape.out_features(l), shape.in_features(l)));
    biases_.push_back(Vector::Zero(shape.out_features(l)));
  }
}

template <typename Scalar>
void MlpTensorsT<Scalar>::SetZero() {
  for (Matrix& w : weights_) w.setZero();
  for (Vector& b : biases_) b.setZero();
}

template <typename Scalar>
bool MlpTensorsT<Scalar>::AllFinite() const {
  for (const Matrix& w : weights_) {
    if (!w.allFinite()) return false;
  }
  for (const Vector& b : biases_) {
    if (!b.allFinite()) return false;
  }
  return true;
}

template <typename Scalar>
MlpWorkspaceT<Scalar>::MlpWorkspaceT(const MlpShape& shape, int capacity)
    : shape_(shape), capacity_(capacity) {
  VEV_CHECK(ValidateMlpShape(shape).ok());
  VEV_CHECK(capacity >= 1);
  PinEigenCacheSizes();
  linear_.reserve(shape.num_layers());
  for (int l = 0; l < shape.num_layers(); ++l) {
    linear_.emplace_back(shape.out_features(l), capacity);
  }
  activation_.reserve(shape.depth);
  for (int l = 0; l < shape.depth; ++l) activation_.emplace_back(shape.width, capacity);
  delta_a_.resize(shape.width, capacity);
  delta_b_.resize(shape.width, capacity);
  logits_grad_.resize(shape.num_classes, capacity);
}

template <typename Scalar>
void MlpWorkspaceT<Scalar>::Forward(const ReluMlpT<Scalar>& net,
                                    const Eigen::Ref<const Matrix>& x,
                                    LayerObserverT<Scalar>* observer) {
  const int n = static_cast<int>(x.cols());
  VEV_CHECK(n >= 1 && n <= capacity_);
  VEV_CHECK(x.rows() == shape_.input_size);
  assert(net.shape().width == shape_.width && net.shape().depth == shape_.depth);
  batch_size_ = n;
  for (int l = 0; l <= shape_.depth; ++l) {
    auto z = linear_[l].leftCols(n);  // out_features(l) x n
    if (l == 0) {
      z.noalias() = net.weight(0) * x;
    } else {
      z.noalias() = net.weight(l) * activation_[l - 1].leftCols(n);
    }
    z.colwise() += net.bias(l);
    if (observer != nullptr) observer->OnLayerOutput(l, z);
    if (l < shape_.depth) ApplyActivation(shape_.negative_slope, z, activation_[l].leftCols(n));
  }
}

template <typename Scalar>
typename MlpWorkspaceT<Scalar>::ConstMap MlpWorkspaceT<Scalar>::linear_output(int layer) const {
  return ConstMap(linear_[layer].data(), linear_[layer].rows(), batch_size_);
}

template <typename Scalar>
typename MlpWorkspaceT<Scalar>::ConstMap MlpWorkspaceT<Scalar>::activation(int layer) const {
  return ConstMap(activation_[layer].data(), activation_[layer].rows(), batch_size_);
}

template <typename Scalar>
void MlpWorkspaceT<Scalar>::BackwardAndAccumulate(const ReluMlpT<Scalar>& net,
                                                  const Eigen::Ref<const Matrix>& x,
                                                  const Eigen::Ref<const Matrix>& logits_grad,
                                                  MlpTensorsT<Scalar>* grads) {
  Backward(net, x, logits_grad, grads, /*zero_each_layer=*/false, /*layer_done=*/nullptr);
}

template <typename Scalar>
void MlpWorkspaceT<Scalar>::Backward(const ReluMlpT<Scalar>& net,
                                     const Eigen::Ref<const Matrix>& x,
                                     const Eigen::Ref<const Matrix>& logits_grad,
                                     MlpTensorsT<Scalar>* grads, bool zero_each_layer,
                                     const absl::FunctionRef<void(int)>* layer_done) {
  const int n = batch_size_;
  VEV_CHECK(x.cols() == n && logits_grad.cols() == n);
  VEV_CHECK(logits_grad.rows() == shape_.num_classes);
  // Walk layers d..0. `delta` is dL/dz_l (out_features(l) x n); for l < d it lives in one of
  // the two ping-pong buffers, since W_l^T * delta cannot be written over delta.
  Matrix* next = &delta_a_;
  Matrix* spare = &delta_b_;
  for (int l = shape_.depth; l >= 0; --l) {
    const int out = shape_.out_features(l);
    const Eigen::Ref<const Matrix> delta =
        l == shape_.depth ? logits_grad : Eigen::Ref<const Matrix>(next->topLeftCorner(out, n));
    if (zero_each_layer) {
      grads->mutable_weight(l).setZero();
      grads->mutable_bias(l).setZero();
    }
    if (l == 0) {
      grads->mutable_weight(0).noalias() += delta * x.transpose();
    } else {
      grads->mutable_weight(l).noalias() += delta * activation_[l - 1].leftCols(n).transpose();
    }
    grads->mutable_bias(l).noalias() += delta.rowwise().sum();
    if (l > 0) {
      auto below = spare->leftCols(n);  // width x n: dL/dh_{l-1}, then dL/dz_{l-1}
      below.noalias() = net.weight(l).transpose() * delta;
      MultiplyByActivationDerivative(shape_.negative_slope, linear_[l - 1].leftCols(n), below);
      std::swap(next, spare);
    }
    // Layer l's gradient is complete and W_l is not read again.
    if (layer_done != nullptr) (*layer_done)(l);
  }
}

template <typename Scalar>
double MlpWorkspaceT<Scalar>::CrossEntropyGradientByLayer(
    const ReluMlpT<Scalar>& net, const Eigen::Ref<const Matrix>& x,
    absl::Span<const uint8_t> labels, MlpTensorsT<Scalar>* grads,
    absl::FunctionRef<void(int layer)> layer_done) {
  Forward(net, x);
  const int n = batch_size_;
  VEV_CHECK(static_cast<int>(labels.size()) == n);
  auto logits_grad = logits_grad_.leftCols(n);
  const double loss = SoftmaxCrossEntropyT<Scalar>::LossAndGradient(logits(), labels, logits_grad);
  Backward(net, x, logits_grad, grads, /*zero_each_layer=*/true, &layer_done);
  return loss;
}

template <typename Scalar>
double MlpWorkspaceT<Scalar>::CrossEntropyAndAccumulateGradient(
    const ReluMlpT<Scalar>& net, const Eigen::Ref<const Matrix>& x,
    absl::Span<const uint8_t> labels, MlpTensorsT<Scalar>* grads) {
  Forward(net, x);
  const int n = batch_size_;
  VEV_CHECK(static_cast<int>(labels.size()) == n);
  auto logits_grad = logits_grad_.leftCols(n);
  const double loss = SoftmaxCrossEntropyT<Scalar>::LossAndGradient(logits(), labels, logits_grad);
  BackwardAndAccumulate(net, x, logits_grad, grads);
  return loss;
}

template <typename Scalar>
InferenceWorkspaceT<Scalar>::InferenceWorkspaceT(const MlpShape& shape, int capacity)
    : shape_(shape), capacity_(capacity) {
  VEV_CHECK(ValidateMlpShape(shape).ok());
  VEV_CHECK(capacity >= 1);
  PinEigenCacheSizes();
  const int64_t size = static_cast<int64_t>(std::max(shape.width, shape.num_classes)) * capacity;
  buffer_a_.resize(size);
  buffer_b_.resize(size);
}

template <typename Scalar>
typename InferenceWorkspaceT<Scalar>::ConstMap InferenceWorkspaceT<Scalar>::Forward(
    const ReluMlpT<Scalar>& net, const Eigen::Ref<const Matrix>& x,
    LayerObserverT<Scalar>* observer) {
  const int n = static_cast<int>(x.cols());
  VEV_CHECK(n >= 1 && n <= capacity_);
  VEV_CHECK(x.rows() == shape_.input_size);
  assert(net.shape().width == shape_.width && net.shape().depth == shape_.depth);
  // Layer l writes z_l into `current`, then phi_a(z_l) in place (elementwise, no aliasing
  // problem); the next layer reads it and writes the other buffer.
  VectorT<Scalar>* current = &buffer_a_;
  VectorT<Scalar>* previous = &buffer_b_;
  for (int l = 0; l <= shape_.depth; ++l) {
    Eigen::Map<Matrix> z(current->data(), shape_.out_features(l), n);
    if (l == 0) {
      z.noalias() = net.weight(0) * x;
    } else {
      z.noalias() = net.weight(l) * ConstMap(previous->data(), shape_.width, n);
    }
    z.colwise() += net.bias(l);
    if (observer != nullptr) observer->OnLayerOutput(l, z);
    if (l < shape_.depth) {
      ApplyActivation(shape_.negative_slope, z, z);
      std::swap(current, previous);
    }
  }
  return ConstMap(current->data(), shape_.num_classes, n);
}

template <typename Scalar>
std::vector<MatrixT<Scalar>> ReferenceForward(
    const ReluMlpT<Scalar>& net, const Eigen::Ref<const typename MlpTensorsT<Scalar>::Matrix>& x) {
  const MlpShape& shape = net.shape();
  VEV_CHECK(x.rows() == shape.input_size);
  const int n = static_cast<int>(x.cols());
  std::vector<MatrixT<Scalar>> outputs;
  MatrixT<Scalar> h = x;
  for (int l = 0; l <= shape.depth; ++l) {
    const MatrixT<Scalar>& w = net.weight(l);
    MatrixT<Scalar> z(w.rows(), n);
    for (int j = 0; j < n; ++j) {
      for (int i = 0; i < w.rows(); ++i) {
        Scalar sum(0);
        for (int k = 0; k < w.cols(); ++k) sum += w(i, k) * h(k, j);
        z(i, j) = sum + net.bias(l)(i);
      }
    }
    outputs.push_back(z);
    if (l < shape.depth) {
      h.resize(z.rows(), n);
      for (int j = 0; j < n; ++j) {
        for (int i = 0; i < z.rows(); ++i) {
          h(i, j) = z(i, j) > Scalar(0) ? z(i, j)
                                         : static_cast<Scalar>(shape.negative_slope) * z(i, j);
        }
      }
    }
  }
  return outputs;
}

template class MlpTensorsT<float>;
template class MlpTensorsT<double>;
template class MlpWorkspaceT<float>;
template class MlpWorkspaceT<double>;
template class InferenceWorkspaceT<float>;
template class InferenceWorkspaceT<double>;
template std::vector<MatrixT<float>> ReferenceForward(const ReluMlpT<float>&,
                                                      const Eigen::Ref<const MatrixT<float>>&);
template std::vector<MatrixT<double>> ReferenceForward(const ReluMlpT<double>&,
                                                       const Eigen::Ref<const MatrixT<double>>&);

}  // namespace vev::nn

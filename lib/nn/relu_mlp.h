// Constant-width fully connected (leaky) ReLU networks, as in PROTOCOL.md "Network"
// (vanishing-empirical-variance paper, Sec. 6): depth d hidden blocks Linear(width) +
// phi_a, then Linear(width -> classes); d = 0 is a single Linear(input -> classes). A
// depth-d network has d + 1 Linear layers, indexed 0..d, every one with a bias.
//
//   z_0 = W_0 x + b_0,   z_l = W_l phi_a(z_{l-1}) + b_l  (l = 1..d),   logits = z_d,
//   phi_a(z) = z for z > 0, a z otherwise (a = 0: ReLU).
//
// Storage (lib/base/eigen_types.h): column-major; activations are features x batch, one
// sample per contiguous column; W_l is out x in. Everything is a class template on the
// scalar type: experiments run `float` (like the reference PyTorch code), gradient tests
// run `double` through the same code.
//
// Forward and backward passes run in preallocated workspaces: no heap allocation per layer
// or per step in this code (Eigen's GEMM itself may take its packing buffers from the heap
// when they exceed EIGEN_STACK_ALLOCATION_LIMIT, 128 KB). Eigen runs single-threaded, and
// constructing a workspace pins Eigen's cache-size-dependent blocking (eigen_blocking.h) so
// results do not depend on the CPU's cache sizes.
#ifndef VEV_LIB_NN_RELU_MLP_H_
#define VEV_LIB_NN_RELU_MLP_H_

#include <cstdint>
#include <vector>

#include "Eigen/Core"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/types/span.h"
#include "lib/base/check.h"
#include "lib/base/eigen_types.h"

namespace vev::nn {

// The architecture of a constant-width network.
struct MlpShape {
  // Input features: MNIST 784, CIFAR-10 3072.
  int input_size = 784;
  // Width of every hidden layer (>= 1).
  int width = 10;
  // Number of hidden blocks Linear + phi_a (>= 0); the network has depth + 1 Linear layers.
  int depth = 0;
  // Outputs of the final Linear layer (10 for both datasets).
  int num_classes = 10;
  // Negative slope a of the leaky ReLU phi_a; 0 (the default) is the ReLU.
  double negative_slope = 0.0;

  int num_layers() const { return depth + 1; }
  // fan_in of Linear layer `layer` (0..depth): input_size for layer 0, else width.
  int in_features(int layer) const { return layer == 0 ? input_size : width; }
  // fan_out of Linear layer `layer`: num_classes for the last layer, else width.
  int out_features(int layer) const { return layer == depth ? num_classes : width; }
  // Number of scalar parameters (all weights and biases).
  int64_t num_parameters() const;
};

// InvalidArgument unless input_size >= 1, width >= 1, depth >= 0, num_classes >= 2 and the
// slope is finite.
absl::Status ValidateMlpShape(const MlpShape& shape);

// One matrix (out x in) and one vector (out) per Linear layer, shaped by an MlpShape: a
// network's parameters (ReluMlpT), their gradients, or Adam's moment estimates.
template <typename Scalar>
class MlpTensorsT {
 public:
  using Matrix = MatrixT<Scalar>;
  using Vector = VectorT<Scalar>;

  // All entries zero. `shape` must be valid (VEV_CHECK).
  explicit MlpTensorsT(const MlpShape& shape);

  const MlpShape& shape() const { return shape_; }
  int num_layers() const { return shape_.num_layers(); }
  const Matrix& weight(int layer) const { return weights_[layer]; }
  Matrix& mutable_weight(int layer) { return weights_[layer]; }
  const Vector& bias(int layer) const { return biases_[layer]; }
  Vector& mutable_bias(int layer) { return biases_[layer]; }

  void SetZero();
  // True when no entry is NaN or infinite.
  bool AllFinite() const;

  // The same tensors in another scalar type (e.g. float -> double for gradient checks).
  template <typename Other>
  MlpTensorsT<Other> Cast() const {
    MlpTensorsT<Other> out(shape_);
    for (int l = 0; l < num_layers(); ++l) {
      out.mutable_weight(l) = weights_[l].template cast<Other>();
      out.mutable_bias(l) = biases_[l].template cast<Other>();
    }
    return out;
  }

 private:
  MlpShape shape_;
  std::vector<Matrix> weights_;
  std::vector<Vector> biases_;
};

template <typename Scalar>
using ReluMlpT = MlpTensorsT<Scalar>;
using ReluMlp = ReluMlpT<float>;
using MlpTensors = MlpTensorsT<float>;

// Receives every Linear layer's output during a forward pass (e.g. Fig. 2 records unit 0 of
// every layer), so experiments observe layers without copying the network code.
template <typename Scalar>
class LayerObserverT {
 public:
  virtual ~LayerObserverT() = default;
  // Called for layer = 0, 1, ..., depth in order, right after z_layer = W h + b is computed
  // (before the activation). `linear_output`: out_features(layer) x n, one sample per
  // column; valid only during the call.
  virtual void OnLayerOutput(int layer,
                             const Eigen::Ref<const MatrixT<Scalar>>& linear_output) = 0;
};
using LayerObserver = LayerObserverT<float>;

// Training workspace: caches every layer's output of one forward pass for the backward pass.
// Memory: about 2 * depth * width * capacity scalars. Not thread-safe; one per thread.
template <typename Scalar>
class MlpWorkspaceT {
 public:
  using Matrix = MatrixT<Scalar>;
  using ConstMap = Eigen::Map<const Matrix>;

  // For networks of `shape` and batches of at most `capacity` (>= 1) samples.
  MlpWorkspaceT(const MlpShape& shape, int capacity);

  int capacity() const { return capacity_; }
  // Number of samples of the last Forward.
  int batch_size() const { return batch_size_; }

  // Forward pass of `net` over x (input_size x n, 1 <= n <= capacity; any outer stride).
  // Overwrites the cached layer outputs; calls `observer` (may be null) once per layer.
  void Forward(const ReluMlpT<Scalar>& net, const Eigen::Ref<const Matrix>& x,
               LayerObserverT<Scalar>* observer = nullptr);

  // Outputs of the last Forward: z_layer (out_features(layer) x n) and, for layer < depth,
  // phi_a(z_layer) (width x n). logits() is z_depth. Valid until the next Forward.
  ConstMap linear_output(int layer) const;
  ConstMap activation(int layer) const;
  ConstMap logits() const { return linear_output(shape_.depth); }

  // Backward pass after Forward(net, x) with the same net and x: given dL/dlogits
  // (num_classes x n), adds dL/dW_l and dL/db_l of every layer to *grads (accumulates;
  // zero *grads once per step). Any loss L of the logits works.
  void BackwardAndAccumulate(const ReluMlpT<Scalar>& net, const Eigen::Ref<const Matrix>& x,
                             const Eigen::Ref<const Matrix>& logits_grad,
                             MlpTensorsT<Scalar>* grads);

  // Forward, mean cross-entropy L = (1/n) sum_j CE(logits_j, labels[j]), and backward:
  // returns L (per-sample terms in Scalar, summed in double) and adds dL/dparameters to
  // *grads. labels: n entries in 0..num_classes-1.
  double CrossEntropyAndAccumulateGradient(const ReluMlpT<Scalar>& net,
                                           const Eigen::Ref<const Matrix>& x,
                                           absl::Span<const uint8_t> labels,
                                           MlpTensorsT<Scalar>* grads);

  // CrossEntropyAndAccumulateGradient with the gradients overwritten one layer at a time
  // instead of accumulated: the backward pass walks layers depth..0, zeroes layer l's
  // gradient right before adding its products, and once that gradient is complete and the
  // pass no longer reads W_l, calls layer_done(l), which may change layer l of `net` (the
  // trainer applies Adam to the layer there, while its gradient is in cache). The results
  // are bit-identical to zeroing *grads, then CrossEntropyAndAccumulateGradient.
  double CrossEntropyGradientByLayer(const ReluMlpT<Scalar>& net,
                                     const Eigen::Ref<const Matrix>& x,
                                     absl::Span<const uint8_t> labels, MlpTensorsT<Scalar>* grads,
                                     absl::FunctionRef<void(int layer)> layer_done);

 private:
  // The backward pass of both entry points: if zero_each_layer, layer l's gradient is
  // zeroed before its products; layer_done (may be null) is called after each layer.
  void Backward(const ReluMlpT<Scalar>& net, const Eigen::Ref<const Matrix>& x,
                const Eigen::Ref<const Matrix>& logits_grad, MlpTensorsT<Scalar>* grads,
                bool zero_each_layer, const absl::FunctionRef<void(int)>* layer_done);

  MlpShape shape_;
  int capacity_;
  int batch_size_ = 0;
  std::vector<Matrix> linear_;      // layer l: out_features(l) x capacity
  std::vector<Matrix> activation_;  // layer l < depth: width x capacity
  Matrix delta_a_, delta_b_;        // width x capacity: dL/dz of a hidden layer (ping-pong)
  Matrix logits_grad_;              // num_classes x capacity
};
using MlpWorkspace = MlpWorkspaceT<float>;

// Inference workspace: forward passes over large batches keeping only two layers at a time
// (memory 2 * max(width, classes) * capacity). Not thread-safe; one per thread.
template <typename Scalar>
class InferenceWorkspaceT {
 public:
  using Matrix = MatrixT<Scalar>;
  using ConstMap = Eigen::Map<const Matrix>;

  InferenceWorkspaceT(const MlpShape& shape, int capacity);

  int capacity() const { return capacity_; }

  // Forward pass of `net` over x (input_size x n, 1 <= n <= capacity); calls `observer` (may
  // be null) once per layer. Returns the logits (num_classes x n), valid until the next call.
  ConstMap Forward(const ReluMlpT<Scalar>& net, const Eigen::Ref<const Matrix>& x,
                   LayerObserverT<Scalar>* observer = nullptr);

 private:
  MlpShape shape_;
  int capacity_;
  // Storage for two layers, max(width, num_classes) * capacity scalars each; layer l's
  // output is mapped onto it as a contiguous out_features(l) x n matrix.
  VectorT<Scalar> buffer_a_, buffer_b_;
};
using InferenceWorkspace = InferenceWorkspaceT<float>;

// The plain-loop specification of the forward pass (no Eigen products, no workspaces):
// returns z_0, ..., z_depth over x, each out_features(l) x n. Dot products accumulate in
// Scalar in index order. For tests only; slow. (Scalar is deduced from `net` alone, so x
// may be any Eigen expression that binds to the Ref.)
template <typename Scalar>
std::vector<MatrixT<Scalar>> ReferenceForward(
    const ReluMlpT<Scalar>& net, const Eigen::Ref<const typename MlpTensorsT<Scalar>::Matrix>& x);

}  // namespace vev::nn

#endif  // VEV_LIB_NN_RELU_MLP_H_

// Adam (Kingma & Ba 2015) on all weights and biases of a network, as PROTOCOL.md "Training"
// fixes it (beta1 0.9, beta2 0.999, eps 1e-8, no weight decay), with the operation order of
// PyTorch 1.13's torch.optim.Adam (single-tensor path), every product rounded in Scalar:
//
//   t <- t + 1
//   m <- m * beta1 + (1 - beta1) * g
//   v <- v * beta2 + ((1 - beta2) * g) * g
//   denom = sqrt(v) / sqrt(1 - beta2^t) + eps
//   p <- p + (-lr / (1 - beta1^t)) * m / denom
//
// The bias corrections are computed in double and rounded to Scalar, as PyTorch passes them
// as Python floats into float kernels.
#ifndef VEV_LIB_NN_ADAM_H_
#define VEV_LIB_NN_ADAM_H_

#include <cstdint>

#include "lib/nn/relu_mlp.h"

namespace vev::nn {

struct AdamOptions {
  // Step size lr; PROTOCOL.md: 1e-4 (Fig. 3 width 200: 1e-5).
  double learning_rate = 1e-4;
  // Decay of the first-moment estimate.
  double beta1 = 0.9;
  // Decay of the second-moment estimate.
  double beta2 = 0.999;
  // Added to the bias-corrected sqrt(v) in the denominator.
  double epsilon = 1e-8;
};

template <typename Scalar>
class AdamT {
 public:
  // Moments start at zero, for parameters of `shape`.
  AdamT(const MlpShape& shape, const AdamOptions& options);

  // One update of every entry of *params from `grads` (same shape); advances t.
  // Equivalent to BeginStep() followed by UpdateLayer(l, ...) for every layer l.
  void Step(const MlpTensorsT<Scalar>& grads, MlpTensorsT<Scalar>* params);

  // The same step split by layer, so that a layer can be updated while its gradient is
  // still in cache (AdamTrainer does it inside the backward pass): BeginStep() advances t
  // and fixes the step's scalars; then UpdateLayer(l, ...) once for every layer, in any
  // order. The update is elementwise, so the results are bit-identical to Step's.
  void BeginStep();
  void UpdateLayer(int layer, const MlpTensorsT<Scalar>& grads, MlpTensorsT<Scalar>* params);

  // Number of steps taken (t).
  int64_t step_count() const { return step_count_; }
  const MlpTensorsT<Scalar>& first_moment() const { return m_; }
  const MlpTensorsT<Scalar>& second_moment() const { return v_; }

 private:
  // The per-step scalars of PyTorch's update, each rounded to Scalar once.
  struct StepScalars {
    Scalar beta1, one_minus_beta1, beta2, one_minus_beta2, bias_correction2_sqrt, epsilon,
        neg_step_size;
  };

  AdamOptions options_;
  int64_t step_count_ = 0;
  StepScalars scalars_{};
  MlpTensorsT<Scalar> m_;
  MlpTensorsT<Scalar> v_;
};

using Adam = AdamT<float>;

}  // namespace vev::nn

#endif  // VEV_LIB_NN_ADAM_H_

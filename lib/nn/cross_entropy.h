// Softmax cross-entropy of network logits, its gradient, and classification accuracy, as in
// PyTorch's nn.CrossEntropyLoss (mean reduction) and torch.max used by the reference code
// (PROTOCOL.md "Training").
//
// logits: num_classes x n, one sample per column; labels: n entries in 0..num_classes-1.
// Per-sample terms are computed in Scalar; sums over samples accumulate in double.
#ifndef VEV_LIB_NN_CROSS_ENTROPY_H_
#define VEV_LIB_NN_CROSS_ENTROPY_H_

#include <cstdint>

#include "Eigen/Core"
#include "absl/types/span.h"
#include "lib/base/eigen_types.h"

namespace vev::nn {

template <typename Scalar>
struct SoftmaxCrossEntropyT {
  using Matrix = MatrixT<Scalar>;

  // Mean cross-entropy L = (1/n) sum_j [log sum_k exp(z_kj) - z_{y_j, j}] (computed with the
  // column maximum subtracted). Overwrites logits_grad (num_classes x n) with
  // dL/dz = (softmax(z_j) - onehot(y_j)) / n. Returns L; NaN if a logit is not finite.
  static double LossAndGradient(const Eigen::Ref<const Matrix>& logits,
                                absl::Span<const uint8_t> labels,
                                Eigen::Ref<Matrix> logits_grad);

  // sum_j CE(z_j, y_j) in double (a sum, not a mean: chunks of a test set add up).
  static double SumLoss(const Eigen::Ref<const Matrix>& logits,
                        absl::Span<const uint8_t> labels);

  // Index of the largest entry of column `column`. Like torch.max on the CPU: ties go to
  // the smallest index and a NaN counts as larger than everything (the first NaN wins).
  static int ArgMax(const Eigen::Ref<const Matrix>& logits, int column);

  // Number of columns j with ArgMax(logits, j) == labels[j].
  static int64_t CountCorrect(const Eigen::Ref<const Matrix>& logits,
                              absl::Span<const uint8_t> labels);
};

using SoftmaxCrossEntropy = SoftmaxCrossEntropyT<float>;

}  // namespace vev::nn

#endif  // VEV_LIB_NN_CROSS_ENTROPY_H_

#include "lib/nn/cross_entropy.h"

#include <cassert>
#include <cmath>

namespace vev::nn {
namespace {

// log sum_k exp(z_k) - z_label for one column, with the maximum subtracted first (as
// PyTorch's log_softmax does). Writes exp(z_k - max) to `exps` when it is not null.
template <typename Scalar, typename Column>
Scalar ColumnLoss(const Column& z, int label, Scalar* exps) {
  const Scalar max = z.maxCoeff();
  Scalar sum(0);
  for (int k = 0; k < z.size(); ++k) {
    const Scalar e = std::exp(z(k) - max);
    if (exps != nullptr) exps[k] = e;
    sum += e;
  }
  return std::log(sum) - (z(label) - max);
}

}  // namespace

template <typename Scalar>
double SoftmaxCrossEntropyT<Scalar>::LossAndGradient(const Eigen::Ref<const Matrix>& logits,
                                                     absl::Span<const uint8_t> labels,
                                                     Eigen::Ref<Matrix> logits_grad) {
  const int classes = static_cast<int>(logits.rows());
  const int n = static_cast<int>(logits.cols());
  assert(static_cast<int>(labels.size()) == n);
  assert(logits_grad.rows() == classes && logits_grad.cols() == n);
  const Scalar inv_n = Scalar(1) / Scalar(n);
  double total = 0.0;
  for (int j = 0; j < n; ++j) {
    assert(labels[j] < classes);
    Scalar* g = logits_grad.col(j).data();
    total += static_cast<double>(ColumnLoss<Scalar>(logits.col(j), labels[j], g));
    Scalar sum(0);
    for (int k = 0; k < classes; ++k) sum += g[k];
    for (int k = 0; k < classes; ++k) g[k] = g[k] / sum * inv_n;
    g[labels[j]] -= inv_n;
  }
  return total / n;
}

template <typename Scalar>
double SoftmaxCrossEntropyT<Scalar>::SumLoss(const Eigen::Ref<const Matrix>& logits,
                                             absl::Span<const uint8_t> labels) {
  assert(static_cast<int>(labels.size()) == logits.cols());
  double total = 0.0;
  for (int j = 0; j < logits.cols(); ++j) {
    total += static_cast<double>(ColumnLoss<Scalar>(logits.col(j), labels[j], nullptr));
  }
  return total;
}

template <typename Scalar>
int SoftmaxCrossEntropyT<Scalar>::ArgMax(const Eigen::Ref<const Matrix>& logits, int column) {
  int best = 0;
  Scalar best_value = logits(0, column);
  if (std::isnan(best_value)) return 0;
  for (int k = 1; k < logits.rows(); ++k) {
    const Scalar v = logits(k, column);
    if (std::isnan(v)) return k;
    if (v > best_value) {
      best_value = v;
      best = k;
    }
  }
  return best;
}

template <typename Scalar>
int64_t SoftmaxCrossEntropyT<Scalar>::CountCorrect(const Eigen::Ref<const Matrix>& logits,
                                                   absl::Span<const uint8_t> labels) {
  assert(static_cast<int>(labels.size()) == logits.cols());
  int64_t correct = 0;
  for (int j = 0; j < logits.cols(); ++j) {
    if (ArgMax(logits, j) == static_cast<int>(labels[j])) ++correct;
  }
  return correct;
}

template struct SoftmaxCrossEntropyT<float>;
template struct SoftmaxCrossEntropyT<double>;

}  // namespace vev::nn

#include "lib/nn/trainer.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <thread>

#include "absl/strings/str_cat.h"
#include "lib/nn/cross_entropy.h"

namespace vev::nn {
namespace {

absl::Status ValidateData(const MlpShape& shape, const Eigen::Ref<const Matrix>& features,
                          absl::Span<const uint8_t> labels) {
  if (features.rows() != shape.input_size) {
    return absl::InvalidArgumentError(absl::StrCat("features have ", features.rows(),
                                                   " rows, the network expects input_size ",
                                                   shape.input_size));
  }
  if (features.cols() < 1) return absl::InvalidArgumentError("no samples (0 feature columns)");
  if (static_cast<Eigen::Index>(labels.size()) != features.cols()) {
    return absl::InvalidArgumentError(absl::StrCat(labels.size(), " labels for ",
                                                   features.cols(), " feature columns"));
  }
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] >= shape.num_classes) {
      return absl::InvalidArgumentError(absl::StrCat("label ", static_cast<int>(labels[i]),
                                                     " at index ", i, " is not in 0..",
                                                     shape.num_classes - 1));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<TrainResult> Train(const TrainOptions& options,
                                  const Eigen::Ref<const Matrix>& features,
                                  absl::Span<const uint8_t> labels,
                                  const rng::RandomStream& batch_stream, ReluMlp* net) {
  if (options.steps < 0 || options.batch_size < 1 || !(options.adam.learning_rate > 0) ||
      !std::isfinite(options.adam.learning_rate)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "training options out of range: steps ", options.steps, " (>= 0), batch_size ",
        options.batch_size, " (>= 1), learning_rate ", options.adam.learning_rate,
        " (positive, finite)"));
  }
  const MlpShape& shape = net->shape();
  const absl::Status valid = ValidateData(shape, features, labels);
  if (!valid.ok()) return valid;

  const int num_samples = static_cast<int>(features.cols());
  const int capacity = std::min(options.batch_size, num_samples);
  // Everything a step touches is allocated here, once.
  MlpWorkspace workspace(shape, capacity);
  MlpTensors grads(shape);
  Adam adam(shape, options.adam);
  Matrix batch_x(shape.input_size, capacity);
  std::vector<uint8_t> batch_y(capacity);
  std::vector<int> permutation(num_samples);

  TrainResult result;
  result.step_losses.reserve(options.steps);
  int position = num_samples;  // start of the next batch within the current permutation
  for (int step = 0; step < options.steps; ++step) {
    if (position == num_samples) {
      std::iota(permutation.begin(), permutation.end(), 0);
      batch_stream.Child(static_cast<uint64_t>(result.epochs_started))
          .Shuffle(absl::MakeSpan(permutation));
      ++result.epochs_started;
      position = 0;
    }
    const int n = std::min(capacity, num_samples - position);
    for (int j = 0; j < n; ++j) {
      const int sample = permutation[position + j];
      batch_x.col(j) = features.col(sample);
      batch_y[j] = labels[sample];
    }
    position += n;
    grads.SetZero();
    result.step_losses.push_back(workspace.CrossEntropyAndAccumulateGradient(
        *net, batch_x.leftCols(n), absl::MakeConstSpan(batch_y.data(), n), &grads));
    adam.Step(grads, net);
  }
  result.parameters_finite = net->AllFinite();
  return result;
}

absl::StatusOr<Evaluation> Evaluate(const ReluMlp& net, const Eigen::Ref<const Matrix>& features,
                                    absl::Span<const uint8_t> labels,
                                    const EvaluateOptions& options) {
  if (options.chunk_size < 1 || options.num_threads < 1) {
    return absl::InvalidArgumentError(absl::StrCat("evaluation options out of range: chunk_size ",
                                                   options.chunk_size, " (>= 1), num_threads ",
                                                   options.num_threads, " (>= 1)"));
  }
  const absl::Status valid = ValidateData(net.shape(), features, labels);
  if (!valid.ok()) return valid;

  const int64_t num_samples = features.cols();
  const int64_t chunk = std::min<int64_t>(options.chunk_size, num_samples);
  const int64_t num_chunks = (num_samples + chunk - 1) / chunk;
  // One slot per chunk, reduced in chunk order below: independent of the thread count.
  std::vector<int64_t> correct(num_chunks, 0);
  std::vector<double> loss_sums(num_chunks, 0.0);
  const int num_threads = static_cast<int>(std::min<int64_t>(options.num_threads, num_chunks));
  auto worker = [&](int thread) {
    InferenceWorkspace workspace(net.shape(), static_cast<int>(chunk));
    for (int64_t c = thread; c < num_chunks; c += num_threads) {
      const int64_t begin = c * chunk;
      const int64_t size = std::min(chunk, num_samples - begin);
      const auto logits = workspace.Forward(net, features.middleCols(begin, size));
      const absl::Span<const uint8_t> chunk_labels = labels.subspan(begin, size);
      correct[c] = SoftmaxCrossEntropy::CountCorrect(logits, chunk_labels);
      loss_sums[c] = SoftmaxCrossEntropy::SumLoss(logits, chunk_labels);
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < num_threads; ++t) threads.emplace_back(worker, t);
  worker(0);
  for (std::thread& thread : threads) thread.join();

  Evaluation evaluation;
  evaluation.num_samples = num_samples;
  double loss_sum = 0.0;
  for (int64_t c = 0; c < num_chunks; ++c) {
    evaluation.num_correct += correct[c];
    loss_sum += loss_sums[c];
  }
  evaluation.accuracy = static_cast<double>(evaluation.num_correct) / num_samples;
  evaluation.mean_loss = loss_sum / num_samples;
  return evaluation;
}

}  // namespace vev::nn

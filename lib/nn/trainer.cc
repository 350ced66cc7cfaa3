#include "lib/nn/trainer.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <thread>

#include "absl/strings/str_cat.h"
#include "lib/base/check.h"
#include "lib/base/flush_denormals.h"
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

BatchSampler::BatchSampler(int num_samples, int batch_size, const rng::RandomStream& batch_stream)
    : batch_size_(batch_size),
      batch_stream_(batch_stream),
      permutation_(num_samples),
      position_(num_samples) {
  VEV_CHECK(num_samples >= 1 && batch_size >= 1);
}

absl::Span<const int> BatchSampler::Next() {
  const int num_samples = static_cast<int>(permutation_.size());
  if (position_ == num_samples) {
    std::iota(permutation_.begin(), permutation_.end(), 0);
    batch_stream_.Child(static_cast<uint64_t>(epochs_started_))
        .Shuffle(absl::MakeSpan(permutation_));
    ++epochs_started_;
    position_ = 0;
  }
  const int n = std::min(batch_size_, num_samples - position_);
  const absl::Span<const int> batch(permutation_.data() + position_, n);
  position_ += n;
  return batch;
}

AdamTrainer::AdamTrainer(const TrainOptions& options, int num_samples,
                         const rng::RandomStream& batch_stream, ReluMlp* net)
    : net_(net),
      capacity_(std::min(options.batch_size, num_samples)),
      workspace_(net->shape(), capacity_),
      grads_(net->shape()),
      adam_(net->shape(), options.adam),
      batch_x_(net->shape().input_size, capacity_),
      batch_y_(capacity_),
      sampler_(num_samples, options.batch_size, batch_stream) {}

double AdamTrainer::Step(const Eigen::Ref<const Matrix>& features,
                         absl::Span<const uint8_t> labels) {
  const ScopedFlushDenormals flush_denormals;
  const absl::Span<const int> batch = sampler_.Next();
  const int n = static_cast<int>(batch.size());
  for (int j = 0; j < n; ++j) {
    batch_x_.col(j) = features.col(batch[j]);
    batch_y_[j] = labels[batch[j]];
  }
  // Forward, cross-entropy and backward, with Adam applied to each layer as soon as the
  // backward pass has its gradient (still in cache) and no longer needs its weights. Adam is
  // elementwise, so this equals zeroing the gradients, the whole backward pass, then
  // Adam::Step, bit for bit (tests/nn/trainer_test.cc), with one pass over the parameters,
  // gradients and moments instead of four.
  adam_.BeginStep();
  return workspace_.CrossEntropyGradientByLayer(
      *net_, batch_x_.leftCols(n), absl::MakeConstSpan(batch_y_.data(), n), &grads_,
      [this](int layer) { adam_.UpdateLayer(layer, grads_, net_); });
}

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

  AdamTrainer trainer(options, static_cast<int>(features.cols()), batch_stream, net);
  TrainResult result;
  result.step_losses.reserve(options.steps);
  for (int step = 0; step < options.steps; ++step) {
    result.step_losses.push_back(trainer.Step(features, labels));
  }
  result.epochs_started = trainer.epochs_started();
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
    const ScopedFlushDenormals flush_denormals;
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

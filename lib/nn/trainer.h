// The training loop and test-set evaluation of PROTOCOL.md "Training" (Fig. 1 and Fig. 3 of
// the vanishing-empirical-variance paper): Adam on all parameters, mean cross-entropy, batches
// of 90 drawn from a fresh random permutation of the training set every epoch (the last,
// short batch of an epoch is kept), a fixed number of steps; then accuracy over the whole
// test set.
//
// Data come in as features (float32, input_size x n, one preprocessed sample per column,
// column-major; any outer stride) and labels (n entries in 0..num_classes-1); nothing here
// reads files.
//
// Determinism: the batch order is a pure function of the batch stream's key (epoch e is
// shuffled by batch_stream.Child(e)), training runs on one thread, and evaluation splits the
// test set into fixed chunks whatever the thread count, so the trained weights, the loss
// curve and the accuracy are bit-identical for every num_threads.
//
// Keying a run (a convention for the experiments), with run = (configuration, repeat):
//   Initialize(kind, rng::RandomStream(seed, {configuration, repeat, 1}), &net);
//   Train(options, x, y, rng::RandomStream(seed, {configuration, repeat, 2}), &net);
// Layer l's weights then come from key (seed, configuration, repeat, 1, l) and epoch e's
// permutation from (seed, configuration, repeat, 2, e): every run is reproducible alone, in
// any order, on any thread or shard.
#ifndef VEV_LIB_NN_TRAINER_H_
#define VEV_LIB_NN_TRAINER_H_

#include <cstdint>
#include <vector>

#include "Eigen/Core"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/adam.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::nn {

// The batch order of PROTOCOL.md: epoch e is a uniformly random permutation of the sample
// indices (batch_stream.Child(e).Shuffle of 0..n-1), cut into consecutive batches of
// batch_size; the last batch of an epoch is kept even when short; then the next epoch
// starts. (PyTorch's DataLoader with shuffle=True, drop_last=False.)
class BatchSampler {
 public:
  // num_samples >= 1, batch_size >= 1 (VEV_CHECK). Allocates the permutation once.
  BatchSampler(int num_samples, int batch_size, const rng::RandomStream& batch_stream);

  // Sample indices of the next batch (size batch_size, or less at the end of an epoch),
  // valid until the next call.
  absl::Span<const int> Next();

  // Number of permutations drawn so far.
  int epochs_started() const { return epochs_started_; }

 private:
  int batch_size_;
  rng::RandomStream batch_stream_;
  std::vector<int> permutation_;
  int position_;  // start of the next batch within permutation_
  int epochs_started_ = 0;
};

struct TrainOptions {
  // Number of Adam steps (PROTOCOL.md: 500); 0 leaves the network unchanged.
  int steps = 500;
  // Samples per batch (PROTOCOL.md: 90); the last batch of an epoch may be shorter.
  int batch_size = 90;
  // Adam hyper-parameters (learning rate 1e-4 by default).
  AdamOptions adam;
};

// One training run's state, allocated once: the batch sampler, the training workspace,
// gradients, Adam's moments and the gathered batch. Train() runs Step() `steps` times; the
// benchmarks time Step() alone. Not thread-safe; *net must outlive the trainer.
class AdamTrainer {
 public:
  // For training *net on a set of `num_samples` (>= 1) samples; options.batch_size >= 1.
  AdamTrainer(const TrainOptions& options, int num_samples,
              const rng::RandomStream& batch_stream, ReluMlp* net);

  // One step: gathers the next batch (BatchSampler), zeroes the gradients, runs forward,
  // cross-entropy and backward, and applies Adam to *net. Returns the batch's mean loss
  // before the update. features / labels: the same set, of num_samples samples, at every
  // call (validated by Train, only asserted here). Subnormal floats are flushed to zero
  // during the step (lib/base/flush_denormals.h).
  double Step(const Eigen::Ref<const Matrix>& features, absl::Span<const uint8_t> labels);

  int epochs_started() const { return sampler_.epochs_started(); }

 private:
  ReluMlp* net_;
  int capacity_;
  MlpWorkspace workspace_;
  MlpTensors grads_;
  Adam adam_;
  Matrix batch_x_;                // input_size x capacity
  std::vector<uint8_t> batch_y_;  // capacity
  BatchSampler sampler_;
};

struct TrainResult {
  // Mean cross-entropy of each step's batch, before that step's update (size steps).
  std::vector<double> step_losses;
  // Number of epochs begun (a permutation drawn for each).
  int epochs_started = 0;
  // False when some parameter is NaN or infinite at the end (a diverged run; training keeps
  // going after a NaN, as the reference code does).
  bool parameters_finite = true;
};

// Trains *net in place with Adam per PROTOCOL.md. Errors: InvalidArgument when the options
// are out of range (steps >= 0, batch_size >= 1, positive finite learning rate), when
// features.rows() != net->shape().input_size, when there are no samples, when labels.size()
// != features.cols(), or when a label is >= num_classes (the message names the index).
absl::StatusOr<TrainResult> Train(const TrainOptions& options,
                                  const Eigen::Ref<const Matrix>& features,
                                  absl::Span<const uint8_t> labels,
                                  const rng::RandomStream& batch_stream, ReluMlp* net);

struct EvaluateOptions {
  // Samples per forward pass. The test set is cut into chunks of this size whatever
  // num_threads is, so results do not depend on the thread count.
  int chunk_size = 1000;
  // Threads sharing the chunks (each with its own workspace).
  int num_threads = 1;
};

struct Evaluation {
  int64_t num_samples = 0;
  // Samples whose arg-max logit equals the label (ties: smallest index; NaN: see ArgMax).
  int64_t num_correct = 0;
  // num_correct / num_samples.
  double accuracy = 0.0;
  // Mean cross-entropy over the samples (chunk sums added in chunk order).
  double mean_loss = 0.0;
};

// Accuracy and mean loss of `net` over a labeled set, with subnormal floats flushed to zero
// as in training. Errors: InvalidArgument as for Train (shapes, labels, chunk_size >= 1,
// num_threads >= 1).
absl::StatusOr<Evaluation> Evaluate(const ReluMlp& net, const Eigen::Ref<const Matrix>& features,
                                    absl::Span<const uint8_t> labels,
                                    const EvaluateOptions& options);

}  // namespace vev::nn

#endif  // VEV_LIB_NN_TRAINER_H_

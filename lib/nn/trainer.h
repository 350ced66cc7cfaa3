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

struct TrainOptions {
  // Number of Adam steps (PROTOCOL.md: 500); 0 leaves the network unchanged.
  int steps = 500;
  // Samples per batch (PROTOCOL.md: 90); the last batch of an epoch may be shorter.
  int batch_size = 90;
  // Adam hyper-parameters (learning rate 1e-4 by default).
  AdamOptions adam;
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

// Accuracy and mean loss of `net` over a labeled set. Errors: InvalidArgument as for Train
// (shapes, labels, chunk_size >= 1, num_threads >= 1).
absl::StatusOr<Evaluation> Evaluate(const ReluMlp& net, const Eigen::Ref<const Matrix>& features,
                                    absl::Span<const uint8_t> labels,
                                    const EvaluateOptions& options);

}  // namespace vev::nn

#endif  // VEV_LIB_NN_TRAINER_H_

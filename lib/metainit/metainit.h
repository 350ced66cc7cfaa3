// MetaInit (Dauphin & Schoenholz, NeurIPS 2019) as fixed in PROTOCOL.md "metainit": starting
// from he_normal, 500 steps that change only the norms of the weight matrices so as to
// decrease the gradient quotient GQ (lib/metainit/gradient_quotient.h) on random batches.
//
// Step t of attempt a: a batch x ~ N(0, 1) (input_size x batch) and labels uniform in
// 0..num_classes-1, both drawn from stream.Child(a).Child(1 + t); then for every weight
// matrix W, with D = dGQ/dW:
//   sign = sign(sum(W * D) / ||W||_F),  memory = momentum * memory - lr * sign,
//   W *= (||W||_F + memory) / ||W||_F.
// Attempt a initializes he_normal from stream.Child(a).Child(0). An attempt that
// degenerates (non-finite GQ or weights, or a norm that reaches 0) is restarted from a new
// draw, at most `max_attempts` in all. Everything is a pure function of the stream's key.
#ifndef VEV_LIB_METAINIT_METAINIT_H_
#define VEV_LIB_METAINIT_METAINIT_H_

#include <vector>

#include "absl/status/statusor.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::metainit {

struct MetaInitOptions {
  // Number of norm-update steps (500 in MetaInit).
  int steps = 500;
  // Samples per random batch (32).
  int batch = 32;
  // Step size of the sign-momentum norm update (0.1).
  double learning_rate = 0.1;
  // Momentum of the norm update (0.9).
  double momentum = 0.9;
  // eps of the gradient quotient's denominator (1e-5).
  double eps = 1e-5;
  // Attempts before giving up on a degenerating run (5).
  int max_attempts = 5;
  // Keep GQ of every step in MetaInitReport::gq_trace.
  bool record_trace = false;
};

struct MetaInitReport {
  // GQ at the first step of the successful attempt, before any update.
  double initial_gq = 0.0;
  // GQ at the last step (evaluated before that step's update), as MetaInit prints it.
  double final_gq = 0.0;
  // Number of attempts used (1 if the first one did not degenerate).
  int attempts = 0;
  // GQ per step of the successful attempt, if options.record_trace.
  std::vector<double> gq_trace;
};

// Runs MetaInit on *net (its shape is kept; its parameters are overwritten).
// Errors: InvalidArgument for bad options; Aborted if every attempt degenerated (the
// message gives the step and the GQ of each attempt); errors of the he_normal initializer.
absl::StatusOr<MetaInitReport> RunMetaInit(const MetaInitOptions& options,
                                           const rng::RandomStream& stream, nn::ReluMlp* net);

}  // namespace vev::metainit

#endif  // VEV_LIB_METAINIT_METAINIT_H_

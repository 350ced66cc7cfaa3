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
//
// Linking this library (alwayslink) also makes metainit available to
// lib/metainit/any_initializer.h.
#ifndef VEV_LIB_METAINIT_METAINIT_H_
#define VEV_LIB_METAINIT_METAINIT_H_

#include "absl/status/statusor.h"
#include "lib/metainit/metainit_options.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::metainit {

// Runs MetaInit on *net (its shape is kept; its parameters are overwritten).
// Errors: InvalidArgument for bad options; Aborted if every attempt degenerated (the
// message gives the step and the GQ of each attempt); errors of the he_normal initializer.
absl::StatusOr<MetaInitReport> RunMetaInit(const MetaInitOptions& options,
                                           const rng::RandomStream& stream, nn::ReluMlp* net);

}  // namespace vev::metainit

#endif  // VEV_LIB_METAINIT_METAINIT_H_

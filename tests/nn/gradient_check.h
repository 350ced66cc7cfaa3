// Central-difference gradient checker for the network engine's tests (STYLE.md Sec. 3).
//
// For every entry theta of every weight and bias tensor: h = cbrt(eps) * max(1, |theta|),
// g_fd = (L(theta + h) - L(theta - h)) / ((theta + h) - (theta - h)), and the relative error
// |g - g_fd| / max(|g|, |g_fd|, 1e-8). The check passes when the largest relative error is
// below `tolerance` (1e-6 by default).
#ifndef VEV_TESTS_NN_GRADIENT_CHECK_H_
#define VEV_TESTS_NN_GRADIENT_CHECK_H_

#include <cstdint>
#include <string>

#include "absl/functional/function_ref.h"
#include "lib/nn/relu_mlp.h"

namespace vev::nn::testing {

struct GradientCheckReport {
  // Largest relative error over all entries, and where it occurred ("weight 2 (1, 0)").
  double max_relative_error = 0.0;
  std::string worst_entry;
  // The analytic and finite-difference values at the worst entry.
  double worst_analytic = 0.0;
  double worst_numeric = 0.0;
  int64_t entries_checked = 0;
  // Entries whose analytic gradient is nonzero (a check of all-zero gradients is vacuous).
  int64_t nonzero_entries = 0;

  bool Passed(double tolerance = 1e-6) const { return max_relative_error < tolerance; }
};

// Compares `analytic` (dL/dparameters at `net`) with central differences of `loss`.
GradientCheckReport CheckGradients(const ReluMlpT<double>& net,
                                   const MlpTensorsT<double>& analytic,
                                   absl::FunctionRef<double(const ReluMlpT<double>&)> loss);

// The step of the central differences for an entry theta: cbrt(eps) * max(1, |theta|).
double FiniteDifferenceStep(double theta);

}  // namespace vev::nn::testing

#endif  // VEV_TESTS_NN_GRADIENT_CHECK_H_

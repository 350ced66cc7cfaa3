// An estimate with its standard error, and the batch-means standard error (STYLE.md,
// section 3): the statistic is computed on B >= 2 independent batches and
//   SE = sd(batch values, ddof = 1) / sqrt(B).
// Shared by every Monte-Carlo estimator of the project (both papers).
#ifndef VEV_LIB_STATS_ESTIMATE_H_
#define VEV_LIB_STATS_ESTIMATE_H_

#include "absl/types/span.h"

namespace vev::stats {

// `value` estimates some theta; `std_error` is the (estimated) standard deviation of
// `value` over repetitions of the experiment. std_error = 0 for exact values.
struct Estimate {
  double value = 0.0;
  double std_error = 0.0;

  // (value - theta) / std_error: the number of standard errors between the estimate and
  // `theta`; +-infinity (or NaN for value == theta) when std_error is 0.
  double ZScore(double theta) const { return (value - theta) / std_error; }
};

// Batch means: value = mean of `batch_values`, std_error = their sample standard deviation
// (ddof = 1) / sqrt(B). The batches must be independent and identically distributed; use
// B >= 20 so that the SE itself is accurate to about 16% (STYLE.md). Requires B >= 2.
Estimate BatchMeans(absl::Span<const double> batch_values);

// The inverse-variance weighted mean of independent estimates of one theta (fixed-effect
// pooling): with w_i = 1 / se_i^2,
//   value = sum_i w_i x_i / sum_i w_i,  std_error = 1 / sqrt(sum_i w_i),
// summed in the order given. Requires at least one estimate, every std_error > 0.
Estimate InverseVarianceMean(absl::Span<const Estimate> estimates);

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_ESTIMATE_H_

#include "lib/stats/estimate.h"

#include <cmath>

#include "lib/base/check.h"

namespace vev::stats {

Estimate BatchMeans(absl::Span<const double> batch_values) {
  const size_t b = batch_values.size();
  VEV_CHECK(b >= 2);
  // Two passes: batch counts are small and the two-pass variance is the most accurate.
  double sum = 0.0;
  for (const double v : batch_values) sum += v;
  const double mean = sum / static_cast<double>(b);
  double sum_sq = 0.0;
  for (const double v : batch_values) sum_sq += (v - mean) * (v - mean);
  const double variance = sum_sq / static_cast<double>(b - 1);
  return {mean, std::sqrt(variance / static_cast<double>(b))};
}

Estimate InverseVarianceMean(absl::Span<const Estimate> estimates) {
  VEV_CHECK(!estimates.empty());
  double weight_sum = 0.0, weighted_sum = 0.0;
  for (const Estimate& e : estimates) {
    VEV_CHECK(e.std_error > 0.0);
    const double w = 1.0 / (e.std_error * e.std_error);
    weight_sum += w;
    weighted_sum += w * e.value;
  }
  return {weighted_sum / weight_sum, 1.0 / std::sqrt(weight_sum)};
}

}  // namespace vev::stats

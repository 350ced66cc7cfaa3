#include "lib/stats/quantiles.h"

#include <algorithm>
#include <cmath>

#include "lib/base/check.h"

namespace vev::stats {

double MQuantileSorted(absl::Span<const double> sorted, double prob,
                       PlottingPositions positions) {
  const size_t n = sorted.size();
  VEV_CHECK(n >= 1);
  VEV_CHECK(prob >= 0.0 && prob <= 1.0);
  if (n == 1) return sorted[0];
  const double m = positions.alphap + prob * (1.0 - positions.alphap - positions.betap);
  const double aleph = static_cast<double>(n) * prob + m;
  const double k = std::floor(std::clamp(aleph, 1.0, static_cast<double>(n - 1)));
  const double gamma = std::clamp(aleph - k, 0.0, 1.0);
  const size_t k_index = static_cast<size_t>(k);  // 1-based k -> x_k is sorted[k - 1]
  return (1.0 - gamma) * sorted[k_index - 1] + gamma * sorted[k_index];
}

std::vector<double> MQuantiles(absl::Span<const double> data, absl::Span<const double> probs,
                               PlottingPositions positions) {
  VEV_CHECK(!data.empty());
  std::vector<double> sorted(data.begin(), data.end());
  for (const double v : sorted) VEV_CHECK(!std::isnan(v));
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> out;
  out.reserve(probs.size());
  for (const double p : probs) out.push_back(MQuantileSorted(sorted, p, positions));
  return out;
}

}  // namespace vev::stats

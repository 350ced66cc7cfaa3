#include "lib/stats/empirical_cdf.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "lib/base/check.h"

namespace vev::stats {

double EmpiricalCdfSorted(absl::Span<const double> sorted, double t) {
  VEV_CHECK(!sorted.empty());
  const auto at_most_t = std::upper_bound(sorted.begin(), sorted.end(), t) - sorted.begin();
  return static_cast<double>(at_most_t) / static_cast<double>(sorted.size());
}

std::vector<double> EmpiricalCdf(absl::Span<const double> sample,
                                 absl::Span<const double> points) {
  std::vector<double> sorted(sample.begin(), sample.end());
  for (const double x : sorted) VEV_CHECK(!std::isnan(x));
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> out(points.size());
  for (size_t j = 0; j < points.size(); ++j) out[j] = EmpiricalCdfSorted(sorted, points[j]);
  return out;
}

}  // namespace vev::stats

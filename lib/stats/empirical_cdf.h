// The empirical distribution function of a sample x_1..x_n, right-continuous:
//   F_n(t) = #{i : x_i <= t} / n,
// evaluated at given points (e.g. a log grid, to set against a reference CDF). Ties and
// points equal to a sample value count that value (F_n jumps at x_(i), including it).
#ifndef VEV_LIB_STATS_EMPIRICAL_CDF_H_
#define VEV_LIB_STATS_EMPIRICAL_CDF_H_

#include <vector>

#include "absl/types/span.h"

namespace vev::stats {

// F_n(t) for a sample sorted ascending (not checked) and non-empty (checked); t not NaN.
double EmpiricalCdfSorted(absl::Span<const double> sorted, double t);

// F_n(points[j]) for every j, from `sample` in any order (copied and sorted; non-empty,
// no NaN; checked). The points may be in any order.
std::vector<double> EmpiricalCdf(absl::Span<const double> sample, absl::Span<const double> points);

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_EMPIRICAL_CDF_H_

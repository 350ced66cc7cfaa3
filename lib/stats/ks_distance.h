// Kolmogorov-Smirnov distances (activation paper, Fig. 1 goodness of fit):
//   one sample:  D = sup_x |F_n(x) - F(x)| for a continuous reference CDF F,
//   two samples: D = sup_x |F_n(x) - G_m(x)|,
// with F_n the right-continuous empirical CDF. The distances are exact (no binning), from
// the order statistics: D = max_i max(i/n - F(x_(i)), F(x_(i)) - (i-1)/n), ties included.
#ifndef VEV_LIB_STATS_KS_DISTANCE_H_
#define VEV_LIB_STATS_KS_DISTANCE_H_

#include "absl/functional/function_ref.h"
#include "absl/types/span.h"

namespace vev::stats {

// One-sample distance of `sample` (any order; copied and sorted; non-empty, no NaN,
// checked) to the continuous CDF `cdf`.
double KsDistance(absl::Span<const double> sample, absl::FunctionRef<double(double)> cdf);
// As KsDistance for a sample sorted ascending (not checked), without copying.
double KsDistanceSorted(absl::Span<const double> sorted, absl::FunctionRef<double(double)> cdf);

// Two-sample distance (both non-empty, no NaN; copied and sorted).
double KsDistanceTwoSample(absl::Span<const double> a, absl::Span<const double> b);

// The Kolmogorov distribution's survival function
//   Q(t) = P(K > t) = 2 sum_{k >= 1} (-1)^(k-1) exp(-2 k^2 t^2),
// the large-n limit of P(sqrt(n) D > t) for n i.i.d. draws from F (and of
// P(sqrt(n m / (n + m)) D > t) for two independent i.i.d. samples). 1 for t <= 0.
double KolmogorovSurvival(double t);

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_KS_DISTANCE_H_

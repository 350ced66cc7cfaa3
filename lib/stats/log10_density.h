// Distributions on a log10 scale, for quantities spread over many decades (the empirical
// variance S_n^2 of deep networks, vanishing-variance paper Sec. 5):
// - a grid x_i = 10^(u_min + i / p), i = 0..decades * p (p points per decade);
// - the histogram of U = log10(X) (lib/stats/histogram.h binning), where X <= 0 (and NaN)
//   has U = -infinity and counts as underflow, so densities stay fractions of all values;
// - the density of U from the density f of X, by the change of variables x = 10^u:
//     g(u) = f(10^u) * 10^u * ln 10,   computed as exp(log f(10^u) + u ln 10 + ln ln 10)
//   (in logs, so that f underflowing at tiny x does not lose the product).
#ifndef VEV_LIB_STATS_LOG10_DENSITY_H_
#define VEV_LIB_STATS_LOG10_DENSITY_H_

#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/types/span.h"
#include "lib/stats/histogram.h"

namespace vev::stats {

// 10^(log10_min + i / points_per_decade) for i = 0..decades * points_per_decade
// (decades >= 1, points_per_decade >= 1; checked).
std::vector<double> Log10Grid(double log10_min, int decades, int points_per_decade);

// The histogram of log10(v) over `values`, `bins` equal bins over [log10_min, log10_max];
// v <= 0 and NaN count as underflow.
Histogram Log10Histogram(absl::Span<const double> values, double log10_min, double log10_max,
                         int bins);

// g(u) = f(10^u) 10^u ln 10, the density of U = log10(X) at u, from the log density
// log f of X (log_pdf(x) = -infinity where f(x) = 0 gives 0).
double Log10Density(absl::FunctionRef<double(double)> log_pdf, double u);

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_LOG10_DENSITY_H_

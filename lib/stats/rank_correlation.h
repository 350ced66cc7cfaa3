// Spearman's rank correlation: the Pearson correlation of the ranks, with tied values given
// their average rank (scipy.stats.spearmanr's convention). Used by the claims on Fig. 1
// (accuracy falls as the theoretical output kurtosis grows).
#ifndef VEV_LIB_STATS_RANK_CORRELATION_H_
#define VEV_LIB_STATS_RANK_CORRELATION_H_

#include <vector>

#include "absl/types/span.h"

namespace vev::stats {

// Ranks 1..n of `values`, ties averaged (e.g. {10, 20, 20, 5} -> {2, 3.5, 3.5, 1}).
// Values must not be NaN (VEV_CHECK).
std::vector<double> AverageRanks(absl::Span<const double> values);

// Spearman's rho of the pairs (x_i, y_i); x.size() == y.size() >= 2. NaN when either side
// is constant.
double SpearmanCorrelation(absl::Span<const double> x, absl::Span<const double> y);

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_RANK_CORRELATION_H_

// Sample quantiles with the definition of scipy.stats.mstats.mquantiles (Hyndman & Fan
// 1996 plotting positions; the project's default is alphap = betap = 0.4, scipy's default,
// PROTOCOL.md Fig. 2). For sorted data x_1 <= ... <= x_n (1-based) and probability p:
//   m     = alphap + p (1 - alphap - betap)
//   aleph = n p + m
//   k     = floor(clip(aleph, 1, n - 1)),   gamma = clip(aleph - k, 0, 1)
//   Q(p)  = (1 - gamma) x_k + gamma x_{k+1}
// and Q(p) = x_1 for n = 1. Values are doubles; quantiles of float data are computed on the
// exact double conversions.
#ifndef VEV_LIB_STATS_QUANTILES_H_
#define VEV_LIB_STATS_QUANTILES_H_

#include <vector>

#include "absl/types/span.h"

namespace vev::stats {

struct PlottingPositions {
  // Plotting-position parameters of mquantiles; (0.4, 0.4) is approximately
  // quantile-unbiased (Cunnane). (1, 1) gives numpy's default linear interpolation.
  double alphap = 0.4;
  double betap = 0.4;
};

// Quantiles of `data` (any order, copied and sorted; no NaN, checked) at each probability
// in `probs` (each in [0, 1], checked). Requires non-empty data.
std::vector<double> MQuantiles(absl::Span<const double> data, absl::Span<const double> probs,
                               PlottingPositions positions = {});

// As MQuantiles for data already sorted ascending (not checked), without copying.
double MQuantileSorted(absl::Span<const double> sorted, double prob,
                       PlottingPositions positions = {});

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_QUANTILES_H_

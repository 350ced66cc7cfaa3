// Per-layer summaries of Fig. 2's empirical variances over networks (PROTOCOL.md "Fig. 2":
// the 0.9, 0.99 and 0.999 quantiles over networks per layer, scipy's mquantiles with
// alphap = betap = 0.4), with distribution-free confidence bounds for the quantiles, so
// the paper's claims can be checked with tolerances that fit the number of networks.
#ifndef VEV_LIB_VARIANCE_VARIANCE_QUANTILES_H_
#define VEV_LIB_VARIANCE_VARIANCE_QUANTILES_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "lib/base/eigen_types.h"

namespace vev::variance {

// Order-statistic confidence bounds for the p-quantile of a continuous distribution from
// n i.i.d. values (e.g. Conover, Practical Nonparametric Statistics, Sec. 3.2): with
// x_(1) <= ... <= x_(n), B ~ Binomial(n, p),
//   lower = the largest r with P(B <= r - 1) <= alpha / 2   (P(x_(r) > q_p) <= alpha / 2),
//   upper = the smallest s with P(B >= s) <= alpha / 2      (P(x_(s) < q_p) <= alpha / 2),
// so [x_(lower), x_(upper)] covers q_p with probability >= 1 - alpha. lower = 0 means
// "no finite lower bound" (-infinity), upper = n + 1 "no finite upper bound". 1-based.
struct OrderStatisticBounds {
  int64_t lower = 0;
  int64_t upper = 0;
};
OrderStatisticBounds QuantileConfidenceOrderStatistics(int64_t n, double p, double alpha);

// P(B <= k) for B ~ Binomial(n, p), summed in log space (exact to ~1e-12 relative for n up
// to 10^7). 0 for k < 0, 1 for k >= n.
double BinomialCdf(int64_t k, int64_t n, double p);

// `values` (one layer's variances over networks) sorted ascending, with NaN replaced by
// +inf (the rule above).
std::vector<double> SortedVariances(absl::Span<const double> values);

// The p-quantile (mquantiles, alphap = betap = 0.4; lib/stats/quantiles.h) of sorted
// variances that may contain +inf: Q = (1 - gamma) x_k + gamma x_{k+1}, where a term of
// weight 0 is left out (so 0 * inf never makes a NaN) and a term x = +inf of weight > 0
// makes Q = +inf. Equal to stats::MQuantileSorted on finite data, bit for bit.
double VarianceQuantileSorted(absl::Span<const double> sorted, double p);

struct LayerSummary {
  // Per layer (index = layer): number of finite values and of non-finite ones (NaN or
  // +inf, counted as +inf in every statistic below, over all networks).
  std::vector<double> finite, non_finite;
  // quantile[i][l]: the probs[i]-quantile over networks at layer l (VarianceQuantileSorted).
  std::vector<std::vector<double>> quantile;
  // lower_bound[i][l], upper_bound[i][l]: confidence bounds of that quantile at level
  // 1 - alpha (order statistics above; -inf / +inf when the sample is too small).
  std::vector<std::vector<double>> lower_bound, upper_bound;
  // Fraction of all networks whose variance is below `threshold`, per layer.
  std::vector<double> fraction_below;
};

// Summarizes V (networks x layers, at least one network) column by column, with the
// non-finite rule above. probs in [0, 1]; alpha in (0, 1).
LayerSummary SummarizeLayers(const MatrixD& variances, absl::Span<const double> probs,
                             double alpha, double threshold);

}  // namespace vev::variance

#endif  // VEV_LIB_VARIANCE_VARIANCE_QUANTILES_H_

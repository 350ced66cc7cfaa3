#include "lib/variance/variance_quantiles.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "lib/base/check.h"
#include "lib/stats/quantiles.h"

namespace vev::variance {

namespace {

// pmf of Binomial(n, p) at j = 0..n, from log-gamma.
std::vector<double> BinomialPmf(int64_t n, double p) {
  std::vector<double> pmf(n + 1);
  if (p == 0.0 || p == 1.0) {
    pmf.assign(n + 1, 0.0);
    pmf[p == 0.0 ? 0 : n] = 1.0;
    return pmf;
  }
  const double log_p = std::log(p), log_q = std::log1p(-p), log_n = std::lgamma(n + 1.0);
  for (int64_t j = 0; j <= n; ++j) {
    pmf[j] = std::exp(log_n - std::lgamma(j + 1.0) - std::lgamma(n - j + 1.0) + j * log_p +
                      (n - j) * log_q);
  }
  return pmf;
}

}  // namespace

double BinomialCdf(int64_t k, int64_t n, double p) {
  VEV_CHECK(n >= 0 && p >= 0.0 && p <= 1.0);
  if (k < 0) return 0.0;
  if (k >= n) return 1.0;
  const std::vector<double> pmf = BinomialPmf(n, p);
  double sum = 0.0;
  for (int64_t j = 0; j <= k; ++j) sum += pmf[j];
  return std::min(1.0, sum);
}

OrderStatisticBounds QuantileConfidenceOrderStatistics(int64_t n, double p, double alpha) {
  VEV_CHECK(n >= 1 && p >= 0.0 && p <= 1.0 && alpha > 0.0 && alpha < 1.0);
  const std::vector<double> pmf = BinomialPmf(n, p);
  OrderStatisticBounds b;
  // lower: the largest r with P(B <= r - 1) <= alpha / 2 (left tail summed from the left).
  double left = 0.0;
  b.lower = 0;
  for (int64_t r = 1; r <= n; ++r) {
    left += pmf[r - 1];  // P(B <= r - 1)
    if (left > alpha / 2) break;
    b.lower = r;
  }
  // upper: the smallest s with P(B >= s) <= alpha / 2 (right tail summed from the right).
  double right = 0.0;
  b.upper = n + 1;
  for (int64_t s = n; s >= 1; --s) {
    right += pmf[s];  // P(B >= s)
    if (right > alpha / 2) break;
    b.upper = s;
  }
  return b;
}

std::vector<double> SortedVariances(absl::Span<const double> values) {
  std::vector<double> sorted(values.begin(), values.end());
  for (double& v : sorted) {
    if (std::isnan(v)) v = std::numeric_limits<double>::infinity();
  }
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

double VarianceQuantileSorted(absl::Span<const double> sorted, double p) {
  const size_t n = sorted.size();
  VEV_CHECK(n >= 1 && p >= 0.0 && p <= 1.0);
  if (n == 1) return sorted[0];
  // The positions of stats::MQuantileSorted with alphap = betap = 0.4.
  const stats::PlottingPositions pos;
  const double m = pos.alphap + p * (1.0 - pos.alphap - pos.betap);
  const double aleph = static_cast<double>(n) * p + m;
  const double k = std::floor(std::clamp(aleph, 1.0, static_cast<double>(n - 1)));
  const double gamma = std::clamp(aleph - k, 0.0, 1.0);
  const size_t k_index = static_cast<size_t>(k);
  const double lo = sorted[k_index - 1], hi = sorted[k_index];
  if (gamma == 0.0) return lo;
  if (gamma == 1.0) return hi;
  if (std::isinf(lo) || std::isinf(hi)) return std::numeric_limits<double>::infinity();
  return stats::MQuantileSorted(sorted, p);
}

LayerSummary SummarizeLayers(const MatrixD& variances, absl::Span<const double> probs,
                             double alpha, double threshold) {
  VEV_CHECK(variances.rows() >= 1);
  const int layers = static_cast<int>(variances.cols());
  LayerSummary out;
  out.quantile.assign(probs.size(), std::vector<double>(layers));
  out.lower_bound = out.quantile;
  out.upper_bound = out.quantile;
  const double inf = std::numeric_limits<double>::infinity();
  const int64_t n = variances.rows();
  for (int l = 0; l < layers; ++l) {
    const std::vector<double> values =
        SortedVariances({variances.col(l).data(), static_cast<size_t>(n)});
    const int64_t finite = std::count_if(values.begin(), values.end(),
                                         [](double v) { return std::isfinite(v); });
    out.finite.push_back(static_cast<double>(finite));
    out.non_finite.push_back(static_cast<double>(n - finite));
    const int64_t below =
        std::lower_bound(values.begin(), values.end(), threshold) - values.begin();
    out.fraction_below.push_back(static_cast<double>(below) / n);
    for (size_t i = 0; i < probs.size(); ++i) {
      out.quantile[i][l] = VarianceQuantileSorted(values, probs[i]);
      const OrderStatisticBounds b = QuantileConfidenceOrderStatistics(n, probs[i], alpha);
      out.lower_bound[i][l] = b.lower == 0 ? -inf : values[b.lower - 1];
      out.upper_bound[i][l] = b.upper == n + 1 ? inf : values[b.upper - 1];
    }
  }
  return out;
}

}  // namespace vev::variance

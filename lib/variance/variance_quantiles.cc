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

LayerSummary SummarizeLayers(const MatrixD& variances, absl::Span<const double> probs,
                             double alpha, double threshold) {
  const int layers = static_cast<int>(variances.cols());
  LayerSummary out;
  out.quantile.assign(probs.size(), std::vector<double>(layers));
  out.lower_bound = out.quantile;
  out.upper_bound = out.quantile;
  const double inf = std::numeric_limits<double>::infinity();
  for (int l = 0; l < layers; ++l) {
    std::vector<double> values;
    for (Eigen::Index i = 0; i < variances.rows(); ++i) {
      if (std::isfinite(variances(i, l))) values.push_back(variances(i, l));
    }
    std::sort(values.begin(), values.end());
    const int64_t n = static_cast<int64_t>(values.size());
    out.finite.push_back(static_cast<double>(n));
    out.non_finite.push_back(static_cast<double>(variances.rows() - n));
    const int64_t below =
        std::lower_bound(values.begin(), values.end(), threshold) - values.begin();
    out.fraction_below.push_back(n == 0 ? std::numeric_limits<double>::quiet_NaN()
                                        : static_cast<double>(below) / n);
    for (size_t i = 0; i < probs.size(); ++i) {
      if (n == 0) {
        out.quantile[i][l] = out.lower_bound[i][l] = out.upper_bound[i][l] =
            std::numeric_limits<double>::quiet_NaN();
        continue;
      }
      out.quantile[i][l] = stats::MQuantileSorted(values, probs[i]);
      const OrderStatisticBounds b = QuantileConfidenceOrderStatistics(n, probs[i], alpha);
      out.lower_bound[i][l] = b.lower == 0 ? -inf : values[b.lower - 1];
      out.upper_bound[i][l] = b.upper == n + 1 ? inf : values[b.upper - 1];
    }
  }
  return out;
}

}  // namespace vev::variance

#include "lib/stats/exchangeable_moments.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "lib/base/check.h"

namespace vev::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

template <typename T>
void AddReplicate(absl::Span<const T> y, ExchangeableMomentSums* sums) {
  VEV_CHECK(!y.empty());
  const int d = static_cast<int>(y.size());
  VEV_CHECK(sums->vectors == 0 || sums->dimension == d);
  sums->dimension = d;
  double s2 = 0.0, s4 = 0.0;
  for (const T value : y) {
    const double v2 = static_cast<double>(value) * static_cast<double>(value);
    s2 += v2;
    s4 += v2 * v2;
  }
  ++sums->vectors;
  sums->sum_squares += s2;
  sums->sum_fourth += s4;
  // S_22 = S_2^2 - S_4 >= 0 exactly; rounding can make it a hair negative only when one
  // coordinate dominates, where the true value is ~0 anyway.
  if (d >= 2) sums->sum_cross += s2 * s2 - s4;
}

// Batch-means SE of the linearized statistic L_b.
Estimate LinearizedEstimate(double value, const std::vector<double>& influence) {
  Estimate e = BatchMeans(influence);
  e.value = value;
  return e;
}

// m_3 / m_2^(3/2) with 1/B moments about the mean; 0 for no spread.
double Skewness(const std::vector<double>& values) {
  double mean = 0.0;
  for (const double v : values) mean += v;
  mean /= static_cast<double>(values.size());
  double m2 = 0.0, m3 = 0.0;
  for (const double v : values) {
    m2 += (v - mean) * (v - mean);
    m3 += (v - mean) * (v - mean) * (v - mean);
  }
  m2 /= static_cast<double>(values.size());
  m3 /= static_cast<double>(values.size());
  return m2 > 0.0 ? m3 / std::pow(m2, 1.5) : 0.0;
}

}  // namespace

void ExchangeableMomentSums::Add(absl::Span<const double> y) { AddReplicate(y, this); }
void ExchangeableMomentSums::Add(absl::Span<const float> y) { AddReplicate(y, this); }

void ExchangeableMomentSums::Merge(const ExchangeableMomentSums& other) {
  if (other.vectors == 0) return;
  VEV_CHECK(vectors == 0 || dimension == other.dimension);
  dimension = other.dimension;
  vectors += other.vectors;
  sum_squares += other.sum_squares;
  sum_fourth += other.sum_fourth;
  sum_cross += other.sum_cross;
}

double ExchangeableMomentSums::SecondMoment() const {
  if (vectors == 0) return kNaN;
  return sum_squares / (static_cast<double>(vectors) * dimension);
}

double ExchangeableMomentSums::FourthMoment() const {
  if (vectors == 0) return kNaN;
  return sum_fourth / (static_cast<double>(vectors) * dimension);
}

double ExchangeableMomentSums::MixedFourthMoment() const {
  if (vectors == 0 || dimension < 2) return kNaN;
  return sum_cross / (static_cast<double>(vectors) * dimension * (dimension - 1.0));
}

ExchangeableMomentEstimates EstimateExchangeableMoments(
    absl::Span<const ExchangeableMomentSums> batches) {
  VEV_CHECK(batches.size() >= 2);
  ExchangeableMomentSums pooled;
  for (const ExchangeableMomentSums& b : batches) {
    VEV_CHECK(b.vectors > 0);
    pooled.Merge(b);
  }
  const double m2 = pooled.SecondMoment();
  const double m4 = pooled.FourthMoment();
  const double m22 = pooled.MixedFourthMoment();
  const bool has_pairs = pooled.dimension >= 2;
  const size_t count = batches.size();
  std::vector<double> l_m2(count), l_kappa(count), l_cov(count), l_ncov(count);
  double max_share = 0.0;
  for (size_t b = 0; b < count; ++b) {
    const double d2 = batches[b].SecondMoment() - m2;
    l_m2[b] = d2;
    l_kappa[b] = (batches[b].FourthMoment() - m4) / (m2 * m2) - 2.0 * m4 * d2 / (m2 * m2 * m2);
    if (has_pairs) {
      const double d22 = batches[b].MixedFourthMoment() - m22;
      l_cov[b] = d22 - 2.0 * m2 * d2;
      l_ncov[b] = d22 / (m2 * m2) - 2.0 * m22 * d2 / (m2 * m2 * m2);
    }
    max_share = std::max(max_share, batches[b].sum_fourth / pooled.sum_fourth);
  }
  ExchangeableMomentEstimates out;
  out.second_moment = LinearizedEstimate(m2, l_m2);
  out.kurtosis = LinearizedEstimate(m4 / (m2 * m2), l_kappa);
  if (has_pairs) {
    out.cov_squares = LinearizedEstimate(m22 - m2 * m2, l_cov);
    out.normalized_cov_squares = LinearizedEstimate(m22 / (m2 * m2) - 1.0, l_ncov);
  } else {
    out.cov_squares = {kNaN, kNaN};
    out.normalized_cov_squares = {kNaN, kNaN};
  }
  out.vectors = pooled.vectors;
  out.batches = static_cast<int>(count);
  out.max_batch_fourth_share = max_share;
  out.kurtosis_batch_skewness = Skewness(l_kappa);
  return out;
}

}  // namespace vev::stats

// Raw fourth-order moments of a random vector y in R^d with exchangeable, zero-mean
// coordinates (the outputs of one layer of a He-initialized network, or z = W x of
// Proposition 2), estimated from batches of replicate vectors that may be dependent
// within a batch (e.g. many inputs through one random network) but are independent across
// batches. Vanishing-variance paper, Proposition 3 (kappa_l, c_l) and Sec. 6.1 / PROTOCOL.md
// (kappa_0, c_0).
//
// Every replicate y contributes d terms to each of the sums
//   S_2 = sum_i y_i^2,   S_4 = sum_i y_i^4,   S_22 = sum_{i != j} y_i^2 y_j^2 = S_2^2 - S_4
// (all ordered pairs), and a batch of n replicates estimates
//   m_2 = E[y^2] = sum S_2 / (n d),  m_4 = E[y^4] = sum S_4 / (n d),
//   m_22 = E[y_i^2 y_j^2] = sum S_22 / (n d (d - 1))   (i != j).
// The coordinates have mean zero by symmetry (Proposition 1), so the moments are raw
// moments about 0, not about the sample mean, and
//   kurtosis  kappa = m_4 / m_2^2                    (paper, Sec. 4: E[x^4] / Var[x]^2),
//   c         = m_22 - m_2^2                         (Proposition 3's c_l),
//   c / m_2^2 = m_22 / m_2^2 - 1                     (the normalized c_0 of PROTOCOL.md).
// Estimates use the moments pooled over all batches. Their standard errors are batch means
// (STYLE.md) of the delta-method linearization: with pooled M_k and batch values m_k,b,
//   kappa:     L_b = (m_4,b - M_4) / M_2^2 - 2 M_4 (m_2,b - M_2) / M_2^3,
//   c / m_2^2: L_b = (m_22,b - M_22) / M_2^2 - 2 M_22 (m_2,b - M_2) / M_2^3,
//   c:         L_b = (m_22,b - M_22) - 2 M_2 (m_2,b - M_2),
//   SE = sd(L_b, ddof = 1) / sqrt(B).
// This assumes batches of (nearly) equal size; use B >= 20 (the SE is then accurate to
// about 16% for light tails). Fourth-moment estimators are heavy-tailed: a large share of
// S_4 in one batch (max_batch_fourth_share far above 1/B) or strongly skewed batch values
// (kurtosis_batch_skewness) mean the SE is not reliable.
#ifndef VEV_LIB_STATS_EXCHANGEABLE_MOMENTS_H_
#define VEV_LIB_STATS_EXCHANGEABLE_MOMENTS_H_

#include <cstdint>

#include "absl/types/span.h"
#include "lib/stats/estimate.h"

namespace vev::stats {

// The sums of one batch. Merge() of two batches' sums is their exact (up to rounding) union.
struct ExchangeableMomentSums {
  int64_t vectors = 0;     // replicate vectors n
  int dimension = 0;       // d, the same for every vector (checked)
  double sum_squares = 0;  // sum over vectors of S_2
  double sum_fourth = 0;   // sum of S_4
  double sum_cross = 0;    // sum of S_22 (0 when d = 1)

  // Adds one replicate (y.size() = d >= 1; all replicates of one batch have the same d).
  // The float overload accumulates the squares in double.
  void Add(absl::Span<const double> y);
  void Add(absl::Span<const float> y);
  // Adds the replicates of `other` (same d, or either empty; checked).
  void Merge(const ExchangeableMomentSums& other);

  // m_2, m_4, m_22 of this batch (NaN when empty; m_22 NaN for d = 1).
  double SecondMoment() const;
  double FourthMoment() const;
  double MixedFourthMoment() const;
};

struct ExchangeableMomentEstimates {
  Estimate second_moment;           // m_2 = E[y^2]
  Estimate kurtosis;                // m_4 / m_2^2
  Estimate cov_squares;             // m_22 - m_2^2 (NaN for d = 1)
  Estimate normalized_cov_squares;  // m_22 / m_2^2 - 1 (NaN for d = 1)
  int64_t vectors = 0;              // replicates over all batches
  int batches = 0;
  // max_b (batch b's sum of S_4) / (total sum of S_4): about 1/B for light tails.
  double max_batch_fourth_share = 0;
  // Sample skewness (1/B moments) of the kurtosis's linearized batch values L_b. Batch
  // means assume nearly normal batch values (skewness ~ 0, sd sqrt(6 / B) under
  // normality); a large positive value means the estimate rests on rare extreme batches.
  double kurtosis_batch_skewness = 0;
};

// Pooled estimates and batch-means delta-method SEs over `batches` (B >= 2, all with the
// same dimension and at least one vector; checked).
ExchangeableMomentEstimates EstimateExchangeableMoments(
    absl::Span<const ExchangeableMomentSums> batches);

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_EXCHANGEABLE_MOMENTS_H_

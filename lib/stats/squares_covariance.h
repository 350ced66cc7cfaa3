// The covariance of squares of exchangeable coordinates,
//   theta = Cov[y_i^2, y_j^2] = E[y_i^2 y_j^2] - E[y_i^2] E[y_j^2]   (i != j),
// from M independent replicates y^(1), ..., y^(M) of a random vector y in R^d whose
// coordinates are exchangeable (e.g. the hidden nodes of one layer of a random network:
// the activation paper's Theorem 10 / Eq. (4); c_l of the vanishing-variance paper's
// Proposition 3 and c_0 of PROTOCOL.md).
//
// Each replicate contributes every ordered pair i != j, through
//   A = sum_{i != j} y_i^2 y_j^2 / (d (d - 1)) = ((sum y_i^2)^2 - sum y_i^4) / (d (d - 1)),
//   B = sum_i y_i^2 / d,
// with E[A] = E[y_1^2 y_2^2] and E[B] = E[y^2]. The estimate is unbiased:
//   theta_hat = mean(A) - U,  U = sum_{k != l} B_k B_l / (M (M - 1)) = mean(B)^2 - s_B^2 / M
// (s_B^2 the ddof = 1 variance of the B_k), and its standard error is the delta-method
// (influence function) one, from the sample (co)variances of (A, B) over replicates:
//   SE^2 = (Var A - 4 mu Cov(A, B) + 4 mu^2 Var B) / M,   mu = mean(B).
// Standard errors need M >= 2 and are accurate once M is large; the replicates must be
// independent (within-replicate dependence is what is being measured and is allowed).
// Merge() combines shards exactly (up to rounding). Not thread-safe.
#ifndef VEV_LIB_STATS_SQUARES_COVARIANCE_H_
#define VEV_LIB_STATS_SQUARES_COVARIANCE_H_

#include <cstdint>

#include "absl/types/span.h"
#include "lib/stats/covariance.h"
#include "lib/stats/estimate.h"

namespace vev::stats {

class SquaresCovariance {
 public:
  SquaresCovariance() = default;

  // Adds one replicate y (d = y.size() >= 2 coordinates; every replicate of one
  // accumulator must have the same d, checked).
  void Add(absl::Span<const double> y);
  // Adds the replicates summarized by `other` (same d, or either empty; checked).
  void Merge(const SquaresCovariance& other);

  int64_t replicates() const { return ab_.count(); }
  int dimension() const { return dimension_; }

  // theta = E[y_1^2 y_2^2] - E[y^2]^2, unbiased, with its delta-method SE. M >= 2.
  Estimate CovSquares() const;
  // E[y^2] (mean of B) and its SE over replicates.
  Estimate SecondMoment() const;
  // theta / E[y^2]^2 (the normalized form, c_0 of PROTOCOL.md), as
  // CovSquares().value / mean(B)^2 (bias O(1/M)), with its delta-method SE. M >= 2.
  Estimate NormalizedCovSquares() const;
  // E[y_1^2 y_2^2] (mean of A) and its SE.
  Estimate MixedFourthMoment() const;

 private:
  // x = A, y = B of every replicate.
  Covariance ab_;
  int dimension_ = 0;
};

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_SQUARES_COVARIANCE_H_

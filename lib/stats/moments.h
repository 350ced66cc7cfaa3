// Streaming univariate moments: count, mean, variance, skewness and kurtosis, accumulated
// in double by one-pass updates that are numerically stable (no sums of raw powers), with
// an exact merge of partial results from shards or threads.
//
// State: n, the mean, and M_k = sum_i (x_i - mean)^k for k = 2, 3, 4. Add() is the
// one-point case of Merge(); Merge() uses the pairwise formulas of Chan, Golub & LeVeque
// (1979) for M_2 and Pebay (2008) for M_3 and M_4, with d = mean_b - mean_a, n = n_a + n_b:
//   mean = mean_a + d n_b / n
//   M_2  = M_2a + M_2b + d^2 n_a n_b / n
//   M_3  = M_3a + M_3b + d^3 n_a n_b (n_a - n_b) / n^2 + 3 d (n_a M_2b - n_b M_2a) / n
//   M_4  = M_4a + M_4b + d^4 n_a n_b (n_a^2 - n_a n_b + n_b^2) / n^3
//          + 6 d^2 (n_a^2 M_2b + n_b^2 M_2a) / n^2 + 4 d (n_a M_3b - n_b M_3a) / n
// "Exact" means algebraically exact: merging the accumulators of two halves gives the
// accumulator of the whole up to rounding (tests/stats/moments_test.cc bounds it).
//
// Estimator conventions (pinned by a hand-computed 5-element test):
//   Variance()           = M_2 / (n - 1)          (ddof = 1, numpy var(ddof=1))
//   PopulationVariance() = m_2 = M_2 / n          (ddof = 0)
//   SkewnessRaw()        = m_3 / m_2^(3/2)         (1/n moments, scipy skew(bias=True))
//   KurtosisRaw()        = m_4 / m_2^2             (1/n moments, 3 for a Gaussian;
//                                                   scipy kurtosis(fisher=False))
// Non-finite inputs propagate into every statistic. Not thread-safe; give each thread its
// own accumulator and merge them in a fixed order for reproducible bits.
#ifndef VEV_LIB_STATS_MOMENTS_H_
#define VEV_LIB_STATS_MOMENTS_H_

#include <cstdint>

#include "absl/types/span.h"

namespace vev::stats {

class Moments {
 public:
  Moments() = default;

  // Adds one observation.
  void Add(double x);
  // Adds every value, in order.
  void AddAll(absl::Span<const double> values);
  // Adds the observations summarized by `other` (any order of merges gives the same
  // accumulator up to rounding).
  void Merge(const Moments& other);

  int64_t count() const { return count_; }
  // Sample mean; NaN when empty.
  double Mean() const;
  // M_2 / (n - 1); NaN for n < 2.
  double Variance() const;
  // M_2 / n; NaN when empty.
  double PopulationVariance() const;
  // sqrt(Variance() / n): the standard error of Mean() for i.i.d. data.
  double StdErrorOfMean() const;
  // m_3 / m_2^(3/2) with 1/n moments; NaN for n < 1 or zero spread.
  double SkewnessRaw() const;
  // m_4 / m_2^2 with 1/n moments; NaN for n < 1 or zero spread.
  double KurtosisRaw() const;

  // The raw state, for tests and serialization: M_k = sum (x_i - mean)^k.
  double sum_sq_dev() const { return m2_; }
  double sum_cube_dev() const { return m3_; }
  double sum_fourth_dev() const { return m4_; }

 private:
  int64_t count_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
  double m3_ = 0.0;
  double m4_ = 0.0;
};

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_MOMENTS_H_

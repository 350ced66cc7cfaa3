// Streaming bivariate means, variances and covariance of pairs (x, y), accumulated in
// double by one-pass co-moment updates, with an exact (up to rounding) merge of shards.
//
// State: n, the means, M_xx, M_yy and C = sum_i (x_i - mean_x)(y_i - mean_y). The pairwise
// merge (Chan, Golub & LeVeque 1979; Pebay 2008), with d_x = mean_x,b - mean_x,a etc.:
//   C = C_a + C_b + d_x d_y n_a n_b / n
// Conventions: Covariance() and the variances use ddof = 1 (numpy cov default).
// Not thread-safe; merge per-thread accumulators in a fixed order for reproducible bits.
#ifndef VEV_LIB_STATS_COVARIANCE_H_
#define VEV_LIB_STATS_COVARIANCE_H_

#include <cstdint>

namespace vev::stats {

class Covariance {
 public:
  Covariance() = default;

  // Adds one pair.
  void Add(double x, double y);
  // Adds the pairs summarized by `other`.
  void Merge(const Covariance& other);

  int64_t count() const { return count_; }
  // Sample means; NaN when empty.
  double MeanX() const;
  double MeanY() const;
  // M_xx / (n - 1), M_yy / (n - 1), C / (n - 1); NaN for n < 2.
  double VarianceX() const;
  double VarianceY() const;
  double Cov() const;
  // C / sqrt(M_xx M_yy); NaN for n < 2 or zero spread.
  double Correlation() const;

 private:
  int64_t count_ = 0;
  double mean_x_ = 0.0;
  double mean_y_ = 0.0;
  double m_xx_ = 0.0;
  double m_yy_ = 0.0;
  double c_xy_ = 0.0;
};

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_COVARIANCE_H_

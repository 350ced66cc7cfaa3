// The one-pass, double-precision sample variance of the Fig. 2 engine (PROTOCOL.md "Fig. 2":
// empirical variance with ddof = 1 of one unit over all samples; statistics in double).
//
// Values arrive as float32 panels of kPanelSamples = 16 samples (lib/variance/
// panel_gemm.h). The accumulator keeps 16 lanes (lane j gets the samples 16 p + j) of
// shifted sums, in double:
//   d = double(x) - K,   S1_j += d,   S2_j = fma(d, d, S2_j),
// where the shift K is the first value ever added (sample 0 of the dataset). Then
//   S1 = sum_j S1_j, S2 = sum_j S2_j (j = 0..15 in order),  n = count,
//   Variance() = max(0, S2 - S1 * S1 / n) / (n - 1)   (ddof = 1, numpy var(ddof=1)),
//   Mean()     = K + S1 / n.
// Shifting by a data value keeps S2 - S1^2/n free of the cancellation that raw power sums
// suffer when the mean is large against the spread (as in deep networks, where the
// empirical variance vanishes while the mean does not): with K within a few standard
// deviations of the mean, the relative rounding error of the variance is O(n eps_double).
// The lanes give the vectorized (AVX2) and the scalar paths the same summation order, so
// results are bit-identical between them and do not depend on how panels are grouped.
#ifndef VEV_LIB_VARIANCE_LANE_VARIANCE_H_
#define VEV_LIB_VARIANCE_LANE_VARIANCE_H_

#include <cstdint>

#include "lib/variance/panel_gemm.h"

namespace vev::variance {

class LaneVarianceAccumulator {
 public:
  // Adds the first `valid` (0..16) of the 16 values of one panel (values[j] is lane j).
  void AddPanel(const float* values, int valid);
  // Adds one value to lane `lane` (0..15). AddPanel(v, n) == Add(0, v[0]), ..., Add(n-1,
  // v[n-1]), bit for bit.
  void Add(int lane, float value);

  int64_t count() const { return count_; }
  // Sample variance with ddof = 1 (formula above); NaN for count < 2. A NaN or infinite
  // value makes it NaN or infinite.
  double Variance() const;
  // Sample mean; NaN when empty.
  double Mean() const;

 private:
  void SetShiftIfFirst(float value);

  int64_t count_ = 0;
  double shift_ = 0.0;
  alignas(32) double sum_[kPanelSamples] = {};
  alignas(32) double sum_squares_[kPanelSamples] = {};
};

}  // namespace vev::variance

#endif  // VEV_LIB_VARIANCE_LANE_VARIANCE_H_

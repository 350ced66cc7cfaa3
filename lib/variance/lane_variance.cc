#include "lib/variance/lane_variance.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "lib/base/check.h"

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define VEV_LANE_VARIANCE_AVX2 1
#else
#define VEV_LANE_VARIANCE_AVX2 0
#endif

namespace vev::variance {

void LaneVarianceAccumulator::SetShiftIfFirst(float value) {
  if (count_ == 0) shift_ = static_cast<double>(value);
}

void LaneVarianceAccumulator::Add(int lane, float value) {
  VEV_CHECK(lane >= 0 && lane < kPanelSamples);
  SetShiftIfFirst(value);
  const double d = static_cast<double>(value) - shift_;
  sum_[lane] += d;
  sum_squares_[lane] = std::fma(d, d, sum_squares_[lane]);
  ++count_;
}

void LaneVarianceAccumulator::AddPanel(const float* values, int valid) {
  VEV_CHECK(valid >= 0 && valid <= kPanelSamples);
  if (valid == 0) return;
#if VEV_LANE_VARIANCE_AVX2
  if (valid == kPanelSamples) {
    SetShiftIfFirst(values[0]);
    const __m256d shift = _mm256_set1_pd(shift_);
#pragma GCC unroll 4
    for (int q = 0; q < kPanelSamples / 4; ++q) {
      const __m256d d = _mm256_sub_pd(_mm256_cvtps_pd(_mm_loadu_ps(values + 4 * q)), shift);
      _mm256_store_pd(sum_ + 4 * q, _mm256_add_pd(_mm256_load_pd(sum_ + 4 * q), d));
      _mm256_store_pd(sum_squares_ + 4 * q,
                      _mm256_fmadd_pd(d, d, _mm256_load_pd(sum_squares_ + 4 * q)));
    }
    count_ += kPanelSamples;
    return;
  }
#endif
  for (int j = 0; j < valid; ++j) Add(j, values[j]);
}

double LaneVarianceAccumulator::Variance() const {
  if (count_ < 2) return std::numeric_limits<double>::quiet_NaN();
  double s1 = 0.0, s2 = 0.0;
  for (int j = 0; j < kPanelSamples; ++j) {
    s1 += sum_[j];
    s2 += sum_squares_[j];
  }
  const double n = static_cast<double>(count_);
  const double m2 = s2 - s1 * s1 / n;
  // m2 >= 0 in exact arithmetic; rounding can push a zero spread slightly below. NaN stays.
  return (m2 < 0.0 ? 0.0 : m2) / (n - 1.0);
}

double LaneVarianceAccumulator::Mean() const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  double s1 = 0.0;
  for (int j = 0; j < kPanelSamples; ++j) s1 += sum_[j];
  return shift_ + s1 / static_cast<double>(count_);
}

}  // namespace vev::variance

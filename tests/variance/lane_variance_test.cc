// Tests of the double-precision lane accumulator (lib/variance/lane_variance.h): the ddof = 1
// convention on a hand-computed 5-element case, the panel path bit-identical to the scalar
// path, accuracy when the mean is large against the spread (the regime of Fig. 2), and
// special cases.
#include "lib/variance/lane_variance.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "gtest/gtest.h"
#include "lib/rng/random_stream.h"

namespace vev::variance {
namespace {

TEST(LaneVariance, HandComputedFiveValues) {
  // 1, 2, 4, 7, 11: mean 5, squared deviations 16 + 9 + 1 + 4 + 36 = 66, 66 / 4 = 16.5.
  LaneVarianceAccumulator a;
  const float values[kPanelSamples] = {1, 2, 4, 7, 11};
  a.AddPanel(values, 5);
  EXPECT_EQ(a.count(), 5);
  EXPECT_DOUBLE_EQ(a.Mean(), 5.0);
  EXPECT_DOUBLE_EQ(a.Variance(), 16.5);
}

TEST(LaneVariance, PanelPathBitIdenticalToScalarPath) {
  rng::RandomStream stream(3, {1});
  LaneVarianceAccumulator panels, scalars;
  constexpr int kPanels = 37;
  for (int p = 0; p < kPanels; ++p) {
    float v[kPanelSamples];
    for (float& x : v) x = static_cast<float>(3.0 + 0.01 * stream.Normal());
    const int valid = p == kPanels - 1 ? 9 : kPanelSamples;
    panels.AddPanel(v, valid);
    for (int j = 0; j < valid; ++j) scalars.Add(j, v[j]);
  }
  EXPECT_EQ(panels.count(), scalars.count());
  const double a = panels.Variance(), b = scalars.Variance();
  EXPECT_EQ(std::memcmp(&a, &b, sizeof(double)), 0) << a << " vs " << b;
}

TEST(LaneVariance, AccurateWhenMeanDwarfsSpread) {
  // Values 1000 + 1e-3 * N(0,1) rounded to float: std/mean = 1e-6, so raw power sums in
  // double would lose ~12 of 16 digits. The exact variance of the float values comes from a
  // two-pass computation in long double. The shifted sums' relative error is O(n eps) with
  // eps = 2^-53, n = 16,000: bound 4 n eps = 7e-12, checked with a factor 10 to spare.
  rng::RandomStream stream(4, {2});
  const int n = 16000;
  std::vector<float> values(n);
  for (float& x : values) x = static_cast<float>(1000.0 + 1e-3 * stream.Normal());
  LaneVarianceAccumulator a;
  for (int p = 0; p < n / kPanelSamples; ++p) a.AddPanel(&values[p * kPanelSamples], kPanelSamples);
  long double mean = 0;
  for (float x : values) mean += x;
  mean /= n;
  long double m2 = 0;
  for (float x : values) m2 += (x - mean) * (x - mean);
  const double exact = static_cast<double>(m2 / (n - 1));
  EXPECT_NEAR(a.Variance(), exact, 10 * 4.0 * n * 0x1p-53 * exact);
}

TEST(LaneVariance, SpecialCases) {
  LaneVarianceAccumulator empty;
  EXPECT_TRUE(std::isnan(empty.Variance()));
  EXPECT_TRUE(std::isnan(empty.Mean()));
  LaneVarianceAccumulator one;
  one.Add(0, 2.0f);
  EXPECT_TRUE(std::isnan(one.Variance()));
  LaneVarianceAccumulator constant;
  for (int j = 0; j < kPanelSamples; ++j) constant.Add(j, 0.3f);
  EXPECT_EQ(constant.Variance(), 0.0);
  LaneVarianceAccumulator with_nan;
  with_nan.Add(0, 1.0f);
  with_nan.Add(1, std::numeric_limits<float>::quiet_NaN());
  EXPECT_TRUE(std::isnan(with_nan.Variance()));
  LaneVarianceAccumulator with_inf;
  with_inf.Add(0, 1.0f);
  with_inf.Add(1, std::numeric_limits<float>::infinity());
  EXPECT_FALSE(std::isfinite(with_inf.Variance()));
}

}  // namespace
}  // namespace vev::variance

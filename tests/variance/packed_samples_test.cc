// Tests of the packed dataset layout (lib/variance/packed_samples.h).
#include "lib/variance/packed_samples.h"

#include "gtest/gtest.h"
#include "lib/base/eigen_types.h"

namespace vev::variance {
namespace {

TEST(PackedSamples, LayoutAndZeroPadding) {
  const int features = 3, samples = 37;  // 3 panels, the last with 5 real samples
  Matrix x(features, samples);
  for (int s = 0; s < samples; ++s) {
    for (int k = 0; k < features; ++k) x(k, s) = static_cast<float>(100 * s + k);
  }
  const PackedSamples packed(x);
  EXPECT_EQ(packed.features(), features);
  EXPECT_EQ(packed.samples(), samples);
  EXPECT_EQ(packed.panels(), 3);
  EXPECT_EQ(packed.panel_stride(), features * kPanelSamples);
  for (int p = 0; p < 3; ++p) {
    for (int k = 0; k < features; ++k) {
      for (int j = 0; j < kPanelSamples; ++j) {
        const int s = p * kPanelSamples + j;
        const float expected = s < samples ? x(k, s) : 0.0f;
        EXPECT_EQ(packed.panel(p)[k * kPanelSamples + j], expected) << p << " " << k << " " << j;
      }
    }
  }
}

}  // namespace
}  // namespace vev::variance

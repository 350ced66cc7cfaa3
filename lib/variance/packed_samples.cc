#include "lib/variance/packed_samples.h"

#include "lib/base/check.h"

namespace vev::variance {

PackedSamples::PackedSamples(const Eigen::Ref<const Matrix>& features)
    : features_(static_cast<int>(features.rows())), samples_(features.cols()) {
  VEV_CHECK(features_ >= 1 && samples_ >= 1);
  data_.assign(static_cast<size_t>(panels() * panel_stride()), 0.0f);
  // A transpose of 16-column strips; each strip's source columns are contiguous.
  for (int64_t s = 0; s < samples_; ++s) {
    float* out = data_.data() + (s / kPanelSamples) * panel_stride() + s % kPanelSamples;
    for (int k = 0; k < features_; ++k) out[k * kPanelSamples] = features(k, s);
  }
}

}  // namespace vev::variance

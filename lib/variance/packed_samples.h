// A dataset in the sample-panel layout of the Fig. 2 engine (lib/variance/panel_gemm.h),
// made once per run: samples in panels of 16, each panel a features x 16 block stored
// feature by feature (16 consecutive floats per feature). The first-layer products of the
// engine then read the data with unit stride and never re-read or re-normalize it per
// network (issue 7: "data preprocessed once and kept in the layout the GEMM wants").
#ifndef VEV_LIB_VARIANCE_PACKED_SAMPLES_H_
#define VEV_LIB_VARIANCE_PACKED_SAMPLES_H_

#include <cstdint>
#include <vector>

#include "lib/base/eigen_types.h"
#include "lib/variance/panel_gemm.h"

namespace vev::variance {

class PackedSamples {
 public:
  PackedSamples() = default;
  // Packs `features` (features x samples, one sample per column, e.g. Dataset::features);
  // the last panel is padded with zero samples. At least one sample.
  explicit PackedSamples(const Eigen::Ref<const Matrix>& features);

  int features() const { return features_; }
  // Real samples (padding excluded).
  int64_t samples() const { return samples_; }
  int64_t panels() const { return (samples_ + kPanelSamples - 1) / kPanelSamples; }
  // Floats between the starts of consecutive panels: features() * 16.
  int64_t panel_stride() const { return static_cast<int64_t>(features_) * kPanelSamples; }
  // Panel p: features() x 16 floats; element (k, j) at [k * 16 + j] is feature k of sample
  // 16 p + j (0 for padding samples).
  const float* panel(int64_t p) const { return data_.data() + p * panel_stride(); }

 private:
  int features_ = 0;
  int64_t samples_ = 0;
  std::vector<float> data_;
};

}  // namespace vev::variance

#endif  // VEV_LIB_VARIANCE_PACKED_SAMPLES_H_

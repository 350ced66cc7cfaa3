// The float32 kernels of the Fig. 2 engine (vanishing-empirical-variance paper, Sec. 6.2,
// Fig. 2; PROTOCOL.md "Fig. 2"): matrix products in a sample-panel layout that keeps every
// product GEMM-shaped and vectorized across samples.
//
// Layout. Samples are grouped in panels of kPanelSamples = 16 consecutive samples. A
// "panel matrix" with `rows` rows stores, for each panel, a rows x 16 block row by row:
// element (row r, sample 16 p + j) is at data[(p * rows + r) * 16 + j]. The dataset
// (PackedSamples), every layer's output and its input share this layout, so the output of
// one product is directly the input of the next one.
//
// Weights (an out x in matrix W) are packed once into row panels of kRowPanel = 5 rows,
// k-major inside the panel: element (r, k) is at packed[(r / 5) * in * 5 + k * 5 + r % 5];
// rows past `out` (up to a multiple of 5) are zero. The stacked first layers of G networks
// are one such packed matrix with 10 G rows.
//
// Arithmetic (the specification; the vectorized kernels and the plain-loop references below
// give bit-identical results, which tests/variance/panel_gemm_test.cc checks):
//   out(r, s) = fl( chain_k ) [+ bias(r)],   chain_0 = 0,
//   chain_{k+1} = fma(W(r, k), in(k, s), chain_k)   for k = 0, 1, ..., in - 1
// i.e. one fused multiply-add per term, strictly in index order, then one float addition of
// the bias. The result of every element is therefore a function of its own row of W and
// its own sample only: it does not depend on which other rows are stacked with it, on the
// blocking of k, on how samples are grouped in blocks, or on threads. This is what makes
// Fig. 2 results bit-identical across shard and thread counts.
#ifndef VEV_LIB_VARIANCE_PANEL_GEMM_H_
#define VEV_LIB_VARIANCE_PANEL_GEMM_H_

#include <cstdint>
#include <vector>

#include "lib/base/eigen_types.h"

namespace vev::variance {

// Samples per panel (two AVX2 vectors of floats).
inline constexpr int kPanelSamples = 16;
// Rows of W per micro-kernel call (5 x 16 accumulators = 10 AVX2 registers).
inline constexpr int kRowPanel = 5;

// `rows` rounded up to a multiple of kRowPanel.
inline int PaddedRows(int rows) { return (rows + kRowPanel - 1) / kRowPanel * kRowPanel; }

// A weight matrix (out x in) packed into row panels (see the file comment). Value type.
class PackedWeights {
 public:
  PackedWeights() = default;
  // Packs `w` (out x in, any storage order of the Ref). out >= 1, in >= 1.
  explicit PackedWeights(const Eigen::Ref<const Matrix>& w);
  // Packs the vertical stack of `blocks` (each rows_i x in, equal `in`): row 0 of block 1
  // follows the last row of block 0, and so on. Used to stack the first layers of many
  // networks into one product.
  static PackedWeights Stack(const std::vector<const Matrix*>& blocks);

  int rows() const { return rows_; }
  int padded_rows() const { return PaddedRows(rows_); }
  int cols() const { return cols_; }
  // Row panel `panel` (0 <= panel < padded_rows() / kRowPanel): cols() x kRowPanel floats.
  const float* row_panel(int panel) const {
    return data_.data() + static_cast<int64_t>(panel) * cols_ * kRowPanel;
  }

 private:
  int rows_ = 0;
  int cols_ = 0;
  std::vector<float> data_;
};

// out = W * in on `num_panels` panels: `in` is a panel matrix with W.cols() rows (panel
// stride in_panel_stride floats, >= 16 * W.cols()); `out` gets W.padded_rows() rows per
// panel (panel stride out_panel_stride floats, >= 16 * W.padded_rows()); padded rows are
// products with zero rows of W (0 unless an input is infinite or NaN).
// No bias. The inner dimension is processed in blocks of `k_block` (> 0; affects speed
// only, never the bits). Overwrites out. `in` and `out` must not overlap.
void MultiplyPanels(const PackedWeights& w, const float* in, int64_t in_panel_stride,
                    int64_t num_panels, float* out, int64_t out_panel_stride,
                    int k_block = 256);

// One hidden or output layer of the network on panels: out = W * relu(in) + bias, i.e.
// out(r, s) = fl(chain over k of fma(W(r, k), max(in(k, s), 0))) + bias(r). `in` has
// W.cols() rows per panel, `out` W.padded_rows() rows; `bias` has W.padded_rows() entries
// (0 past W.rows()). Overwrites out; `in` and `out` must not overlap.
void ReluLayerPanels(const PackedWeights& w, const float* bias, const float* in,
                     int64_t in_panel_stride, int64_t num_panels, float* out,
                     int64_t out_panel_stride);

// The plain-loop specifications of the two functions above, with the same arguments (W
// given unpacked, out x in; padded output rows computed with zero weights). Scalar code with
// std::fma; for tests and benchmarks.
void ReferenceMultiplyPanels(const Eigen::Ref<const Matrix>& w, const float* in,
                             int64_t in_panel_stride, int64_t num_panels, float* out,
                             int64_t out_panel_stride);
void ReferenceReluLayerPanels(const Eigen::Ref<const Matrix>& w, const float* bias,
                              const float* in, int64_t in_panel_stride, int64_t num_panels,
                              float* out, int64_t out_panel_stride);

// True when the vectorized AVX2 + FMA kernels are compiled in (else the kernels run the
// scalar specification, with the same results).
bool PanelKernelsVectorized();

}  // namespace vev::variance

#endif  // VEV_LIB_VARIANCE_PANEL_GEMM_H_

#include "lib/variance/panel_gemm.h"

#include <algorithm>
#include <cmath>

#include "lib/base/check.h"

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define VEV_VARIANCE_AVX2 1
#else
#define VEV_VARIANCE_AVX2 0
#endif

namespace vev::variance {
namespace {

// c (kRowPanel x 16, row-major) = [c +] W_panel * f(x) [+ bias], where W_panel is
// depth x kRowPanel (k-major), x is depth x 16 and f is the identity or the ReLU. Every
// element is one fma chain over k in index order (the file comment of panel_gemm.h).
template <bool kRelu, bool kAccumulate, bool kBias>
inline void MicroKernel(const float* w, const float* x, int depth, const float* bias,
                        float* c) {
#if VEV_VARIANCE_AVX2
  __m256 lo[kRowPanel], hi[kRowPanel];
  if constexpr (kAccumulate) {
#pragma GCC unroll 8
    for (int r = 0; r < kRowPanel; ++r) {
      lo[r] = _mm256_loadu_ps(c + 16 * r);
      hi[r] = _mm256_loadu_ps(c + 16 * r + 8);
    }
  } else {
#pragma GCC unroll 8
    for (int r = 0; r < kRowPanel; ++r) {
      lo[r] = _mm256_setzero_ps();
      hi[r] = _mm256_setzero_ps();
    }
  }
  const __m256 zero = _mm256_setzero_ps();
  for (int k = 0; k < depth; ++k) {
    __m256 x_lo = _mm256_loadu_ps(x + 16 * k);
    __m256 x_hi = _mm256_loadu_ps(x + 16 * k + 8);
    if constexpr (kRelu) {
      // maxps(0, x) = (0 > x ? 0 : x) = std::max(x, 0.0f) of the references: a NaN input
      // propagates (an overflow stays visible), -0 stays -0.
      x_lo = _mm256_max_ps(zero, x_lo);
      x_hi = _mm256_max_ps(zero, x_hi);
    }
#pragma GCC unroll 8
    for (int r = 0; r < kRowPanel; ++r) {
      const __m256 weight = _mm256_broadcast_ss(w + kRowPanel * k + r);
      lo[r] = _mm256_fmadd_ps(weight, x_lo, lo[r]);
      hi[r] = _mm256_fmadd_ps(weight, x_hi, hi[r]);
    }
  }
#pragma GCC unroll 8
  for (int r = 0; r < kRowPanel; ++r) {
    if constexpr (kBias) {
      const __m256 b = _mm256_broadcast_ss(bias + r);
      lo[r] = _mm256_add_ps(lo[r], b);
      hi[r] = _mm256_add_ps(hi[r], b);
    }
    _mm256_storeu_ps(c + 16 * r, lo[r]);
    _mm256_storeu_ps(c + 16 * r + 8, hi[r]);
  }
#else
  float acc[kRowPanel][kPanelSamples];
  for (int r = 0; r < kRowPanel; ++r) {
    for (int j = 0; j < kPanelSamples; ++j) acc[r][j] = kAccumulate ? c[16 * r + j] : 0.0f;
  }
  for (int k = 0; k < depth; ++k) {
    for (int r = 0; r < kRowPanel; ++r) {
      const float weight = w[kRowPanel * k + r];
      for (int j = 0; j < kPanelSamples; ++j) {
        const float v = kRelu ? std::max(x[16 * k + j], 0.0f) : x[16 * k + j];
        acc[r][j] = std::fma(weight, v, acc[r][j]);
      }
    }
  }
  for (int r = 0; r < kRowPanel; ++r) {
    for (int j = 0; j < kPanelSamples; ++j) c[16 * r + j] = kBias ? acc[r][j] + bias[r] : acc[r][j];
  }
#endif
}

void CheckStrides(const PackedWeights& w, int64_t in_panel_stride, int64_t out_panel_stride) {
  VEV_CHECK(w.rows() >= 1 && w.cols() >= 1);
  VEV_CHECK(in_panel_stride >= static_cast<int64_t>(kPanelSamples) * w.cols());
  VEV_CHECK(out_panel_stride >= static_cast<int64_t>(kPanelSamples) * w.padded_rows());
}

}  // namespace

PackedWeights::PackedWeights(const Eigen::Ref<const Matrix>& w) {
  const Matrix copy = w;
  *this = Stack({&copy});
}

PackedWeights PackedWeights::Stack(const std::vector<const Matrix*>& blocks) {
  PackedWeights packed;
  VEV_CHECK(!blocks.empty());
  packed.cols_ = static_cast<int>(blocks[0]->cols());
  for (const Matrix* block : blocks) {
    VEV_CHECK(block != nullptr && block->cols() == packed.cols_ && block->rows() >= 1);
    packed.rows_ += static_cast<int>(block->rows());
  }
  VEV_CHECK(packed.cols_ >= 1);
  packed.data_.assign(static_cast<size_t>(packed.padded_rows()) * packed.cols_, 0.0f);
  int row = 0;
  for (const Matrix* block : blocks) {
    for (int i = 0; i < block->rows(); ++i, ++row) {
      float* panel = packed.data_.data() +
                     static_cast<int64_t>(row / kRowPanel) * packed.cols_ * kRowPanel;
      for (int k = 0; k < packed.cols_; ++k) panel[k * kRowPanel + row % kRowPanel] = (*block)(i, k);
    }
  }
  return packed;
}

void MultiplyPanels(const PackedWeights& w, const float* in, int64_t in_panel_stride,
                    int64_t num_panels, float* out, int64_t out_panel_stride, int k_block) {
  CheckStrides(w, in_panel_stride, out_panel_stride);
  VEV_CHECK(k_block >= 1);
  const int row_panels = w.padded_rows() / kRowPanel;
  // Loop order: a k-block of one sample panel (k_block x 16 floats, 16 KB at 256) stays in
  // L1 while every row panel of W streams past it; the k-block of W (padded_rows x
  // k_block) stays in L2 across sample panels. Partial sums are stored and reloaded
  // between k-blocks, which continues each fma chain exactly.
  for (int k0 = 0; k0 < w.cols(); k0 += k_block) {
    const int depth = std::min(k_block, w.cols() - k0);
    for (int64_t p = 0; p < num_panels; ++p) {
      const float* x = in + p * in_panel_stride + static_cast<int64_t>(k0) * kPanelSamples;
      float* c = out + p * out_panel_stride;
      for (int rp = 0; rp < row_panels; ++rp) {
        const float* wp = w.row_panel(rp) + static_cast<int64_t>(k0) * kRowPanel;
        float* cp = c + rp * kRowPanel * kPanelSamples;
        if (k0 == 0) {
          MicroKernel<false, false, false>(wp, x, depth, nullptr, cp);
        } else {
          MicroKernel<false, true, false>(wp, x, depth, nullptr, cp);
        }
      }
    }
  }
}

void ReluLayerPanels(const PackedWeights& w, const float* bias, const float* in,
                     int64_t in_panel_stride, int64_t num_panels, float* out,
                     int64_t out_panel_stride) {
  CheckStrides(w, in_panel_stride, out_panel_stride);
  const int row_panels = w.padded_rows() / kRowPanel;
  for (int64_t p = 0; p < num_panels; ++p) {
    const float* x = in + p * in_panel_stride;
    float* c = out + p * out_panel_stride;
    for (int rp = 0; rp < row_panels; ++rp) {
      MicroKernel<true, false, true>(w.row_panel(rp), x, w.cols(), bias + rp * kRowPanel,
                                     c + rp * kRowPanel * kPanelSamples);
    }
  }
}

void ReferenceMultiplyPanels(const Eigen::Ref<const Matrix>& w, const float* in,
                             int64_t in_panel_stride, int64_t num_panels, float* out,
                             int64_t out_panel_stride) {
  const int rows = static_cast<int>(w.rows()), cols = static_cast<int>(w.cols());
  for (int64_t p = 0; p < num_panels; ++p) {
    for (int r = 0; r < PaddedRows(rows); ++r) {
      for (int j = 0; j < kPanelSamples; ++j) {
        float chain = 0.0f;
        for (int k = 0; k < cols; ++k) {
          const float weight = r < rows ? w(r, k) : 0.0f;  // padded rows: zero weights
          chain = std::fma(weight, in[p * in_panel_stride + k * kPanelSamples + j], chain);
        }
        out[p * out_panel_stride + r * kPanelSamples + j] = chain;
      }
    }
  }
}

void ReferenceReluLayerPanels(const Eigen::Ref<const Matrix>& w, const float* bias,
                              const float* in, int64_t in_panel_stride, int64_t num_panels,
                              float* out, int64_t out_panel_stride) {
  const int rows = static_cast<int>(w.rows()), cols = static_cast<int>(w.cols());
  for (int64_t p = 0; p < num_panels; ++p) {
    for (int r = 0; r < PaddedRows(rows); ++r) {
      for (int j = 0; j < kPanelSamples; ++j) {
        float chain = 0.0f;
        for (int k = 0; k < cols; ++k) {
          const float weight = r < rows ? w(r, k) : 0.0f;  // padded rows: zero weights
          const float h = std::max(in[p * in_panel_stride + k * kPanelSamples + j], 0.0f);
          chain = std::fma(weight, h, chain);
        }
        out[p * out_panel_stride + r * kPanelSamples + j] = chain + bias[r];
      }
    }
  }
}

bool PanelKernelsVectorized() { return VEV_VARIANCE_AVX2 != 0; }

}  // namespace vev::variance

// Tests of the Fig. 2 kernels (lib/variance/panel_gemm.h): the vectorized products are
// bit-identical to the plain-loop fma-chain specification over odd shapes (1 row, 1
// column, row counts that are not multiples of the 5-row panel), k-blockings of every kind,
// padded panel strides, and special values; and the chain is the documented one.
#include "lib/variance/panel_gemm.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "gtest/gtest.h"
#include "lib/base/eigen_types.h"
#include "lib/rng/random_stream.h"

namespace vev::variance {
namespace {

Matrix RandomMatrix(int rows, int cols, uint64_t key) {
  Matrix m(rows, cols);
  rng::RandomStream stream(7, {key});
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(stream.Normal());
  return m;
}

std::vector<float> RandomPanels(int64_t floats, uint64_t key) {
  std::vector<float> v(floats);
  rng::RandomStream stream(8, {key});
  for (float& x : v) x = static_cast<float>(stream.Normal());
  return v;
}

// Bitwise equality of two float arrays (NaN payloads included); reports the first mismatch.
::testing::AssertionResult BitsEqual(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return ::testing::AssertionFailure() << "sizes differ";
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::memcmp(&a[i], &b[i], sizeof(float)) != 0) {
      return ::testing::AssertionFailure()
             << "first difference at " << i << ": " << a[i] << " vs " << b[i];
    }
  }
  return ::testing::AssertionSuccess();
}

struct Shape {
  int rows, cols, panels, k_block, extra_stride;
};

TEST(MultiplyPanels, BitIdenticalToReference) {
  const std::vector<Shape> shapes = {
      {1, 1, 1, 256, 0},   {5, 10, 3, 256, 0},     {10, 10, 2, 3, 16},   {7, 33, 4, 1, 5},
      {23, 300, 5, 64, 0}, {30, 3072, 2, 256, 32}, {12, 257, 3, 256, 0}, {3, 5, 1, 1000, 0},
  };
  for (const Shape& s : shapes) {
    SCOPED_TRACE(::testing::Message() << "rows " << s.rows << " cols " << s.cols << " panels "
                                      << s.panels << " k_block " << s.k_block);
    const Matrix w = RandomMatrix(s.rows, s.cols, s.rows * 1000 + s.cols);
    const int64_t in_stride = int64_t{kPanelSamples} * s.cols + s.extra_stride;
    const int64_t out_stride = int64_t{kPanelSamples} * PaddedRows(s.rows) + s.extra_stride;
    const std::vector<float> in = RandomPanels(in_stride * s.panels, s.cols);
    std::vector<float> fast(out_stride * s.panels, -1.0f), slow(fast);
    MultiplyPanels(PackedWeights(w), in.data(), in_stride, s.panels, fast.data(), out_stride,
                   s.k_block);
    ReferenceMultiplyPanels(w, in.data(), in_stride, s.panels, slow.data(), out_stride);
    EXPECT_TRUE(BitsEqual(fast, slow));
  }
}

TEST(ReluLayerPanels, BitIdenticalToReference) {
  const std::vector<Shape> shapes = {
      {1, 1, 1, 0, 0}, {10, 10, 3, 0, 0}, {7, 10, 2, 0, 16}, {10, 7, 2, 0, 3}, {13, 21, 5, 0, 0},
  };
  for (const Shape& s : shapes) {
    SCOPED_TRACE(::testing::Message() << "rows " << s.rows << " cols " << s.cols);
    const Matrix w = RandomMatrix(s.rows, s.cols, 5 * s.rows + s.cols);
    std::vector<float> bias = RandomPanels(PaddedRows(s.rows), 99);
    for (int r = s.rows; r < PaddedRows(s.rows); ++r) bias[r] = 0.0f;
    const int64_t in_stride = int64_t{kPanelSamples} * s.cols + s.extra_stride;
    const int64_t out_stride = int64_t{kPanelSamples} * PaddedRows(s.rows) + s.extra_stride;
    std::vector<float> in = RandomPanels(in_stride * s.panels, s.cols + 1);
    // Special inputs: -0, +-inf and NaN go through the ReLU the way std::max(x, 0) says.
    in[0] = -0.0f;
    if (in.size() > 40) {
      in[17] = std::numeric_limits<float>::infinity();
      in[18] = -std::numeric_limits<float>::infinity();
      in[33] = std::numeric_limits<float>::quiet_NaN();
    }
    std::vector<float> fast(out_stride * s.panels, -1.0f), slow(fast);
    ReluLayerPanels(PackedWeights(w), bias.data(), in.data(), in_stride, s.panels, fast.data(),
                    out_stride);
    ReferenceReluLayerPanels(w, bias.data(), in.data(), in_stride, s.panels, slow.data(),
                             out_stride);
    EXPECT_TRUE(BitsEqual(fast, slow));
  }
}

// The specification itself, on a case where fma and separate rounding differ: the chain
// fma(a, b, fma(c, d, 0)) keeps the low bits that (a*b) + (c*d) in float loses.
TEST(MultiplyPanels, IsAnFmaChainInIndexOrder) {
  // a * a = 1 + 2^-11 + 2^-24 is not a float (spacing 2^-23 in [1, 2)).
  const float a = 1.0f + 0x1p-12f;
  Matrix w(1, 2);
  w << 1.0f, a;
  std::vector<float> in(2 * kPanelSamples, 0.0f);
  in[0] = -(1.0f + 0x1p-11f);  // k = 0, sample 0
  in[kPanelSamples] = a;       // k = 1, sample 0
  std::vector<float> out(kPanelSamples * PaddedRows(1));
  MultiplyPanels(PackedWeights(w), in.data(), 2 * kPanelSamples, 1, out.data(),
                 kPanelSamples * PaddedRows(1));
  // fma(a, a, -(1 + 2^-11)) = 2^-24 exactly; rounding a * a first would give 0.
  EXPECT_EQ(out[0], 0x1p-24f);
  EXPECT_EQ(out[1], 0.0f);
}

TEST(PackedWeights, StackKeepsRowsInOrderAndPadsWithZeros) {
  const Matrix a = RandomMatrix(3, 4, 1), b = RandomMatrix(4, 4, 2);
  const PackedWeights packed = PackedWeights::Stack({&a, &b});
  EXPECT_EQ(packed.rows(), 7);
  EXPECT_EQ(packed.padded_rows(), 10);
  EXPECT_EQ(packed.cols(), 4);
  for (int r = 0; r < 10; ++r) {
    for (int k = 0; k < 4; ++k) {
      const float expected = r < 3 ? a(r, k) : r < 7 ? b(r - 3, k) : 0.0f;
      EXPECT_EQ(packed.row_panel(r / kRowPanel)[k * kRowPanel + r % kRowPanel], expected)
          << "row " << r << " col " << k;
    }
  }
}

TEST(PanelKernels, VectorizedInTheDefaultBuild) {
  // tools/copts.bzl builds for x86-64-v3 (AVX2 + FMA): the fast path must be compiled in.
  EXPECT_TRUE(PanelKernelsVectorized());
}

}  // namespace
}  // namespace vev::variance

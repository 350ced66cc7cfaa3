#include "lib/nn/outer_product_sum.h"

#include <cstring>
#include <type_traits>
#include <vector>

#include "lib/base/check.h"

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define VEV_OUTER_FAST 1
#else
#define VEV_OUTER_FAST 0
#endif

namespace vev::nn {
namespace {

template <typename Scalar>
void EigenPath(std::initializer_list<OuterTermT<Scalar>> terms, bool overwrite,
               Eigen::Ref<MatrixT<Scalar>> out) {
  bool first = true;
  for (const OuterTermT<Scalar>& t : terms) {
    if (first && overwrite) {
      out.noalias() = t.a * t.b.transpose();
    } else {
      out.noalias() += t.a * t.b.transpose();
    }
    first = false;
  }
}

#if VEV_OUTER_FAST
struct RawTerm {
  const float* a;
  Eigen::Index a_stride;
  const float* b;
  Eigen::Index b_stride;
};

// One tile of P packets (8 rows each) x 4 columns at (i, j), all terms.
template <int P>
inline void Tile(const RawTerm* terms, int count, Eigen::Index k, Eigen::Index i,
                 Eigen::Index j, bool overwrite, float* out, Eigen::Index out_stride) {
  const __m256 one = _mm256_set1_ps(1.0f);
  float* c = out + i + j * out_stride;
  for (int t = 0; t < count; ++t) {
    // a_t's rows i..i+8P-1, packed contiguously by row block (see AddOuterProducts).
    const float* a = terms[t].a + i * k;
    const Eigen::Index as = 8 * P;
    const float* b = terms[t].b + j;
    const Eigen::Index bs = terms[t].b_stride;
    __m256 acc[P][4];
    #pragma GCC unroll 4
    for (int p = 0; p < P; ++p) {
      #pragma GCC unroll 4
      for (int q = 0; q < 4; ++q) acc[p][q] = _mm256_setzero_ps();
    }
    if constexpr (P == 1) {
      // Eigen's single-packet kernel: even k in acc, odd k in acc2, up to the last multiple
      // of 8; then acc + acc2; then the remaining k in acc.
      __m256 acc2[4];
      #pragma GCC unroll 4
      for (int q = 0; q < 4; ++q) acc2[q] = _mm256_setzero_ps();
      const Eigen::Index peeled = k & ~Eigen::Index(7);
      Eigen::Index kk = 0;
      for (; kk < peeled; kk += 2) {
        const __m256 a0 = _mm256_loadu_ps(a + kk * as);
        const __m256 a1 = _mm256_loadu_ps(a + (kk + 1) * as);
        #pragma GCC unroll 4
        for (int q = 0; q < 4; ++q) {
          acc[0][q] = _mm256_fmadd_ps(a0, _mm256_broadcast_ss(b + kk * bs + q), acc[0][q]);
        }
        #pragma GCC unroll 4
        for (int q = 0; q < 4; ++q) {
          acc2[q] = _mm256_fmadd_ps(a1, _mm256_broadcast_ss(b + (kk + 1) * bs + q), acc2[q]);
        }
      }
      #pragma GCC unroll 4
      for (int q = 0; q < 4; ++q) acc[0][q] = _mm256_add_ps(acc[0][q], acc2[q]);
      for (; kk < k; ++kk) {
        const __m256 a0 = _mm256_loadu_ps(a + kk * as);
        #pragma GCC unroll 4
        for (int q = 0; q < 4; ++q) {
          acc[0][q] = _mm256_fmadd_ps(a0, _mm256_broadcast_ss(b + kk * bs + q), acc[0][q]);
        }
      }
    } else {
      const float* ak = a;
      const float* bk = b;
#pragma GCC unroll 4
      for (Eigen::Index kk = 0; kk < k; ++kk, ak += as, bk += bs) {
        __m256 av[P];
        #pragma GCC unroll 4
        for (int p = 0; p < P; ++p) av[p] = _mm256_loadu_ps(ak + 8 * p);
        #pragma GCC unroll 4
        for (int q = 0; q < 4; ++q) {
          const __m256 bq = _mm256_broadcast_ss(bk + q);
          #pragma GCC unroll 4
          for (int p = 0; p < P; ++p) acc[p][q] = _mm256_fmadd_ps(av[p], bq, acc[p][q]);
        }
      }
    }
    const bool zero = overwrite && t == 0;
    #pragma GCC unroll 4
    for (int q = 0; q < 4; ++q) {
      #pragma GCC unroll 4
      for (int p = 0; p < P; ++p) {
        float* r = c + q * out_stride + 8 * p;
        const __m256 old = zero ? _mm256_setzero_ps() : _mm256_loadu_ps(r);
        _mm256_storeu_ps(r, _mm256_fmadd_ps(acc[p][q], one, old));
      }
    }
  }
}

// Eigen's GEMM takes a single kc block for this k (kc depends on k and the L1 size only).
bool FitsOneBlock(Eigen::Index rows, Eigen::Index cols, Eigen::Index k) {
  Eigen::Index kc = k, mc = rows, nc = cols;
  Eigen::internal::computeProductBlockingSizes<float, float, 1, Eigen::Index>(kc, mc, nc, 1);
  return kc >= k;
}
#endif

}  // namespace

template <typename Scalar>
void AddOuterProducts(std::initializer_list<OuterTermT<Scalar>> terms, bool overwrite,
                      Eigen::Ref<MatrixT<Scalar>> out) {
  VEV_CHECK(terms.size() >= 1 && terms.size() <= 4);
  const Eigen::Index m = out.rows(), n = out.cols();
  const Eigen::Index k = terms.begin()->a.cols();
  for (const OuterTermT<Scalar>& t : terms) {
    VEV_CHECK(t.a.rows() == m && t.b.rows() == n && t.a.cols() == k && t.b.cols() == k);
  }
#if VEV_OUTER_FAST
  if constexpr (std::is_same_v<Scalar, float>) {
    // Eigen's GEMM path (m, n > 1, k + m + n >= 20, one kc block), with no leftover rows
    // below a packet or leftover columns.
    if (m % 8 == 0 && n % 4 == 0 && m >= 8 && n >= 4 && k >= 1 && k + m + n >= 20 &&
        FitsOneBlock(m, n, k)) {
      const Eigen::Index m3 = (m / 24) * 24;
      const Eigen::Index m2 = m3 + ((m - m3) / 16) * 16;
      // Each a_t copied by row block (24, 16 or 8 rows x k, row block i at offset i * k,
      // entry (i + r, kk) at i * k + kk * rows + r), so a tile's loads are contiguous. Only
      // the addresses change, not the arithmetic.
      thread_local std::vector<float> packed;
      const size_t per_term = static_cast<size_t>(m * k);
      if (packed.size() < terms.size() * per_term) packed.resize(terms.size() * per_term);
      RawTerm raw[4];
      int count = 0;
      for (const OuterTermT<Scalar>& t : terms) {
        float* dst = packed.data() + count * per_term;
        const float* src = t.a.data();
        const Eigen::Index stride = t.a.outerStride();
        for (Eigen::Index i = 0; i < m;) {
          const Eigen::Index rows = i < m3 ? 24 : (i < m2 ? 16 : 8);
          for (Eigen::Index kk = 0; kk < k; ++kk) {
            std::memcpy(dst + i * k + kk * rows, src + i + kk * stride, sizeof(float) * rows);
          }
          i += rows;
        }
        raw[count++] = RawTerm{dst, 0, t.b.data(), t.b.outerStride()};
      }
      // Row blocks outer: a block's rows of every a_t (24 x k each) stay in L1 while the
      // column panels pass; consecutive panels share the cache lines of every b_t.
      float* o = out.data();
      const Eigen::Index os = out.outerStride();
      for (Eigen::Index i = 0; i < m3; i += 24) {
        for (Eigen::Index j = 0; j < n; j += 4) Tile<3>(raw, count, k, i, j, overwrite, o, os);
      }
      for (Eigen::Index i = m3; i < m2; i += 16) {
        for (Eigen::Index j = 0; j < n; j += 4) Tile<2>(raw, count, k, i, j, overwrite, o, os);
      }
      for (Eigen::Index i = m2; i < m; i += 8) {
        for (Eigen::Index j = 0; j < n; j += 4) Tile<1>(raw, count, k, i, j, overwrite, o, os);
      }
      return;
    }
  }
#endif
  EigenPath<Scalar>(terms, overwrite, out);
}

template void AddOuterProducts<float>(std::initializer_list<OuterTermT<float>>, bool,
                                      Eigen::Ref<MatrixT<float>>);
template void AddOuterProducts<double>(std::initializer_list<OuterTermT<double>>, bool,
                                       Eigen::Ref<MatrixT<double>>);

}  // namespace vev::nn

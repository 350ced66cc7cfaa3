// AddOuterProducts (lib/nn/outer_product_sum.h) must be bit-identical to the Eigen products
// it replaces, term by term: shapes on the fast path (rows multiples of 8 in every mix of
// 3-, 2- and 1-packet row blocks, columns multiples of 4, k below, at and above multiples of
// 8) and off it (odd rows and columns, k = 1, k above Eigen's kc), overwrite and accumulate,
// 1 to 4 terms, operands with outer strides, and inputs with cancellations and zeros.
#include "lib/nn/outer_product_sum.h"

#include <cstring>
#include <vector>

#include "gtest/gtest.h"
#include "lib/base/eigen_types.h"
#include "lib/rng/random_stream.h"

namespace vev::nn {
namespace {

template <typename Scalar>
MatrixT<Scalar> Random(Eigen::Index rows, Eigen::Index cols, rng::RandomStream& s) {
  MatrixT<Scalar> m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    const double u = s.Normal();
    // Some exact zeros and repeated values, so that cancellations occur.
    m.data()[i] = static_cast<Scalar>(s.UniformInt(7) == 0 ? 0.0 : (s.UniformInt(5) == 0 ? 1.0 : u));
  }
  return m;
}

template <typename Scalar>
void Check(Eigen::Index m, Eigen::Index n, Eigen::Index k, int count, bool overwrite,
           uint64_t seed) {
  SCOPED_TRACE(testing::Message() << "m " << m << " n " << n << " k " << k << " terms " << count
                                  << " overwrite " << overwrite);
  rng::RandomStream s(seed, {static_cast<uint64_t>(m), static_cast<uint64_t>(n),
                             static_cast<uint64_t>(k), static_cast<uint64_t>(count)});
  std::vector<MatrixT<Scalar>> a, b;
  // Operands as blocks of larger matrices (outer stride > rows) for term 1.
  MatrixT<Scalar> a_big = Random<Scalar>(m + 3, k, s), b_big = Random<Scalar>(n + 5, k, s);
  for (int t = 0; t < 4; ++t) {
    a.push_back(Random<Scalar>(m, k, s));
    b.push_back(Random<Scalar>(n, k, s));
  }
  const MatrixT<Scalar> start = Random<Scalar>(m, n, s);
  MatrixT<Scalar> expected = start, got = start;
  auto a_of = [&](int t) -> Eigen::Ref<const MatrixT<Scalar>> {
    if (t == 1) return a_big.topRows(m);
    return a[t];
  };
  auto b_of = [&](int t) -> Eigen::Ref<const MatrixT<Scalar>> {
    if (t == 1) return b_big.topRows(n);
    return b[t];
  };
  for (int t = 0; t < count; ++t) {
    if (t == 0 && overwrite) {
      expected.noalias() = a_of(t) * b_of(t).transpose();
    } else {
      expected.noalias() += a_of(t) * b_of(t).transpose();
    }
  }
  using Term = OuterTermT<Scalar>;
  switch (count) {
    case 1: AddOuterProducts<Scalar>({Term{a_of(0), b_of(0)}}, overwrite, got); break;
    case 2: AddOuterProducts<Scalar>({Term{a_of(0), b_of(0)}, Term{a_of(1), b_of(1)}}, overwrite, got); break;
    case 3:
      AddOuterProducts<Scalar>({Term{a_of(0), b_of(0)}, Term{a_of(1), b_of(1)}, Term{a_of(2), b_of(2)}},
                               overwrite, got);
      break;
    default:
      AddOuterProducts<Scalar>({Term{a_of(0), b_of(0)}, Term{a_of(1), b_of(1)}, Term{a_of(2), b_of(2)},
                                Term{a_of(3), b_of(3)}},
                               overwrite, got);
  }
  EXPECT_EQ(std::memcmp(got.data(), expected.data(), sizeof(Scalar) * got.size()), 0)
      << "max difference " << (got - expected).cwiseAbs().maxCoeff();
}

template <typename Scalar>
void CheckAll(uint64_t seed) {
  const Eigen::Index rows[] = {8, 16, 24, 40, 48, 56, 200, 10, 13, 1, 7};
  const Eigen::Index cols[] = {4, 8, 200, 1, 6, 13};
  const Eigen::Index ks[] = {32, 1, 7, 9, 90, 200};
  for (Eigen::Index m : rows) {
    for (Eigen::Index n : cols) {
      for (Eigen::Index k : ks) {
        if (m * n * k > 2'000'000) continue;
        for (int count = 1; count <= 4; count += 3 - (count == 1)) {  // 1, 3, 4
          for (bool overwrite : {true, false}) Check<Scalar>(m, n, k, count, overwrite, seed);
        }
      }
    }
  }
}

TEST(AddOuterProducts, FloatBitIdenticalToEigen) { CheckAll<float>(1); }

// The MetaInit shapes (first layer: 200 x 3072 outputs) and k above Eigen's kc.
TEST(AddOuterProducts, LargeShapes) {
  for (bool overwrite : {true, false}) {
    Check<float>(200, 3072, 32, 1, overwrite, 3);
    Check<float>(200, 3072, 32, 2, overwrite, 3);
    Check<float>(24, 8, 5000, 2, overwrite, 3);
    Check<double>(200, 3072, 32, 2, overwrite, 3);
  }
}
TEST(AddOuterProducts, DoubleBitIdenticalToEigen) { CheckAll<double>(2); }

}  // namespace
}  // namespace vev::nn

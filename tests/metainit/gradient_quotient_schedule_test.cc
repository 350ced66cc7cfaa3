// GradientQuotientT (lib/metainit/gradient_quotient.h) runs the products of the
// stage-by-stage reference (gradient_quotient_reference.h) in another order, for memory
// locality, with the same operands and the same summation order per output: every result
// must be bit-identical to the reference's. Checked in float and double over odd sizes
// (width 1, batch 1, odd batches whose stacked columns are not multiples of Eigen's
// 4-column panels), leaky and plain ReLU, the first layer's k = 3072 > Eigen's kc, and
// repeated evaluations on one workspace (stale state would show on the second call), and
// widths on the tile kernel's fast path (lib/nn/outer_product_sum.h) with odd batches.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "gtest/gtest.h"
#include "lib/metainit/gradient_quotient.h"
#include "lib/metainit/gradient_quotient_reference.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::metainit {
namespace {

struct Case {
  int input, width, depth, classes;
  double slope;
  int batch;
};

template <typename Scalar>
bool BitEqual(const MatrixT<Scalar>& a, const MatrixT<Scalar>& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), sizeof(Scalar) * a.size()) == 0;
}
template <typename Scalar>
bool BitEqual(const VectorT<Scalar>& a, const VectorT<Scalar>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), sizeof(Scalar) * a.size()) == 0;
}

template <typename Scalar>
void ExpectTensorsBitEqual(const nn::MlpTensorsT<Scalar>& a, const nn::MlpTensorsT<Scalar>& b,
                           const char* what) {
  for (int l = 0; l < a.num_layers(); ++l) {
    EXPECT_TRUE(BitEqual<Scalar>(a.weight(l), b.weight(l))) << what << " weight " << l;
    EXPECT_TRUE(BitEqual<Scalar>(a.bias(l), b.bias(l))) << what << " bias " << l;
  }
}

double Bits(double v) { return v; }

template <typename Scalar>
void CheckCase(const Case& c, uint64_t seed) {
  nn::MlpShape shape;
  shape.input_size = c.input;
  shape.width = c.width;
  shape.depth = c.depth;
  shape.num_classes = c.classes;
  shape.negative_slope = c.slope;
  nn::MlpTensorsT<Scalar> net(shape);
  rng::RandomStream stream(seed, {static_cast<uint64_t>(c.width), static_cast<uint64_t>(c.depth)});
  for (int l = 0; l < shape.num_layers(); ++l) {
    const double scale = std::sqrt(2.0 / shape.in_features(l));
    for (Eigen::Index i = 0; i < net.weight(l).size(); ++i) {
      net.mutable_weight(l).data()[i] = static_cast<Scalar>(scale * stream.Normal());
    }
    for (Eigen::Index i = 0; i < net.bias(l).size(); ++i) {
      net.mutable_bias(l).data()[i] = static_cast<Scalar>(0.1 * stream.Normal());
    }
  }
  GradientQuotientT<Scalar> fast(shape, c.batch);
  internal::GradientQuotientReferenceT<Scalar> reference(shape, c.batch);
  MatrixT<Scalar> x(c.input, c.batch);
  std::vector<uint8_t> labels(c.batch);
  for (int call = 0; call < 2; ++call) {
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<Scalar>(stream.Normal());
    for (uint8_t& y : labels) y = static_cast<uint8_t>(stream.UniformInt(c.classes));
    for (const bool with_derivative : {false, true}) {
      SCOPED_TRACE(testing::Message() << "input " << c.input << " width " << c.width << " depth "
                                      << c.depth << " classes " << c.classes << " slope "
                                      << c.slope << " batch " << c.batch << " call " << call
                                      << " derivative " << with_derivative);
      const double a = fast.Evaluate(net, x, labels, 1e-5, with_derivative);
      const double b = reference.Evaluate(net, x, labels, 1e-5, with_derivative);
      EXPECT_EQ(std::memcmp(&a, &b, sizeof(a)), 0) << Bits(a) << " vs " << Bits(b);
      ExpectTensorsBitEqual(fast.gradient(), reference.gradient(), "g");
      ExpectTensorsBitEqual(fast.hessian_gradient(), reference.hessian_gradient(), "Hg");
      if (with_derivative) {
        ExpectTensorsBitEqual(fast.gq_gradient(), reference.gq_gradient(), "dGQ");
        ASSERT_EQ(fast.weight_projections().size(), reference.weight_projections().size());
        for (size_t l = 0; l < fast.weight_projections().size(); ++l) {
          const double p = fast.weight_projections()[l], q = reference.weight_projections()[l];
          EXPECT_EQ(std::memcmp(&p, &q, sizeof(p)), 0) << "projection " << l << ": " << p
                                                       << " vs " << q;
        }
      }
    }
    // A MetaInit-like norm update between the calls, so the second call sees new weights.
    for (int l = 0; l < shape.num_layers(); ++l) net.mutable_weight(l) *= Scalar(1.01);
  }
}

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      {7, 1, 0, 2, 0.0, 1},     {13, 5, 1, 3, 0.0, 5},   {31, 9, 3, 10, 0.1, 7},
      {17, 1, 4, 10, 0.0, 3},   {100, 33, 4, 10, 0.0, 32}, {61, 47, 2, 11, 0.2, 13},
      {50, 200, 3, 10, 0.0, 32}, {3072, 200, 2, 10, 0.0, 32}, {3072, 10, 6, 10, 0.0, 32},
      // Widths on lib/nn/outer_product_sum's fast path (multiples of 8: 3-, 2- and 1-packet
      // row blocks) with batches (its k) not multiples of 8, and a wide first layer.
      {61, 40, 3, 10, 0.1, 13}, {3072, 56, 2, 10, 0.0, 9},    {20, 16, 2, 10, 0.0, 33},
  };
  return cases;
}

TEST(GradientQuotientScheduleTest, FloatBitIdenticalToReference) {
  for (const Case& c : Cases()) CheckCase<float>(c, 11);
}

TEST(GradientQuotientScheduleTest, DoubleBitIdenticalToReference) {
  for (const Case& c : Cases()) CheckCase<double>(c, 12);
}

}  // namespace
}  // namespace vev::metainit

// Tests of the length map (lib/activation/length_map.h): the ReLU and Heaviside recursions
// in closed form, closed form vs quadrature, tanh's fixed point, and the undefined cases
// (Proposition 11, phi = 1/z, overflow).
#include "lib/activation/length_map.h"

#include <cmath>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace vev::activation {
namespace {

GaussianMomentCalculator QuadratureCalculator() {
  GaussianMomentOptions options;
  options.prefer_closed_form = false;
  return GaussianMomentCalculator(options);
}

// ReLU: r~ = q~ / 2, so q~_1 = sigma_w^2 + sigma_b^2 and
// q~_l = sigma_w^2 q~_{l-1} / 2 + sigma_b^2; He (sigma_w^2 = 2, sigma_b = 0) keeps q~ = 2.
TEST(LengthMap, ReluClosedForm) {
  const GaussianMomentCalculator closed;
  const GaussianMomentCalculator numeric = QuadratureCalculator();
  for (const auto& [sw, sb] : {std::pair{std::sqrt(2.0), 0.0}, std::pair{1.0, 0.5},
                               std::pair{1.7, 0.2}}) {
    double expected = 1.0;
    const LengthMap a = *ComputeLengthMap(Activation::Relu(), sw, sb, 10, closed);
    const LengthMap b = *ComputeLengthMap(Activation::Relu(), sw, sb, 10, numeric);
    ASSERT_EQ(a.q.size(), 11u);
    EXPECT_EQ(a.q[0], 1.0);
    EXPECT_EQ(a.r[0], 1.0);
    for (int l = 1; l <= 10; ++l) {
      expected = sw * sw * (l == 1 ? 1.0 : expected / 2.0) + sb * sb;
      EXPECT_NEAR(a.q[l], expected, 1e-14 * expected) << "l=" << l;
      EXPECT_NEAR(b.q[l], expected, 1e-12 * expected) << "l=" << l;
      EXPECT_NEAR(b.r[l], expected / 2.0, 1e-12 * expected) << "l=" << l;
    }
  }
  const LengthMap he = *ComputeLengthMap(Activation::Relu(), std::sqrt(2.0), 0.0, 5, closed);
  // sqrt(2)^2 = 2 + 4.4e-16: a few ulps per layer.
  for (int l = 1; l <= 5; ++l) EXPECT_NEAR(he.q[l], 2.0, 1e-14);
}

// Heaviside: r~ = 1/2 from layer 1 on: q~_l = sigma_w^2 / 2 + sigma_b^2 for l >= 2.
TEST(LengthMap, Heaviside) {
  const LengthMap m = *ComputeLengthMap(Activation::Heaviside(), 1.5, 0.3, 4, QuadratureCalculator());
  EXPECT_NEAR(m.q[1], 2.25 + 0.09, 1e-15);
  for (int l = 2; l <= 4; ++l) EXPECT_NEAR(m.q[l], 1.125 + 0.09, 1e-13);
}

TEST(LengthMap, PolynomialClosedFormMatchesQuadrature) {
  const Activation poly = *Activation::Parse("poly:0:1:0.25");
  const LengthMap a = *ComputeLengthMap(poly, 0.9, 0.1, 10, GaussianMomentCalculator());
  const LengthMap b = *ComputeLengthMap(poly, 0.9, 0.1, 10, QuadratureCalculator());
  for (int l = 0; l <= 10; ++l) EXPECT_NEAR(a.q[l], b.q[l], 1e-12 * a.q[l]) << l;
  // By hand: q~_1 = 0.81 + 0.01; r~_1 = q + 3 q^2 / 16.
  EXPECT_NEAR(a.q[1], 0.82, 1e-15);
  EXPECT_NEAR(a.r[1], 0.82 + 3.0 * 0.82 * 0.82 / 16.0, 1e-15);
}

// tanh with sigma_w = 2.5, sigma_b = 0.3 (chaotic phase): q~ converges to the fixed point
// q* = sigma_w^2 E[tanh^2(sqrt(q*) Z)] + sigma_b^2.
TEST(LengthMap, TanhReachesFixedPoint) {
  const GaussianMomentCalculator calc;
  const LengthMap m = *ComputeLengthMap(Activation::Tanh(), 2.5, 0.3, 40, calc);
  const double q = m.q[40];
  EXPECT_NEAR(6.25 * *calc.Moment(Activation::Tanh(), q, 2) + 0.09, q, 1e-10);
  EXPECT_GT(q, 4.0);
  EXPECT_LT(q, 4.2);
}

TEST(LengthMap, DepthZero) {
  const LengthMap m = *ComputeLengthMap(Activation::Tanh(), 1.0, 0.0, 0, GaussianMomentCalculator());
  EXPECT_EQ(m.q.size(), 1u);
}

// Proposition 11, phi = exp(alpha z^2): E[phi(sqrt(q) Z)^2] = E[exp(2 alpha q Z^2)] is
// infinite iff q >= 1/(4 alpha). With sigma_w^2 + sigma_b^2 = 1/(4 alpha) the map is
// undefined after layer 1 (r~_1 = infinity).
TEST(LengthMap, Proposition11Undefined) {
  const GaussianMomentCalculator calc;
  for (const double alpha : {0.25, 0.5, 1.0, 3.0}) {
    const double sw = std::sqrt(1.0 / (4.0 * alpha));
    const absl::StatusOr<LengthMap> m = ComputeLengthMap(Activation::ExpSquare(alpha), sw, 0.0, 3, calc);
    EXPECT_EQ(m.status().code(), absl::StatusCode::kOutOfRange);
    EXPECT_TRUE(absl::StrContains(m.status().message(), "undefined after layer 1")) << m.status();
    EXPECT_TRUE(absl::StrContains(m.status().message(), "Proposition 11")) << m.status();
  }
}

// The paper's proof takes sigma_w^2 + sigma_b^2 = 1/(4 alpha^2) and writes r~_1 as
// E[exp(alpha sqrt(q~_1) Z^2)] (phi not squared, sqrt(q) for q); with the definition
// r~ = E[phi(sqrt(q~) Z)^2] = E[exp(2 alpha q~ Z^2)] that choice diverges at layer 1 only
// for alpha <= 1. For alpha = 2: q~_1 = 1/16 < 1/8, r~_1 = (1 - 1/2)^(-1/2) = sqrt(2),
// q~_2 = sqrt(2)/16, r~_2 = (1 - 8 q~_2)^(-1/2), q~_3 = r~_2 / 16, r~_3 = (1 - 8 q~_3)^(-1/2),
// q~_4 = r~_3 / 16 = 0.2265 >= 1/8: undefined after layer 4 instead.
TEST(LengthMap, Proposition11PaperChoiceForAlphaTwo) {
  const GaussianMomentCalculator calc;
  const absl::StatusOr<LengthMap> m =
      ComputeLengthMap(Activation::ExpSquare(2.0), 0.25, 0.0, 10, calc);
  EXPECT_TRUE(absl::StrContains(m.status().message(), "undefined after layer 4")) << m.status();
  const LengthMap prefix = *ComputeLengthMap(Activation::ExpSquare(2.0), 0.25, 0.0, 3, calc);
  const double q2 = std::sqrt(2.0) / 16.0;
  const double q3 = 1.0 / std::sqrt(1.0 - 8.0 * q2) / 16.0;
  EXPECT_NEAR(prefix.r[1], std::sqrt(2.0), 1e-15);
  EXPECT_NEAR(prefix.q[2], q2, 1e-15);
  EXPECT_NEAR(prefix.q[3], q3, 1e-14);
  EXPECT_NEAR(prefix.r[3] / 16.0, 0.2265, 1e-4);
}

// The defined prefix of an undefined map: q~_0..q~_l and r~_0..r~_{l-1}.
TEST(LengthMap, PrefixOfUndefinedMap) {
  LengthMap m;
  const absl::Status status = ComputeLengthMapPrefix(Activation::ExpSquare(2.0), 0.25, 0.0, 10,
                                                     GaussianMomentCalculator(), &m);
  EXPECT_EQ(status.code(), absl::StatusCode::kOutOfRange);
  ASSERT_EQ(m.q.size(), 5u);  // q~_0..q~_4
  ASSERT_EQ(m.r.size(), 4u);  // r~_0..r~_3
  EXPECT_NEAR(m.q[4], 0.2265, 1e-4);
  LengthMap ok;
  EXPECT_TRUE(ComputeLengthMapPrefix(Activation::Relu(), 1.0, 0.0, 3, GaussianMomentCalculator(),
                                     &ok).ok());
  EXPECT_EQ(ok.q.size(), 4u);
  EXPECT_EQ(ok.r.size(), 4u);
}

// phi = 1/z: q~_1 = sigma_w^2 is defined, r~_1 = E[1/(q~_1 Z^2)] is not.
TEST(LengthMap, ReciprocalUndefinedAfterLayerOne) {
  const absl::StatusOr<LengthMap> m =
      ComputeLengthMap(Activation::Reciprocal(), 1.0, 0.0, 2, GaussianMomentCalculator());
  EXPECT_EQ(m.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_TRUE(absl::StrContains(m.status().message(), "undefined after layer 1")) << m.status();
  EXPECT_TRUE(absl::StrContains(m.status().message(), "Sec. 4.1")) << m.status();
  // Even without the closed-form knowledge the quadrature refuses.
  const absl::StatusOr<LengthMap> q =
      ComputeLengthMap(Activation::Reciprocal(), 1.0, 0.0, 2, QuadratureCalculator());
  EXPECT_EQ(q.status().code(), absl::StatusCode::kOutOfRange);
}

TEST(LengthMap, OverflowIsAnError) {
  const absl::StatusOr<LengthMap> m = ComputeLengthMap(*Activation::Parse("poly:0:0.5:0:0.2"),
                                                       1.2, 0.2, 12, GaussianMomentCalculator());
  EXPECT_EQ(m.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_TRUE(absl::StrContains(m.status().message(), "overflows")) << m.status();
}

}  // namespace
}  // namespace vev::activation

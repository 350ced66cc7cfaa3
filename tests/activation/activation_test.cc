// Tests of the activation functions and their closed-form Gaussian moments
// (lib/activation/activation.h).
#include "lib/activation/activation.h"

#include <cmath>
#include <limits>

#include "gtest/gtest.h"

namespace vev::activation {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(Activation, Values) {
  EXPECT_EQ(Activation::Relu()(-1.0), 0.0);
  EXPECT_EQ(Activation::Relu()(2.5), 2.5);
  EXPECT_EQ(Activation::Heaviside()(0.0), 0.0);  // the indicator of z > 0
  EXPECT_EQ(Activation::Heaviside()(1e-300), 1.0);
  EXPECT_EQ(Activation::Tanh()(0.5), std::tanh(0.5));
  EXPECT_EQ(Activation::Reciprocal()(4.0), 0.25);
  EXPECT_EQ(Activation::Reciprocal()(0.0), 0.0);  // phi(0) = 0 (Proposition 9)
  EXPECT_DOUBLE_EQ(Activation::ExpSquare(0.5)(2.0), std::exp(2.0));
  EXPECT_DOUBLE_EQ(Activation::Polynomial({1.0, -2.0, 0.5})(3.0), 1.0 - 6.0 + 4.5);
}

TEST(Activation, ParseAndNameRoundTrip) {
  for (const char* spec : {"relu", "heaviside", "tanh", "reciprocal", "poly:0:1:0.25",
                           "poly:-1.5", "exp_square:0.5", "exp_square:2"}) {
    const absl::StatusOr<Activation> phi = Activation::Parse(spec);
    ASSERT_TRUE(phi.ok()) << spec << ": " << phi.status();
    EXPECT_EQ(phi->Name(), spec);
  }
  EXPECT_EQ(Activation::Parse("poly:0:1:0.25")->coefficients(), (std::vector<double>{0, 1, 0.25}));
  EXPECT_EQ(Activation::Parse("exp_square:0.5")->alpha(), 0.5);
  for (const char* bad : {"", "Relu", "poly", "poly:1:x", "exp_square", "exp_square:-1",
                          "exp_square:0", "tanh:2", "poly:inf"}) {
    const absl::StatusOr<Activation> phi = Activation::Parse(bad);
    EXPECT_EQ(phi.status().code(), absl::StatusCode::kInvalidArgument) << "'" << bad << "'";
  }
}

TEST(Activation, Formula) {
  EXPECT_EQ(Activation::Reciprocal().Formula(), "1/z");
  EXPECT_EQ(Activation::ExpSquare(0.5).Formula(), "exp(0.5 z^2)");
  EXPECT_EQ(Activation::Polynomial({0, 1, 0.25}).Formula(), "z + 0.25 z^2");
  EXPECT_EQ(Activation::Polynomial({-1, 0, -2, 1}).Formula(), "-1 - 2 z^2 + z^3");
  EXPECT_EQ(Activation::Polynomial({0}).Formula(), "0");
}

// Definition 1.
TEST(Activation, Permissibility) {
  EXPECT_TRUE(Activation::Relu().IsPermissible());
  EXPECT_TRUE(Activation::Heaviside().IsPermissible());
  EXPECT_TRUE(Activation::Tanh().IsPermissible());
  EXPECT_TRUE(Activation::Polynomial({0, 1, 1}).IsPermissible());
  EXPECT_FALSE(Activation::Reciprocal().IsPermissible());
  EXPECT_FALSE(Activation::ExpSquare(0.1).IsPermissible());
  EXPECT_EQ(Activation::Tanh().MomentFiniteBelow(2), kInf);
  EXPECT_EQ(Activation::Reciprocal().MomentFiniteBelow(2), 0.0);
  EXPECT_DOUBLE_EQ(Activation::ExpSquare(0.5).MomentFiniteBelow(2), 0.5);   // 1/(4 alpha)
  EXPECT_DOUBLE_EQ(Activation::ExpSquare(0.5).MomentFiniteBelow(4), 0.25);  // 1/(8 alpha)
}

// Closed forms (Sec. 4.2 of the paper for ReLU and Heaviside; by hand otherwise).
TEST(Activation, GaussianMomentClosedForms) {
  const Activation relu = Activation::Relu();
  EXPECT_DOUBLE_EQ(*relu.GaussianMomentClosedForm(3.0, 2), 1.5);   // q / 2
  EXPECT_DOUBLE_EQ(*relu.GaussianMomentClosedForm(3.0, 4), 13.5);  // 3 q^2 / 2
  EXPECT_EQ(*Activation::Heaviside().GaussianMomentClosedForm(7.0, 2), 0.5);
  EXPECT_EQ(*Activation::Heaviside().GaussianMomentClosedForm(7.0, 4), 0.5);
  EXPECT_FALSE(Activation::Tanh().GaussianMomentClosedForm(1.0, 2).has_value());
  // phi = z + z^2 / 4 at q = 2: a = sqrt(q), b = q / 4 = 0.5 give phi = a z + b z^2,
  // E[phi^2] = a^2 + 3 b^2 = 2.75 and E[phi^4] = 3 a^4 + 6 a^2 b^2 * 15 + 105 b^4 = 12 + 45 +
  // 6.5625 = 63.5625.
  const Activation poly = Activation::Polynomial({0, 1, 0.25});
  EXPECT_NEAR(*poly.GaussianMomentClosedForm(2.0, 2), 2.75, 1e-14);
  EXPECT_NEAR(*poly.GaussianMomentClosedForm(2.0, 4), 63.5625, 1e-12);
  // A constant: phi = 3 -> 9 and 81.
  EXPECT_EQ(*Activation::Polynomial({3.0}).GaussianMomentClosedForm(5.0, 4), 81.0);
  // exp(alpha z^2), alpha = 0.5: E[exp(p alpha q Z^2)] = (1 - 2 p alpha q)^(-1/2).
  const Activation e = Activation::ExpSquare(0.5);
  EXPECT_DOUBLE_EQ(*e.GaussianMomentClosedForm(0.2, 2), 1.0 / std::sqrt(0.6));
  EXPECT_DOUBLE_EQ(*e.GaussianMomentClosedForm(0.2, 4), 1.0 / std::sqrt(0.2));
  EXPECT_EQ(*e.GaussianMomentClosedForm(0.25, 4), kInf);
  EXPECT_EQ(*e.GaussianMomentClosedForm(0.5, 2), kInf);
  EXPECT_EQ(*Activation::Reciprocal().GaussianMomentClosedForm(1.0, 2), kInf);
  // q = 0: phi(0)^p.
  EXPECT_EQ(*Activation::Reciprocal().GaussianMomentClosedForm(0.0, 2), 0.0);
  EXPECT_EQ(*e.GaussianMomentClosedForm(0.0, 2), 1.0);
}

}  // namespace
}  // namespace vev::activation

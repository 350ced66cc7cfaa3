// Tests of the Gaussian moments by quadrature (lib/activation/gaussian_moment.h): both
// quadrature methods against every closed form, tanh against Stein's identity and against
// the other method, and divergence reported as an error (Proposition 11, 1/z).
#include "lib/activation/gaussian_moment.h"

#include <cmath>
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace vev::activation {
namespace {

GaussianMomentOptions QuadratureOnly(QuadratureMethod method) {
  GaussianMomentOptions options;
  options.method = method;
  options.prefer_closed_form = false;
  return options;
}

// Every activation with a closed form, q from tiny to large, p = 2 and 4: the composite
// rule agrees to 1e-12 relative (it is exact for polynomials, and ReLU/Heaviside kinks sit on
// a panel edge). Gauss-Hermite agrees as well for these (polynomial-like) integrands.
TEST(GaussianMoment, QuadratureMatchesClosedForms) {
  for (const QuadratureMethod method :
       {QuadratureMethod::kCompositeGaussLegendre, QuadratureMethod::kGaussHermite}) {
    const GaussianMomentCalculator calc(QuadratureOnly(method));
    for (const char* spec : {"relu", "heaviside", "poly:0:1:0.25", "poly:0.3:-1:0:0.2"}) {
      const Activation phi = *Activation::Parse(spec);
      for (const double q : {1e-4, 0.3, 1.0, 2.0, 9.0}) {
        for (const int p : {2, 4}) {
          const double exact = *phi.GaussianMomentClosedForm(q, p);
          const absl::StatusOr<double> numeric = calc.Moment(phi, q, p);
          ASSERT_TRUE(numeric.ok()) << spec << " q=" << q << ": " << numeric.status();
          EXPECT_NEAR(*numeric, exact, 1e-12 * exact)
              << spec << " q=" << q << " p=" << p << " method=" << static_cast<int>(method);
        }
      }
    }
  }
  // exp(alpha z^2) inside its domain, where the integrand still decays fast enough.
  const GaussianMomentCalculator calc(QuadratureOnly(QuadratureMethod::kCompositeGaussLegendre));
  const Activation e = Activation::ExpSquare(0.5);
  for (const double q : {0.05, 0.2, 0.4}) {
    EXPECT_NEAR(*calc.Moment(e, q, 2), *e.GaussianMomentClosedForm(q, 2), 1e-12) << q;
  }
}

// Stein's lemma: E[Z tanh(s Z)] = s E[sech^2(s Z)] = s (1 - E[tanh^2(s Z)]). Two different
// integrands computed independently; large s puts the poles of tanh(s z) (at
// i pi / (2 s)) close to the real axis, the hard case for Gauss-Hermite.
TEST(GaussianMoment, TanhSatisfiesSteinIdentity) {
  const GaussianMomentCalculator calc;
  const Activation tanh_phi = Activation::Tanh();
  for (const double q : {0.01, 0.5, 4.0, 6.34, 25.0, 100.0}) {
    const double s = std::sqrt(q);
    const absl::StatusOr<double> m2 = calc.Moment(tanh_phi, q, 2);
    ASSERT_TRUE(m2.ok()) << q << ": " << m2.status();
    // phi(u) = (u / s) tanh(u) at p = 1 gives E[Z tanh(s Z)].
    const absl::StatusOr<double> mixed =
        calc.ByQuadrature([s](double u) { return u / s * std::tanh(u); }, q, 1);
    ASSERT_TRUE(mixed.ok()) << mixed.status();
    EXPECT_NEAR(*mixed, s * (1.0 - *m2), 1e-12 * s) << "q=" << q;
    EXPECT_GT(*m2, 0.0);
    EXPECT_LT(*m2, 1.0);
  }
}

// For small q both methods are accurate and independent: they agree to 1e-12.
TEST(GaussianMoment, TanhMethodsAgree) {
  const GaussianMomentCalculator composite;
  GaussianMomentOptions options;
  options.method = QuadratureMethod::kGaussHermite;
  options.hermite_nodes = 200;
  const GaussianMomentCalculator hermite(options);
  for (const double q : {0.05, 0.5, 1.0}) {
    for (const int p : {2, 4}) {
      EXPECT_NEAR(*composite.Moment(Activation::Tanh(), q, p),
                  *hermite.Moment(Activation::Tanh(), q, p), 1e-12)
          << "q=" << q << " p=" << p;
    }
  }
}

// The quadrature alone, without knowing phi, reports divergence instead of a number:
// 1/z (non-integrable singularity at 0) and exp(z^2 / 2) at and beyond the boundary
// q = 1 / (4 alpha) = 0.5 of Proposition 11; just inside the boundary (q = 0.499, where
// the integrand decays like exp(-0.001 z^2)) it cannot tell and also refuses.
TEST(GaussianMoment, QuadratureReportsDivergence) {
  for (const QuadratureMethod method :
       {QuadratureMethod::kCompositeGaussLegendre, QuadratureMethod::kGaussHermite}) {
    const GaussianMomentCalculator calc(QuadratureOnly(method));
    const absl::StatusOr<double> inverse =
        calc.ByQuadrature([](double u) { return u != 0 ? 1.0 / u : 0.0; }, 1.0, 2);
    EXPECT_EQ(inverse.status().code(), absl::StatusCode::kOutOfRange) << inverse.status();
    EXPECT_TRUE(absl::StrContains(inverse.status().message(), "probably infinite"));
    for (const double q : {0.5, 0.6, 2.0}) {
      const absl::StatusOr<double> exp_sq =
          calc.ByQuadrature([](double u) { return std::exp(0.5 * u * u); }, q, 2);
      EXPECT_EQ(exp_sq.status().code(), absl::StatusCode::kOutOfRange)
          << "q=" << q << " method " << static_cast<int>(method) << ": " << exp_sq.status();
    }
  }
  const GaussianMomentCalculator calc(QuadratureOnly(QuadratureMethod::kCompositeGaussLegendre));
  EXPECT_FALSE(calc.ByQuadrature([](double u) { return std::exp(0.5 * u * u); }, 0.499, 2).ok());
}

// Moment() knows the domain of the non-permissible activations and says why.
TEST(GaussianMoment, DomainErrorsNameTheReason) {
  const GaussianMomentCalculator calc;
  const absl::StatusOr<double> e = calc.Moment(Activation::ExpSquare(0.5), 0.5, 2);
  EXPECT_EQ(e.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_TRUE(absl::StrContains(e.status().message(), "Proposition 11")) << e.status();
  EXPECT_TRUE(calc.Moment(Activation::ExpSquare(0.5), 0.499, 2).ok());  // closed form
  EXPECT_NEAR(*calc.Moment(Activation::ExpSquare(0.5), 0.499, 2), 1.0 / std::sqrt(0.002),
              1e-10);
  const absl::StatusOr<double> r = calc.Moment(Activation::Reciprocal(), 1.0, 2);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_TRUE(absl::StrContains(r.status().message(), "not permissible")) << r.status();
  EXPECT_EQ(*calc.Moment(Activation::Reciprocal(), 0.0, 2), 0.0);
  const absl::StatusOr<double> inf_q =
      calc.Moment(Activation::Relu(), std::numeric_limits<double>::infinity(), 2);
  EXPECT_EQ(inf_q.status().code(), absl::StatusCode::kOutOfRange);
}

}  // namespace
}  // namespace vev::activation

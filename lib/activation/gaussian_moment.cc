#include "lib/activation/gaussian_moment.h"

#include <cmath>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/base/check.h"

namespace vev::activation {
namespace {

constexpr double kInvSqrt2Pi = 0.39894228040143267794;

}  // namespace

GaussianMomentCalculator::GaussianMomentCalculator(GaussianMomentOptions options)
    : options_(options) {
  VEV_CHECK(options_.tolerance > 0.0);
  VEV_CHECK(options_.panel_width > 0.0 && options_.half_range > 0.0);
  if (options_.method == QuadratureMethod::kCompositeGaussLegendre) {
    legendre_ = stats::MakeGaussLegendreRule(options_.legendre_nodes);
  } else {
    VEV_CHECK(options_.hermite_nodes >= 1 && options_.hermite_nodes <= 1000);
    hermite_ = stats::MakeGaussHermiteRule(options_.hermite_nodes);
    hermite_check_ = stats::MakeGaussHermiteRule(2 * options_.hermite_nodes);
  }
}

absl::StatusOr<double> GaussianMomentCalculator::ByQuadrature(
    absl::FunctionRef<double(double)> phi, double q, int p) const {
  VEV_CHECK(q >= 0.0);
  VEV_CHECK(p >= 1);
  const double s = std::sqrt(q);
  auto integrand = [&](double z) { return std::pow(phi(s * z), p); };
  double coarse = 0.0, fine = 0.0, tail = 0.0;
  std::string method;
  if (options_.method == QuadratureMethod::kCompositeGaussLegendre) {
    stats::CompositeNormalOptions panels{options_.half_range, options_.panel_width};
    coarse = stats::CompositeNormalExpectation(integrand, legendre_, panels);
    panels.panel_width *= 0.5;
    fine = stats::CompositeNormalExpectation(integrand, legendre_, panels);
    // What the truncated range leaves out is of the order of the integrand (times the
    // density) at its ends; it must be negligible.
    const double l = options_.half_range;
    const double density = kInvSqrt2Pi * std::exp(-0.5 * l * l);
    tail = options_.panel_width * density *
           std::fmax(std::fabs(integrand(l)), std::fabs(integrand(-l)));
    method = absl::StrCat("composite Gauss-Legendre (", legendre_.nodes.size(),
                          " nodes per panel) with panel widths ", options_.panel_width,
                          " and ", 0.5 * options_.panel_width);
  } else {
    coarse = stats::GaussianExpectation(integrand, hermite_);
    fine = stats::GaussianExpectation(integrand, hermite_check_);
    method = absl::StrCat("Gauss-Hermite with ", hermite_.nodes.size(), " and ",
                          hermite_check_.nodes.size(), " nodes");
  }
  const double scale = std::fabs(fine);
  const bool agree = coarse == fine || std::fabs(coarse - fine) <= options_.tolerance * scale;
  if (!std::isfinite(coarse) || !std::isfinite(fine) || !agree) {
    return absl::OutOfRangeError(absl::StrCat(
        "E[phi(sqrt(q) Z)^", p, "] at q = ", q, " did not converge: ", method, " give ", coarse,
        " and ", fine, " (relative tolerance ", options_.tolerance,
        "); the integral is probably infinite"));
  }
  if (!(tail <= options_.tolerance * scale) && tail != 0.0) {
    return absl::OutOfRangeError(absl::StrCat(
        "E[phi(sqrt(q) Z)^", p, "] at q = ", q, ": the integrand does not decay (", tail,
        " at |z| = ", options_.half_range, " against the value ", fine,
        "); the integral is probably infinite"));
  }
  return fine;
}

absl::StatusOr<double> GaussianMomentCalculator::Moment(const Activation& phi, double q,
                                                        int p) const {
  VEV_CHECK(p == 2 || p == 4);
  if (!std::isfinite(q)) {
    return absl::OutOfRangeError(absl::StrCat("E[phi(sqrt(q) Z)^", p, "] for phi = ",
                                              phi.Formula(), " at q = ", q,
                                              ": q is not finite"));
  }
  VEV_CHECK(q >= 0.0);
  const double limit = phi.MomentFiniteBelow(p);
  if (q > 0.0 && q >= limit) {
    std::string reason;
    if (phi.kind() == ActivationKind::kExpSquare) {
      reason = absl::StrCat("phi(sqrt(q) z)^", p, " = exp(", p, " alpha q z^2) is integrable ",
                            "against the Gaussian density only for q < 1 / (2 p alpha) = ",
                            limit, " (Proposition 11)");
    } else if (phi.kind() == ActivationKind::kReciprocal) {
      reason = absl::StrCat("phi(sqrt(q) z)^", p, " = (q z^2)^(-", p / 2,
                            ") is not integrable at z = 0 for any q > 0 (phi is not ",
                            "permissible: unbounded near 0; Sec. 4.1)");
    } else {
      reason = absl::StrCat("the moment is finite only for q < ", limit);
    }
    return absl::OutOfRangeError(absl::StrCat("E[phi(sqrt(q) Z)^", p, "] = infinity for phi = ",
                                              phi.Formula(), " at q = ", q, ": ", reason));
  }
  if (options_.prefer_closed_form) {
    const std::optional<double> closed = phi.GaussianMomentClosedForm(q, p);
    if (closed.has_value()) return *closed;
  }
  return ByQuadrature([&phi](double z) { return phi(z); }, q, p);
}

}  // namespace vev::activation

// Gaussian moments of an activation, E[phi(sqrt(q) Z)^p] with Z ~ N(0, 1), by closed form
// or numerical quadrature, with divergence reported as an error instead of a number. These
// are the integrals of the activation paper's length map (Sec. 3, r~_l) and of its Eq. (4)
// (E[x^2], E[x^4]).
//
// Quadrature methods (lib/stats):
// - kCompositeGaussLegendre (default): 16-point Gauss-Legendre panels of width 0.5 on
//   [-30, 30] (edges at multiples of the width, so kinks at 0 are exact), checked against
//   panels of half the width. Robust for integrands with poles near the real axis
//   (tanh(sqrt(q) z) for large q), where Gauss-Hermite converges slowly.
// - kGaussHermite: n nodes checked against 2n (the classical choice; fine for small q).
// Divergence is caught in two ways: the two resolutions must agree to a relative tolerance
// (a non-integrable singularity, e.g. 1/z^2 at 0, makes the finer one larger), and for the
// composite rule the integrand phi(sqrt(q) z)^p * density must be negligible at the ends of
// the range (an integrand growing like exp(c z^2) with c >= 1/2 is not). A divergent
// integral therefore gives OutOfRange "probably infinite" rather than a garbage number.
#ifndef VEV_LIB_ACTIVATION_GAUSSIAN_MOMENT_H_
#define VEV_LIB_ACTIVATION_GAUSSIAN_MOMENT_H_

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "lib/activation/activation.h"
#include "lib/stats/gauss_hermite.h"
#include "lib/stats/gauss_legendre.h"

namespace vev::activation {

enum class QuadratureMethod { kCompositeGaussLegendre, kGaussHermite };

struct GaussianMomentOptions {
  QuadratureMethod method = QuadratureMethod::kCompositeGaussLegendre;
  // kCompositeGaussLegendre: nodes per panel (1..1000), panel width of the primary rule
  // (the check rule uses half of it), and the half range L of the integration.
  int legendre_nodes = 16;
  double panel_width = 0.5;
  double half_range = 30.0;
  // kGaussHermite: nodes n of the primary rule (1..1000); the check rule has 2n.
  int hermite_nodes = 100;
  // The two resolutions must agree to |I_1 - I_2| <= tolerance * |I_2| (or both be 0), and
  // the integrand at +-L, times the panel width, must be below tolerance * |I_2|.
  double tolerance = 1e-10;
  // Use the activation's closed form when it has one (ReLU, Heaviside, polynomials,
  // exp(alpha z^2), 1/z); false forces the quadrature (for tests).
  bool prefer_closed_form = true;
};

// Holds the quadrature rules; const methods are thread-safe.
class GaussianMomentCalculator {
 public:
  explicit GaussianMomentCalculator(GaussianMomentOptions options = {});

  // E[phi(sqrt(q) Z)^p] for any function phi, q >= 0, p >= 1 (checked), by quadrature.
  // Errors: OutOfRange when the check fails (the message gives both values and says the
  // integral is probably infinite).
  absl::StatusOr<double> ByQuadrature(absl::FunctionRef<double(double)> phi, double q,
                                      int p) const;

  // E[phi(sqrt(q) Z)^p] for p in {2, 4}: first the activation's known domain
  // (Activation::MomentFiniteBelow; OutOfRange with the mathematical reason, e.g.
  // Proposition 11 for exp(alpha z^2)), then the closed form if preferred and available,
  // else ByQuadrature. Errors: OutOfRange also for a non-finite q.
  absl::StatusOr<double> Moment(const Activation& phi, double q, int p) const;

  const GaussianMomentOptions& options() const { return options_; }

 private:
  GaussianMomentOptions options_;
  stats::GaussLegendreRule legendre_;
  stats::GaussHermiteRule hermite_;
  stats::GaussHermiteRule hermite_check_;
};

}  // namespace vev::activation

#endif  // VEV_LIB_ACTIVATION_GAUSSIAN_MOMENT_H_

// Gauss-Legendre quadrature, and expectations under the standard normal by composite
// Gauss-Legendre on panels of fixed width:
//   E[f(Z)] ~= sum over panels [a, a + h] within [-L, L] of the n-point rule applied to
//              f(z) phi(z), phi the N(0, 1) density,
// with panel edges at multiples of h, so that z = 0 is always an edge. Compared with
// Gauss-Hermite (gauss_hermite.h), whose error for an integrand analytic in the strip
// |Im z| < d decays only like exp(-d sqrt(2n)), a composite rule converges geometrically in
// n for any d > 0 (per panel, like (h / 2d)^(2n)), and kinks or jumps at 0 (ReLU, Heaviside)
// cost nothing. The truncation at +-L = 30 drops mass P(|Z| > 30) < 1e-196 of a Gaussian.
// Serves the activation paper's length map and Eq. (4) (lib/activation/gaussian_moment.h).
#ifndef VEV_LIB_STATS_GAUSS_LEGENDRE_H_
#define VEV_LIB_STATS_GAUSS_LEGENDRE_H_

#include <vector>

#include "absl/functional/function_ref.h"

namespace vev::stats {

struct GaussLegendreRule {
  // Ascending nodes in (-1, 1) and their weights (positive, summing to 2).
  std::vector<double> nodes;
  std::vector<double> weights;
};

// The n-point rule on [-1, 1], exact for polynomials of degree <= 2n - 1; 1 <= n <= 1000
// (checked). Nodes from Golub-Welsch refined by Newton on P_n; w = 2 / ((1 - x^2) P_n'(x)^2);
// exactly symmetric.
GaussLegendreRule MakeGaussLegendreRule(int n);

struct CompositeNormalOptions {
  // Integration range [-half_range, half_range] (> 0).
  double half_range = 30.0;
  // Panel width h (> 0); the panels are [k h, (k + 1) h] clipped to the range.
  double panel_width = 0.5;
};

// sum over panels of the rule applied to f(z) * NormalPdf(z). Non-finite values of f
// propagate. The rule's nodes are interior, so f is never evaluated at a panel edge (e.g.
// at 0).
double CompositeNormalExpectation(absl::FunctionRef<double(double)> f,
                                  const GaussLegendreRule& rule,
                                  const CompositeNormalOptions& options = {});

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_GAUSS_LEGENDRE_H_

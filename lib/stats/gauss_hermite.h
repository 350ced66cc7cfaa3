// Gauss-Hermite quadrature for expectations under the standard normal distribution:
//   E[f(Z)] ~= sum_{i=1}^n w_i f(x_i),   Z ~ N(0, 1),
// with x_i the roots of the probabilists' Hermite polynomial He_n and
// w_i = n! / (n He_{n-1}(x_i))^2 = 1 / (n p_{n-1}(x_i)^2), p_k = He_k / sqrt(k!) the
// orthonormal polynomials. Exact for polynomials of degree <= 2n - 1. Serves the activation
// paper's length map q~ (Sec. 3) and its Eq. (4) moments.
//
// Nodes are computed by the Golub-Welsch eigenvalues of the Jacobi matrix (a start accurate
// to ~1e-14) refined by Newton steps on p_n; weights come from the three-term recurrence
// (carrying a power-of-two scale so that n up to 2000 neither overflows nor underflows), so
// even the tiny weights of the outermost nodes have full relative precision. The rule is
// exactly symmetric (x_{n+1-i} = -x_i, equal weights; x = 0 for odd n), which makes the
// quadrature exact for odd integrands and for ReLU- and Heaviside-type kinks at 0.
#ifndef VEV_LIB_STATS_GAUSS_HERMITE_H_
#define VEV_LIB_STATS_GAUSS_HERMITE_H_

#include <vector>

#include "absl/functional/function_ref.h"

namespace vev::stats {

struct GaussHermiteRule {
  // Ascending nodes and their weights (positive, summing to 1).
  std::vector<double> nodes;
  std::vector<double> weights;
};

// The n-point rule; 1 <= n <= 2000 (checked).
GaussHermiteRule MakeGaussHermiteRule(int n);

// sum_i w_i f(x_i). Non-finite values of f propagate.
double GaussianExpectation(absl::FunctionRef<double(double)> f, const GaussHermiteRule& rule);

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_GAUSS_HERMITE_H_

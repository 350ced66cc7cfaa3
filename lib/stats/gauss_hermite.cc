#include "lib/stats/gauss_hermite.h"

#include <cmath>

#include "Eigen/Core"
#include "lib/base/check.h"
#include "lib/stats/golub_welsch.h"

namespace vev::stats {
namespace {

// p_{n-1}(x) and p_n(x) of the orthonormal recurrence
//   p_{k+1} = (x p_k - sqrt(k) p_{k-1}) / sqrt(k + 1),  p_0 = 1, p_{-1} = 0,
// as mantissas times 2^exponent (both share the exponent), rescaled whenever they grow
// large: at the outer nodes of a large rule p_{n-1}^2 exceeds the double range.
struct ScaledPair {
  double p_prev;  // p_{n-1} / 2^exponent
  double p_last;  // p_n / 2^exponent
  int exponent;
};

ScaledPair OrthonormalHermite(int n, double x) {
  double prev = 0.0, cur = 1.0;
  int exponent = 0;
  for (int k = 0; k < n; ++k) {
    const double next = (x * cur - std::sqrt(static_cast<double>(k)) * prev) /
                        std::sqrt(static_cast<double>(k + 1));
    prev = cur;
    cur = next;
    if (std::fabs(cur) > 0x1.0p+200) {
      prev = std::ldexp(prev, -200);
      cur = std::ldexp(cur, -200);
      exponent += 200;
    }
  }
  return {prev, cur, exponent};
}

}  // namespace

GaussHermiteRule MakeGaussHermiteRule(int n) {
  VEV_CHECK(n >= 1 && n <= 2000);
  GaussHermiteRule rule;
  rule.nodes.resize(n);
  rule.weights.resize(n);
  if (n == 1) {
    rule.nodes[0] = 0.0;
    rule.weights[0] = 1.0;
    return rule;
  }
  // Golub-Welsch: the nodes are the eigenvalues of the symmetric tridiagonal Jacobi matrix
  // with zero diagonal and off-diagonal sqrt(1), ..., sqrt(n - 1).
  Eigen::VectorXd diagonal = Eigen::VectorXd::Zero(n);
  Eigen::VectorXd off_diagonal(n - 1);
  for (int k = 1; k < n; ++k) off_diagonal(k - 1) = std::sqrt(static_cast<double>(k));
  const Eigen::VectorXd start = GolubWelschNodes(diagonal, off_diagonal);  // ascending

  // Refine the non-negative half and mirror it, so that the rule is exactly symmetric.
  const double sqrt_n = std::sqrt(static_cast<double>(n));
  for (int i = n / 2; i < n; ++i) {
    double x = (n % 2 == 1 && i == n / 2) ? 0.0 : start(i);
    ScaledPair p = OrthonormalHermite(n, x);
    if (x != 0.0) {
      // Newton on p_n, with p_n' = sqrt(n) p_{n-1}; the scale cancels in the ratio.
      for (int iter = 0; iter < 3; ++iter) {
        x -= p.p_last / (sqrt_n * p.p_prev);
        p = OrthonormalHermite(n, x);
      }
    }
    // w = 1 / (n p_{n-1}^2) with p_{n-1} = p_prev 2^exponent.
    const double weight =
        std::ldexp(1.0 / (static_cast<double>(n) * p.p_prev * p.p_prev), -2 * p.exponent);
    rule.nodes[i] = x;
    rule.weights[i] = weight;
    rule.nodes[n - 1 - i] = -x;
    rule.weights[n - 1 - i] = weight;
  }
  return rule;
}

double GaussianExpectation(absl::FunctionRef<double(double)> f, const GaussHermiteRule& rule) {
  // Sum from the outermost (smallest-weight) nodes inwards: small terms first.
  const size_t n = rule.nodes.size();
  double sum = 0.0;
  for (size_t k = 0; k < (n + 1) / 2; ++k) {
    const size_t lo = k, hi = n - 1 - k;
    sum += rule.weights[lo] * f(rule.nodes[lo]);
    if (hi != lo) sum += rule.weights[hi] * f(rule.nodes[hi]);
  }
  return sum;
}

}  // namespace vev::stats

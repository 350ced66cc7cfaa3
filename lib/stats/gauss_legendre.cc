#include "lib/stats/gauss_legendre.h"

#include <cmath>

#include "Eigen/Core"
#include "lib/base/check.h"
#include "lib/stats/golub_welsch.h"

namespace vev::stats {
namespace {

constexpr double kInvSqrt2Pi = 0.39894228040143267794;

// P_n(x) and P_{n-1}(x) by (k + 1) P_{k+1} = (2k + 1) x P_k - k P_{k-1}.
void Legendre(int n, double x, double* p_n, double* p_n_minus_1) {
  double prev = 1.0, cur = x;
  for (int k = 1; k < n; ++k) {
    const double next = ((2.0 * k + 1.0) * x * cur - k * prev) / (k + 1.0);
    prev = cur;
    cur = next;
  }
  *p_n = cur;
  *p_n_minus_1 = prev;
}

}  // namespace

GaussLegendreRule MakeGaussLegendreRule(int n) {
  VEV_CHECK(n >= 1 && n <= 1000);
  GaussLegendreRule rule;
  rule.nodes.resize(n);
  rule.weights.resize(n);
  if (n == 1) {
    rule.nodes[0] = 0.0;
    rule.weights[0] = 2.0;
    return rule;
  }
  // Jacobi matrix of the Legendre recurrence: zero diagonal, off-diagonal k / sqrt(4k^2 - 1).
  Eigen::VectorXd diagonal = Eigen::VectorXd::Zero(n);
  Eigen::VectorXd off_diagonal(n - 1);
  for (int k = 1; k < n; ++k) off_diagonal(k - 1) = k / std::sqrt(4.0 * k * k - 1.0);
  const Eigen::VectorXd start = GolubWelschNodes(diagonal, off_diagonal);  // ascending
  for (int i = n / 2; i < n; ++i) {
    double x = (n % 2 == 1 && i == n / 2) ? 0.0 : start(i);
    double p = 0.0, p1 = 0.0, dp = 0.0;
    for (int iter = 0; iter < 4; ++iter) {
      Legendre(n, x, &p, &p1);
      // P_n'(x) = n (x P_n - P_{n-1}) / (x^2 - 1).
      dp = n * (x * p - p1) / (x * x - 1.0);
      if (x == 0.0 && n % 2 == 1) break;  // exact root
      x -= p / dp;
    }
    Legendre(n, x, &p, &p1);
    dp = n * (x * p - p1) / (x * x - 1.0);
    const double w = 2.0 / ((1.0 - x * x) * dp * dp);
    rule.nodes[i] = x;
    rule.weights[i] = w;
    rule.nodes[n - 1 - i] = -x;
    rule.weights[n - 1 - i] = w;
  }
  return rule;
}

double CompositeNormalExpectation(absl::FunctionRef<double(double)> f,
                                  const GaussLegendreRule& rule,
                                  const CompositeNormalOptions& options) {
  VEV_CHECK(options.half_range > 0.0 && options.panel_width > 0.0);
  const double h = options.panel_width;
  const double range = options.half_range;
  const long panels_per_side = static_cast<long>(std::ceil(range / h));
  const size_t n = rule.nodes.size();
  // Panels from the outside in on each side (small contributions first), the two sides
  // interleaved so that symmetric integrands cancel term by term.
  double sum = 0.0;
  for (long k = panels_per_side - 1; k >= 0; --k) {
    const double a = k * h;
    const double b = std::fmin((k + 1) * h, range);
    const double half = 0.5 * (b - a), mid = 0.5 * (a + b);
    for (size_t i = 0; i < n; ++i) {
      const double z = mid + half * rule.nodes[i];
      const double w = half * rule.weights[i] * kInvSqrt2Pi * std::exp(-0.5 * z * z);
      sum += w * f(z);
      sum += w * f(-z);
    }
  }
  return sum;
}

}  // namespace vev::stats

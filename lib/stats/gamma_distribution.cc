#include "lib/stats/gamma_distribution.h"

#include <cmath>
#include <limits>

#include "lib/base/check.h"

namespace vev::stats {
namespace {

constexpr double kEps = 1e-16;
constexpr int kMaxIterations = 100000;

// log of x^a e^-x / Gamma(a): the common prefactor of the series and the continued fraction.
double LogPrefactor(double a, double x) { return a * std::log(x) - x - std::lgamma(a); }

// P(a, x) = x^a e^-x / Gamma(a + 1) * sum_{n >= 0} x^n / ((a + 1) ... (a + n)); converges
// for every x, fast for x < a + 1. Gamma(a + 1) = a Gamma(a) keeps tiny a exact.
double SeriesP(double a, double x) {
  double term = 1.0, sum = 1.0;
  for (int n = 1; n < kMaxIterations; ++n) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * kEps) break;
  }
  return std::exp(LogPrefactor(a, x) - std::log(a)) * sum;
}

// Q(a, x) = x^a e^-x / Gamma(a) * 1 / (x + 1 - a - 1 (1 - a) / (x + 3 - a - ...)), by the
// modified Lentz method; for x >= a + 1.
double ContinuedFractionQ(double a, double x) {
  constexpr double kTiny = 1e-300;
  double b = x + 1.0 - a;
  double c = 1.0 / kTiny;
  double d = 1.0 / b;
  double h = d;
  for (int i = 1; i < kMaxIterations; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = b + an / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEps) break;
  }
  return std::exp(LogPrefactor(a, x)) * h;
}

}  // namespace

double RegularizedGammaP(double a, double x) {
  VEV_CHECK(a > 0.0);
  if (!(x > 0.0)) return 0.0;
  if (std::isinf(x)) return 1.0;
  if (x < a + 1.0) return SeriesP(a, x);
  return 1.0 - ContinuedFractionQ(a, x);
}

double RegularizedGammaQ(double a, double x) {
  VEV_CHECK(a > 0.0);
  if (!(x > 0.0)) return 1.0;
  if (std::isinf(x)) return 0.0;
  if (x < a + 1.0) return 1.0 - SeriesP(a, x);
  return ContinuedFractionQ(a, x);
}

double GammaLogPdf(double x, double shape, double scale) {
  VEV_CHECK(shape > 0.0 && scale > 0.0);
  if (!(x > 0.0)) return -std::numeric_limits<double>::infinity();
  const double u = x / scale;
  return (shape - 1.0) * std::log(u) - u - std::lgamma(shape) - std::log(scale);
}

double GammaPdf(double x, double shape, double scale) {
  if (!(x > 0.0)) {
    VEV_CHECK(shape > 0.0 && scale > 0.0);
    return 0.0;
  }
  return std::exp(GammaLogPdf(x, shape, scale));
}

double GammaCdf(double x, double shape, double scale) {
  VEV_CHECK(shape > 0.0 && scale > 0.0);
  return RegularizedGammaP(shape, x / scale);
}

}  // namespace vev::stats

#include "lib/stats/distributions.h"

#include <cmath>
#include <limits>

#include "lib/base/check.h"

namespace vev::stats {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kSqrt2 = 1.41421356237309504880;
constexpr double kInvSqrt2Pi = 0.39894228040143267794;

// Standard normal quantile for p in (0, 1/2]: a starting point from the Abramowitz & Stegun
// 26.2.23 rational approximation (|error| < 4.5e-4), then Newton steps on
// Phi(x) - p = 0 with Phi from erfc (relative accuracy ~1e-16 in the lower tail). Newton
// converges quadratically from that start; three steps reach full precision.
double LowerTailQuantile(double p) {
  const double t = std::sqrt(-2.0 * std::log(p));
  double x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) /
                       (1.0 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  for (int i = 0; i < 4; ++i) {
    const double cdf = 0.5 * std::erfc(-x / kSqrt2);
    const double pdf = kInvSqrt2Pi * std::exp(-0.5 * x * x);
    if (pdf == 0.0) break;
    // Halley's correction on top of Newton: d = (cdf - p) / pdf, x -= d / (1 + x d / 2).
    const double d = (cdf - p) / pdf;
    x -= d / (1.0 + 0.5 * x * d);
  }
  return x;
}

}  // namespace

double NormalPdf(double x, double mean, double sd) {
  VEV_CHECK(sd > 0.0);
  const double z = (x - mean) / sd;
  return kInvSqrt2Pi * std::exp(-0.5 * z * z) / sd;
}

double NormalCdf(double x, double mean, double sd) {
  VEV_CHECK(sd > 0.0);
  return 0.5 * std::erfc(-(x - mean) / (sd * kSqrt2));
}

double NormalQuantile(double p, double mean, double sd) {
  VEV_CHECK(sd > 0.0);
  VEV_CHECK(p >= 0.0 && p <= 1.0);
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  // Work in the lower tail, where p itself carries full relative precision.
  const double z = p <= 0.5 ? LowerTailQuantile(p) : -LowerTailQuantile(1.0 - p);
  return mean + sd * z;
}

double CauchyPdf(double x, double location, double scale) {
  VEV_CHECK(scale > 0.0);
  const double z = (x - location) / scale;
  return 1.0 / (kPi * scale * (1.0 + z * z));
}

double CauchyCdf(double x, double location, double scale) {
  VEV_CHECK(scale > 0.0);
  return 0.5 + std::atan((x - location) / scale) / kPi;
}

double CauchyQuantile(double p, double location, double scale) {
  VEV_CHECK(scale > 0.0);
  VEV_CHECK(p >= 0.0 && p <= 1.0);
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  return location + scale * std::tan(kPi * (p - 0.5));
}

double LevyCdf(double x, double c) {
  VEV_CHECK(c > 0.0);
  if (!(x > 0.0)) return 0.0;
  return std::erfc(std::sqrt(c / (2.0 * x)));
}

double LevyQuantile(double p, double c) {
  VEV_CHECK(c > 0.0);
  VEV_CHECK(p >= 0.0 && p <= 1.0);
  if (p == 0.0) return 0.0;
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  // F(x) = p  <=>  P(|Z| > sqrt(c / x)) = p  <=>  sqrt(c / x) = Q_normal(1 - p / 2).
  const double z = -NormalQuantile(0.5 * p);
  return c / (z * z);
}

}  // namespace vev::stats

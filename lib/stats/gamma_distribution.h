// The Gamma distribution Gamma(k, theta) (shape k, scale theta), the approximation of the
// law of S_n^2 / sigma^2 in Sec. 5 of the vanishing-variance paper:
//   S_n^2 / sigma^2 ~ Gamma(k = DF_n / 2, theta = 2 / DF_n),
//   f(x; k, theta) = x^(k-1) exp(-x / theta) / (Gamma(k) theta^k)   (x > 0),
//   F(x; k, theta) = P(k, x / theta),
// with P the regularized lower incomplete gamma function. Shapes as small as 1e-12 occur
// (the kurtosis of deep networks is astronomically large), so everything works in logs
// where needed. Double precision, no state.
#ifndef VEV_LIB_STATS_GAMMA_DISTRIBUTION_H_
#define VEV_LIB_STATS_GAMMA_DISTRIBUTION_H_

namespace vev::stats {

// P(a, x) = (1 / Gamma(a)) int_0^x t^(a-1) e^-t dt for a > 0, x >= 0 (0 for x <= 0): the
// series for x < a + 1, else 1 - Q(a, x) from the continued fraction (modified Lentz).
// Relative accuracy about 1e-14 for P and for Q = 1 - P.
double RegularizedGammaP(double a, double x);
// Q(a, x) = 1 - P(a, x), computed without cancellation.
double RegularizedGammaQ(double a, double x);

// Density, log-density and CDF of Gamma(shape, scale); shape > 0, scale > 0 (checked).
// GammaPdf is 0 for x <= 0 (+inf at x = 0 for shape < 1 is not returned: x must be > 0);
// GammaLogPdf returns -inf for x <= 0.
double GammaPdf(double x, double shape, double scale);
double GammaLogPdf(double x, double shape, double scale);
double GammaCdf(double x, double shape, double scale);

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_GAMMA_DISTRIBUTION_H_

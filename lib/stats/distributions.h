// Densities, distribution functions and quantile functions of the reference distributions
// of both papers: the normal, the Cauchy (activation paper, Proposition 9 and Fig. 1) and
// the Levy distribution (the stable law of 1/Z^2 that sets the scale of each
// initialization in the activation paper's 1/z demo). Double precision, no state.
#ifndef VEV_LIB_STATS_DISTRIBUTIONS_H_
#define VEV_LIB_STATS_DISTRIBUTIONS_H_

namespace vev::stats {

// N(mean, sd^2): density, CDF (via erfc, accurate in both tails), quantile (p in (0, 1);
// -inf / +inf at 0 / 1; relative accuracy about 1e-15). sd > 0.
double NormalPdf(double x, double mean = 0.0, double sd = 1.0);
double NormalCdf(double x, double mean = 0.0, double sd = 1.0);
double NormalQuantile(double p, double mean = 0.0, double sd = 1.0);

// Cauchy(location, scale) (activation paper, Definition 2):
//   f(x) = 1 / (pi scale (1 + ((x - location) / scale)^2)),
//   F(x) = 1/2 + atan((x - location) / scale) / pi,  Q(p) = location + scale tan(pi (p - 1/2)).
// scale > 0.
double CauchyPdf(double x, double location = 0.0, double scale = 1.0);
double CauchyCdf(double x, double location = 0.0, double scale = 1.0);
double CauchyQuantile(double p, double location = 0.0, double scale = 1.0);

// Levy(0, c), the law of c / Z^2 for Z ~ N(0, 1) (stable with index 1/2: a sum of n i.i.d.
// copies is n^2 times one copy): F(x) = erfc(sqrt(c / (2 x))) for x > 0, 0 otherwise;
// Q(p) = c / (2 erfcinv(p)^2) = c / NormalQuantile(1 - p/2)^2. c > 0.
double LevyCdf(double x, double c = 1.0);
double LevyQuantile(double p, double c = 1.0);

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_DISTRIBUTIONS_H_

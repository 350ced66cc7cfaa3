// The experiments of the activation paper's Sec. 5: x_0 = (1, ..., 1), sigma_w = 1,
// sigma_b = 0, phi(z) = 1/z, the values of the second layer h_2 over several random
// initializations.
// - Fig. 1 (Proposition 9): every h_{2,i} is Cauchy(0, sqrt(N)) (for every sigma_w); the
//   pooled values are compared with that Cauchy and with a Gaussian fitted to them, by the
//   Kolmogorov-Smirnov distance.
// - Fig. 2 (dependence): within one initialization the h_{2,i} share the scale
//   s = sqrt(sigma_w^2 r_1 + sigma_b^2), r_1 = (1/N) sum_j phi(h_{1,j})^2: given h_1 they
//   are i.i.d. N(0, s^2). For 1/z, r_1 = (1 / (N sigma_w^2)) sum_j 1/Z_j^2 and a sum of N
//   Levy(0, 1) variables is N^2 Levy(0, 1), so s^2 = N L with L ~ Levy(0, 1), i.e.
//   s = sqrt(N) / |Z'| for a standard normal Z': the scale of each initialization is itself
//   heavy-tailed, and the interquartile range of an initialization is about
//   2 Q_normal(3/4) sqrt(N) / |Z'|, whereas N independent Cauchy(0, sqrt(N)) values would give
//   2 sqrt(N) every time.
#ifndef VEV_LIB_ACTIVATION_SECOND_LAYER_DEMO_H_
#define VEV_LIB_ACTIVATION_SECOND_LAYER_DEMO_H_

#include <cstdint>

#include "Eigen/Core"
#include "lib/activation/random_network.h"
#include "lib/base/eigen_types.h"

namespace vev::activation {

struct SecondLayerSampleOptions {
  // The network (depth must be 2, checked). The paper: phi = 1/z, sigma_w = 1, sigma_b = 0,
  // explicit weights.
  RandomNetworkSpec spec;
  // M >= 1 initializations; initialization m uses RandomStream(seed, {key, m}).
  int initializations = 100;
  uint64_t seed = 1;
  uint64_t key = 0;
};

struct SecondLayerSample {
  // N x M: column m holds h_2 of initialization m.
  MatrixD h2;
  // M: the exact standard deviation s_m = sqrt(sigma_w^2 r_1 + sigma_b^2) of h_2 given h_1
  // for each initialization.
  VectorD conditional_sd;
  // M: min_j |h_{1,j}| of each initialization (for 1/z a tiny one makes r_1, hence every
  // |h_2| of that initialization, large: the paper's explanation of Fig. 2).
  VectorD min_abs_h1;
};

SecondLayerSample SampleSecondLayers(const SecondLayerSampleOptions& options);

// Goodness of fit of all values of h2 (pooled over initializations).
struct PooledFit {
  int64_t values = 0;
  // The Cauchy reference's scale (sqrt(N) for the paper's demo).
  double cauchy_scale = 0.0;
  // The fitted Gaussian N(0, gaussian_sd^2): gaussian_sd^2 = mean of h^2, the maximum
  // likelihood fit of the paper's zero-mean "Gauss(0, sigma^2) for sigma estimated from the
  // data". For Cauchy data it is dominated by the largest values.
  double gaussian_sd = 0.0;
  // Kolmogorov-Smirnov distances sup |F_pooled - F| to Cauchy(0, cauchy_scale) and to
  // N(0, gaussian_sd^2).
  double ks_cauchy = 0.0;
  double ks_gaussian = 0.0;
};

// h2: any matrix of values (non-empty, no NaN; checked); cauchy_scale > 0.
PooledFit FitPooled(const Eigen::Ref<const MatrixD>& h2, double cauchy_scale);

// The interquartile range of each column (quartiles by mquantiles, alphap = betap = 0.4).
VectorD ColumnInterquartileRanges(const Eigen::Ref<const MatrixD>& h2);

// Fig. 2's spread of the per-initialization scale on a log scale: the sample standard
// deviation (ddof = 1) of log(iqr_k / (2 sqrt(width))) over k. For phi = 1/z it tends to
// sd(log|Z|) = pi / sqrt(8) as the number of initializations grows. iqr: >= 2 positive
// values (the output of ColumnInterquartileRanges); width >= 1.
double SdLogIqr(const Eigen::Ref<const VectorD>& iqr, int width);

// The control of SdLogIqr: width x groups i.i.d. Cauchy(0, sqrt(width)) values, drawn as
// sqrt(width) Z / Z' (Z, Z' independent standard normals, in that order), column k from
// RandomStream(seed, {kIidCauchyKey, k}). No dependence within a column: the IQR of a
// column is about 2 sqrt(width) every time.
inline constexpr uint64_t kIidCauchyKey = 0x11dca0c4ULL;
MatrixD IidCauchyGroups(int width, int groups, uint64_t seed);

// The p-quantile of s / sqrt(N) for phi = 1/z, sigma_w = 1, sigma_b = 0, where
// s / sqrt(N) = 1 / |Z'| in law: Q(p) = 1 / Q_|Z|(1 - p) = 1 / Q_normal(1 - p/2). p in (0, 1).
double ReciprocalScaleQuantile(double p);

}  // namespace vev::activation

#endif  // VEV_LIB_ACTIVATION_SECOND_LAYER_DEMO_H_

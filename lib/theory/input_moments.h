// The input state (kappa_0, c_0) of Proposition 3 for a He random vector made by
// Proposition 2, z = W x, with W a random matrix of i.i.d. symmetric entries (variance s^2,
// kurtosis k_w) independent of the input x: exactly (closed forms) and by Monte Carlo as
// PROTOCOL.md prescribes for Sec. 6.1 / Fig. 1 of the vanishing-variance paper.
//
// Closed forms. Conditionally on x, the entries z_i = sum_k W_ik x_k of different rows are
// independent, with E[z_i^2 | x] = s^2 |x|^2 and
//   E[z_i^4 | x] = s^4 (3 |x|^4 + (k_w - 3) sum_k x_k^4),
// so over x and W (c_0 normalized by E[z^2]^2 as in PROTOCOL.md and the paper's Sec. 6.1):
//   c_0     = Var(|x|^2) / E[|x|^2]^2                   (any k_w),
//   kappa_0 = 3 (1 + c_0) + (k_w - 3) q,   q = E[sum_k x_k^4] / E[|x|^2]^2.
// For Gaussian W (k_w = 3) kappa_0 = 3 (1 + c_0) exactly: PROTOCOL.md's test of the
// estimator. For x ~ N(0, I_n): c_0 = 2 / n, q = 3 / n.
//
// Monte Carlo (PROTOCOL.md: "over random data points x and random Gaussian W (i.i.d.
// entries); 10^7 samples"): the samples are the entries z_i. Group g draws one W
// (rows x D, N(0, 2 / D): the he_normal first layer; the scale cancels in kappa_0 and
// c_0) and `points_per_group` data points uniformly with replacement, and contributes the
// rows-dimensional vectors z = W x of its points (float arithmetic, like the network's first
// Linear). Groups are the independent batches of lib/stats/exchangeable_moments.h: within
// a group all z share W, and c_0 is estimated from the pairs of rows of each z.
#ifndef VEV_LIB_THEORY_INPUT_MOMENTS_H_
#define VEV_LIB_THEORY_INPUT_MOMENTS_H_

#include <cstdint>

#include "Eigen/Core"
#include "lib/base/eigen_types.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/exchangeable_moments.h"
#include "lib/theory/kurtosis_recursion.h"

namespace vev::theory {

// Exact moments of z = W x over the input distribution.
struct TransformMoments {
  // Dimension D of x.
  int dimension = 0;
  // E[|x|^2].
  double mean_squared_norm = 0.0;
  // c_0 = Var(|x|^2) / E[|x|^2]^2 (population variance over the inputs).
  double normalized_cov_squares = 0.0;
  // q = E[sum_k x_k^4] / E[|x|^2]^2.
  double fourth_power_ratio = 0.0;

  // kappa_0 = 3 (1 + c_0) + (k_w - 3) q for weights of kurtosis k_w.
  double Kurtosis(double weight_kurtosis) const;
  // The normalized Proposition 3 input state (kappa_0, c_0) for weight kurtosis k_w, at
  // output variance 1 (the recursion is scale-free in this form: KurtosisModel with
  // output_variance = 1).
  KurtosisState State(double weight_kurtosis) const;
};

// x uniform over the columns of `features` (D x N, N >= 1), computed in double.
TransformMoments DatasetTransformMoments(const Eigen::Ref<const Matrix>& features);
// x ~ N(0, I_n): E|x|^2 = n, c_0 = 2 / n, q = 3 / n. n >= 1.
TransformMoments GaussianTransformMoments(int dimension);

// Options of the Monte-Carlo estimate.
struct InputMomentOptions {
  // Rows of each W draw: the dimension d of every z (>= 2).
  int rows = 10;
  // Data points per group (>= 1); a group yields rows * points_per_group samples z_i.
  int points_per_group = 100;
  // Points pushed through one GEMM (memory: D * chunk floats); >= 1.
  int chunk = 1000;
};

// The sums of one group (a batch): W from group_stream.Child(0) (column-major, Normal),
// point indices from group_stream.Child(1) (UniformInt(N)). `features` is D x N.
stats::ExchangeableMomentSums SampleTransformGroup(const Eigen::Ref<const Matrix>& features,
                                                   const InputMomentOptions& options,
                                                   const rng::RandomStream& group_stream);

}  // namespace vev::theory

#endif  // VEV_LIB_THEORY_INPUT_MOMENTS_H_

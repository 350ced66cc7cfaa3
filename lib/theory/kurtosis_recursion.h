// Exact kurtosis dynamics of He-initialized (leaky) ReLU networks: Proposition 3, Lemma 4
// and Theorem 1 of "The Vanishing Empirical Variance in Randomly Initialized Deep ReLU
// Networks".
//
// The state of layer l is k(l) = [kappa_l, c_l, 1]^T, with kappa_l the kurtosis of every
// entry of y(l) and c_l = Cov[y_i(l)^2, y_j(l)^2] (i != j). Proposition 3:
//   k(l+1) = A(l) k(l),
//   A(l) = [ 2(a^4+1)k_w / (w(a^2+1)^2)       3(w-1)/(w s^4)   3(w-1)/w ]
//          [ 2(a^4+1)s^4 / (w(a^2+1)^2)       (w-1)/w          -s^4/w   ]
//          [ 0                                0                1        ]
// with a the negative slope, w = w_l the width of layer l, k_w the weight kurtosis and s^2
// the (constant) variance of the layer outputs.
//
// Everything here is in double precision and has no state.
#ifndef VEV_LIB_THEORY_KURTOSIS_RECURSION_H_
#define VEV_LIB_THEORY_KURTOSIS_RECURSION_H_

#include <vector>

#include "Eigen/Core"
#include "absl/types/span.h"

namespace vev::theory {

// Parameters of one transition matrix A(l) other than the width.
struct KurtosisModel {
  // Negative slope a of the leaky ReLU phi_a (0: ReLU).
  double negative_slope = 0.0;
  // Kurtosis k_w of the weight distribution: 3 normal, 1.8 uniform, 1 Bernoulli.
  double weight_kurtosis = 3.0;
  // Variance s^2 of every layer's outputs (He initialization keeps it constant).
  double output_variance = 1.0;
};

// (kappa_l, c_l) of one layer; c is the unnormalized covariance of squares.
struct KurtosisState {
  double kurtosis = 3.0;
  double cov_squares = 0.0;
};

// A(l) of Proposition 3 for a layer of width `width` (>= 1).
Eigen::Matrix3d KurtosisTransition(const KurtosisModel& model, int width);

// B = A(d) A(d-1) ... A(0) for widths = (w_0, ..., w_d); the identity for no widths.
Eigen::Matrix3d KurtosisTransitionProduct(const KurtosisModel& model,
                                          absl::Span<const int> widths);

// (kappa, c) after applying A(0), ..., A(d) to `input`, for widths = (w_0, ..., w_d).
KurtosisState PropagateKurtosis(const KurtosisModel& model, const KurtosisState& input,
                                absl::Span<const int> widths);

// The states of every layer: element 0 is `input`, element l + 1 is A(l) applied to
// element l; size widths.size() + 1.
std::vector<KurtosisState> KurtosisTrajectory(const KurtosisModel& model,
                                              const KurtosisState& input,
                                              absl::Span<const int> widths);

// The largest eigenvalue of A(l) for width `width` (Lemma 4: it exceeds 1), from the
// trace and determinant of the upper-left 2x2 block A_-:
//   lambda_max = (tr + sqrt(tr^2 - 4 det)) / 2.
double LargestEigenvalue(const KurtosisModel& model, int width);

// Input state of a He random vector from a dataset, given its kurtosis kappa_0 and the
// normalized covariance of squares c_0 / E[z^2]^2 (the form PROTOCOL.md and the paper
// quote), at the model's output variance.
KurtosisState StateFromNormalized(const KurtosisModel& model, double kurtosis,
                                  double normalized_cov_squares);

}  // namespace vev::theory

#endif  // VEV_LIB_THEORY_KURTOSIS_RECURSION_H_

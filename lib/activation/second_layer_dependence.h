// Theorem 10 of the activation paper: the hidden nodes of the second layer are not
// independent. Eq. (4):
//   E[h_{2,1}^2 h_{2,2}^2] - E[h_{2,1}^2] E[h_{2,2}^2] = sigma_w^4 (E[x^4] - E[x^2]^2) / N,
// with x = phi(h_{1,1}) and h_{1,1} ~ N(0, sigma_w^2 + sigma_b^2) for an input in {-1, 1}^N
// (Eq. (4) holds for every sigma_b: given x_1, the h_{2,i} are i.i.d. N(0, S) with
// S = sigma_w^2 r_1 + sigma_b^2, and the covariance is Var[S] = sigma_w^4 Var[x^2] / N).
//   ReLU, sigma_b = 0:  E[x^2] = sigma_w^2 / 2, E[x^4] = 3 sigma_w^4 / 2 -> 5 sigma_w^8 / (4N).
//   Heaviside:          E[x^4] = E[x^2] = 1/2                          -> sigma_w^4 / (4N);
// the paper's text prints 3 sigma_w^4 / (4N) for Heaviside, which contradicts its own
// Eq. (4) (PROTOCOL.md); PaperTextCovSquares returns the printed values for comparison.
// The Monte-Carlo side simulates many independent networks and estimates the covariance
// from all pairs i != j of each network's second layer (lib/stats/squares_covariance.h).
#ifndef VEV_LIB_ACTIVATION_SECOND_LAYER_DEPENDENCE_H_
#define VEV_LIB_ACTIVATION_SECOND_LAYER_DEPENDENCE_H_

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "lib/activation/activation.h"
#include "lib/activation/gaussian_moment.h"
#include "lib/activation/random_network.h"
#include "lib/stats/squares_covariance.h"

namespace vev::activation {

// Eq. (4) for phi, sigma_w, sigma_b and width N >= 2. Errors: those of the moments
// (OutOfRange when E[x^4] is infinite, e.g. for 1/z).
absl::StatusOr<double> Eq4CovSquares(const Activation& phi, double sigma_w, double sigma_b,
                                     int width, const GaussianMomentCalculator& calculator);

// The values printed in the paper's text (Sec. 4.2, sigma_b = 0): 5 sigma_w^8 / (4N) for
// ReLU and 3 sigma_w^4 / (4N) for Heaviside; nullopt for other activations.
std::optional<double> PaperTextCovSquares(const Activation& phi, double sigma_w, int width);

struct SecondLayerSimulationOptions {
  // The network: spec.depth must be 2 (checked); spec.width >= 2.
  RandomNetworkSpec spec;
  // Independent networks M >= 2; network m uses RandomStream(seed, {key, m}).
  int64_t networks = 100000;
  uint64_t seed = 1;
  uint64_t key = 0;
  // Worker threads (>= 1). The result's bits do not depend on it.
  int threads = 1;
  // Networks per chunk: chunks are merged in index order (a fixed reduction tree).
  int64_t chunk_networks = 4096;
};

// Simulates `networks` networks with input x_0 = (1, ..., 1) and accumulates the second
// layer's covariance of squares over all pairs of nodes of each network.
stats::SquaresCovariance SimulateSecondLayerCovSquares(const SecondLayerSimulationOptions& options);

}  // namespace vev::activation

#endif  // VEV_LIB_ACTIVATION_SECOND_LAYER_DEPENDENCE_H_

// Monte Carlo of the length process of the activation paper (Sec. 3, Theorem 2): for
// independent random networks with input x_0 = (1, ..., 1), the per-layer squared lengths
//   q_l = (1/N) sum_i h_{l,i}^2,  l = 1, ..., D,
// to be compared with the length map q~_l (length_map.h). Theorem 2: for permissible phi,
// q_l -> q~_l in probability as N grows.
#ifndef VEV_LIB_ACTIVATION_LENGTH_PROCESS_H_
#define VEV_LIB_ACTIVATION_LENGTH_PROCESS_H_

#include <cstdint>
#include <optional>

#include "absl/types/span.h"
#include "lib/activation/random_network.h"
#include "lib/base/eigen_types.h"

namespace vev::activation {

struct LengthProcessOptions {
  RandomNetworkSpec spec;
  // R >= 1 independent networks; network r uses RandomStream(seed, {key, r}).
  int repeats = 100;
  uint64_t seed = 1;
  uint64_t key = 0;
  // Worker threads (>= 1); the result does not depend on it (one slot per network).
  int threads = 1;
};

// D x R: element (l - 1, r) is q_l of network r.
MatrixD SimulateLengthProcess(const LengthProcessOptions& options);

// One layer's q_l over R networks, against the length map's q~_l (Theorem 2: every quantile
// of |e| goes to 0 as N grows, e = (q_l - q~_l) / q~_l the relative distance).
struct LengthLayerSummary {
  // Quartiles of q_l (mquantiles, alphap = betap = 0.4).
  double q25 = 0.0, q50 = 0.0, q75 = 0.0;
  // Only with q~_l (else 0): quantiles of |e| at 1/2 (median_abs), at 1/2 -+ sqrt(1 / (4 R))
  // (median_abs_lo / _hi: a 1-SE band of the median) and at 0.9 (p90_abs), all by
  // mquantiles; rms = sqrt(mean e^2); mean = mean e (the O(1/N) bias).
  double median_abs = 0.0, median_abs_lo = 0.0, median_abs_hi = 0.0, p90_abs = 0.0;
  double rms = 0.0, mean = 0.0;
};

// q: the R >= 2 values q_l of one layer (a row of SimulateLengthProcess); q_tilde: q~_l,
// or nullopt where the length map is undefined (then only the quartiles are computed).
LengthLayerSummary SummarizeLengthLayer(absl::Span<const double> q,
                                        std::optional<double> q_tilde);

}  // namespace vev::activation

#endif  // VEV_LIB_ACTIVATION_LENGTH_PROCESS_H_

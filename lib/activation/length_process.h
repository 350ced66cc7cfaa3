// Monte Carlo of the length process of the activation paper (Sec. 3, Theorem 2): for
// independent random networks with input x_0 = (1, ..., 1), the per-layer squared lengths
//   q_l = (1/N) sum_i h_{l,i}^2,  l = 1, ..., D,
// to be compared with the length map q~_l (length_map.h). Theorem 2: for permissible phi,
// q_l -> q~_l in probability as N grows.
#ifndef VEV_LIB_ACTIVATION_LENGTH_PROCESS_H_
#define VEV_LIB_ACTIVATION_LENGTH_PROCESS_H_

#include <cstdint>

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

}  // namespace vev::activation

#endif  // VEV_LIB_ACTIVATION_LENGTH_PROCESS_H_

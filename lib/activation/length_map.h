// The length map of the activation paper (Sec. 3, from Poole et al. 2016): the deterministic
// limit, as the width N grows, of the length process q_l = (1/N) sum_i h_{l,i}^2 (Theorem 2):
//   q~_0 = r~_0 = 1,
//   q~_l = sigma_w^2 r~_{l-1} + sigma_b^2,
//   r~_l = E[phi(sqrt(q~_l) Z)^2],  Z ~ N(0, 1),      l = 1, ..., D.
// (r~_0 = 1 is the squared length per coordinate of an input x_0 in {-1, 1}^N.) The
// expectations come from GaussianMomentCalculator: closed forms where known, else
// Gauss-Hermite quadrature checked against a rule twice its size.
#ifndef VEV_LIB_ACTIVATION_LENGTH_MAP_H_
#define VEV_LIB_ACTIVATION_LENGTH_MAP_H_

#include <vector>

#include "absl/status/statusor.h"
#include "lib/activation/activation.h"
#include "lib/activation/gaussian_moment.h"

namespace vev::activation {

struct LengthMap {
  // q~_0, ..., q~_D and r~_0, ..., r~_D (size depth + 1 each).
  std::vector<double> q;
  std::vector<double> r;
};

// The length map to depth `depth` >= 0 for sigma_w >= 0, sigma_b >= 0 (checked).
// Errors: OutOfRange when some r~_l is infinite (then q~_{l+1} is infinite and everything
// after it undefined): the message names the layer, phi, q~_l and the reason, e.g. for
// phi = exp(alpha z^2) with q~_1 >= 1/(4 alpha) (Proposition 11) or phi = 1/z (never
// finite past layer 1), a quadrature that does not converge, or a q~_l that overflows the
// double range (e.g. a polynomial phi of degree >= 2 with large sigma_w).
absl::StatusOr<LengthMap> ComputeLengthMap(const Activation& phi, double sigma_w, double sigma_b,
                                           int depth,
                                           const GaussianMomentCalculator& calculator);

// As ComputeLengthMap, but fills `map` (overwritten) with everything that is defined: on
// an error at layer l, map->q holds q~_0..q~_l (q~_0..q~_{l-1} if q~_l overflowed) and
// map->r holds r~_0..r~_{l-1}. Returns the
// same status as ComputeLengthMap.
absl::Status ComputeLengthMapPrefix(const Activation& phi, double sigma_w, double sigma_b,
                                    int depth, const GaussianMomentCalculator& calculator,
                                    LengthMap* map);

}  // namespace vev::activation

#endif  // VEV_LIB_ACTIVATION_LENGTH_MAP_H_

#include "lib/activation/length_map.h"

#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/base/check.h"
#include "lib/base/status_macros.h"

namespace vev::activation {

absl::StatusOr<LengthMap> ComputeLengthMap(const Activation& phi, double sigma_w, double sigma_b,
                                           int depth,
                                           const GaussianMomentCalculator& calculator) {
  LengthMap map;
  VEV_RETURN_IF_ERROR(ComputeLengthMapPrefix(phi, sigma_w, sigma_b, depth, calculator, &map));
  return map;
}

absl::Status ComputeLengthMapPrefix(const Activation& phi, double sigma_w, double sigma_b,
                                    int depth, const GaussianMomentCalculator& calculator,
                                    LengthMap* out) {
  VEV_CHECK(depth >= 0);
  VEV_CHECK(sigma_w >= 0.0 && sigma_b >= 0.0);
  LengthMap& map = *out;
  map.q.assign(1, 1.0);
  map.r.assign(1, 1.0);
  for (int l = 1; l <= depth; ++l) {
    const double q = sigma_w * sigma_w * map.r.back() + sigma_b * sigma_b;
    if (!std::isfinite(q)) {
      return absl::OutOfRangeError(absl::StrCat(
          "length map overflows at layer ", l, " (phi = ", phi.Formula(), ", sigma_w = ",
          sigma_w, ", sigma_b = ", sigma_b, "): q~_", l, " exceeds the double range (q~_",
          l - 1, " = ", map.q.back(), ")"));
    }
    map.q.push_back(q);
    const absl::StatusOr<double> r = calculator.Moment(phi, q, 2);
    if (!r.ok()) {
      return absl::OutOfRangeError(absl::StrCat(
          "length map undefined after layer ", l, " (phi = ", phi.Formula(),
          ", sigma_w = ", sigma_w, ", sigma_b = ", sigma_b, "): q~_", l, " = ", q, " but r~_", l,
          " = E[phi(sqrt(q~_", l, ") Z)^2] is not finite, so q~_", l + 1,
          " is infinite and later layers are undefined. ", r.status().message()));
    }
    map.r.push_back(*r);
  }
  return absl::OkStatus();
}

}  // namespace vev::activation

#include "lib/theory/kurtosis_recursion.h"

#include <algorithm>
#include <cmath>

#include "lib/base/check.h"

namespace vev::theory {
namespace {

// 2(a^4 + 1) / (a^2 + 1)^2: E[phi_a^4] / E[phi_a^2]^2 relative to a symmetric input
// (Lemma 1 and Lemma 2 combined); 2 for ReLU, 1 for the identity (a = 1).
double ActivationFourthMomentFactor(double a) {
  const double a2 = a * a;
  return 2.0 * (a2 * a2 + 1.0) / ((a2 + 1.0) * (a2 + 1.0));
}

}  // namespace

Eigen::Matrix3d KurtosisTransition(const KurtosisModel& model, int width) {
  VEV_CHECK(width >= 1);
  VEV_CHECK(model.output_variance > 0.0);
  const double w = width;
  const double s4 = model.output_variance * model.output_variance;
  const double f = ActivationFourthMomentFactor(model.negative_slope);
  Eigen::Matrix3d a;
  a << f * model.weight_kurtosis / w, 3.0 * (w - 1.0) / (w * s4), 3.0 * (w - 1.0) / w,
      f * s4 / w, (w - 1.0) / w, -s4 / w,  //
      0.0, 0.0, 1.0;
  return a;
}

Eigen::Matrix3d KurtosisTransitionProduct(const KurtosisModel& model,
                                          absl::Span<const int> widths) {
  Eigen::Matrix3d product = Eigen::Matrix3d::Identity();
  for (const int width : widths) product = KurtosisTransition(model, width) * product;
  return product;
}

KurtosisState PropagateKurtosis(const KurtosisModel& model, const KurtosisState& input,
                                absl::Span<const int> widths) {
  return KurtosisTrajectory(model, input, widths).back();
}

std::vector<KurtosisState> KurtosisTrajectory(const KurtosisModel& model,
                                              const KurtosisState& input,
                                              absl::Span<const int> widths) {
  std::vector<KurtosisState> states;
  states.reserve(widths.size() + 1);
  states.push_back(input);
  Eigen::Vector3d k(input.kurtosis, input.cov_squares, 1.0);
  for (const int width : widths) {
    k = KurtosisTransition(model, width) * k;
    states.push_back({k(0), k(1)});
  }
  return states;
}

double LargestEigenvalue(const KurtosisModel& model, int width) {
  const Eigen::Matrix3d a = KurtosisTransition(model, width);
  const double trace = a(0, 0) + a(1, 1);
  const double det = a(0, 0) * a(1, 1) - a(0, 1) * a(1, 0);
  // The block is positive (Perron), so the discriminant is positive for width > 1; it is
  // zero only in degenerate width-1 cases, where rounding may push it slightly negative.
  const double discriminant = std::max(0.0, trace * trace - 4.0 * det);
  return 0.5 * (trace + std::sqrt(discriminant));
}

KurtosisState StateFromNormalized(const KurtosisModel& model, double kurtosis,
                                  double normalized_cov_squares) {
  const double s4 = model.output_variance * model.output_variance;
  return {kurtosis, normalized_cov_squares * s4};
}

}  // namespace vev::theory

// The claims of the vanishing-variance paper on its training experiments (Fig. 1, Fig. 3),
// measured once from the results of //experiments/vanishing_variance/training:
//
// - Fig. 1 (Sec. 6.1): "networks with large output kurtosis at initialization cannot be
//   effectively trained": over all (width, depth, He initializer) configurations, the
//   Spearman rank correlation between the theoretical output kurtosis and the test accuracy
//   is clearly negative (below -0.5), on MNIST and on CIFAR-10. Holds if rho < -0.5, else
//   does not reproduce.
// - Fig. 3 (Sec. 6.3): "ZerO is superior to all these methods in very deep regimes": at the
//   largest depth of each width, ZerO's mean test accuracy is at least that of every random
//   initializer, less a margin of 0.02. The tolerance follows the sample size: per
//   initializer, the standard error of its mean accuracy over its n runs is the larger of
//   the runs' sample SD / sqrt(n) (n >= 2) and the binomial sqrt(p (1 - p) / (T n)) of T
//   test images; d = ZerO - other has SE_d = sqrt(SE_zero^2 + SE_other^2). Does not reproduce
//   if some d < -0.02 - 2 SE_d (significantly below), else undecided if some d < -0.02,
//   else holds.
#ifndef VEV_CLAIMS_TRAINING_TRAINING_CLAIMS_H_
#define VEV_CLAIMS_TRAINING_TRAINING_CLAIMS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "claims/claim.h"
#include "protos/result.pb.h"

namespace vev::claims {

inline constexpr char kFig1Target[] = "//claims/training:fig1_claims_test";
inline constexpr char kFig3Target[] = "//claims/training:fig3_claims_test";
inline constexpr double kFig1RhoBound = -0.5;
inline constexpr double kFig3Margin = 0.02;

struct Fig1Check {
  bool skipped = false;
  std::vector<double> kurtosis, accuracy;  // per configuration
  double rho = 0.0;                        // Spearman
  Claim claim;
};
// `dataset`: "mnist" or "cifar10"; `result`: fig1_<dataset>. Errors: NotFound (tables).
absl::StatusOr<Fig1Check> CheckFig1(const std::string& dataset, const Result& result);

struct Fig3Check {
  bool skipped = false;
  double max_depth = 0.0;
  std::map<std::string, double> at_max_depth;  // initializer -> mean accuracy
  std::map<std::string, double> std_error;     // initializer -> SE of that mean (above)
  std::map<std::string, int> runs;             // initializer -> runs at that depth
  Claim claim;
};
// `width`: "width10" or "width200"; `result`: fig3_<width>. Errors: NotFound (tables),
// InvalidArgument (no ZerO at the largest depth).
absl::StatusOr<Fig3Check> CheckFig3(const std::string& width, const Result& result);

}  // namespace vev::claims

#endif  // VEV_CLAIMS_TRAINING_TRAINING_CLAIMS_H_

// The claims of the vanishing-empirical-variance paper about Fig. 2 (Sec. 6.2), measured
// once from the per-network variances of //experiments/vanishing_variance/fig2:
//
//  (a) "for all random initialization methods except MetaInit 90% networks will have
//      empirical variance lower than 10^-3 after 80 layers";
//  (b) "... and all quantiles monotonously decrease after 40 layers";
//  (c) "For MetaInit, empirical variances explode";
//  (d) ZerO "keeps the empirical variance constant after the first layer".
//
// Statistics (STYLE.md Sec. 3). Networks are i.i.d., so the checks are distribution-free,
// on the per-network variances: binomial counts and order-statistic confidence bounds of
// quantiles (lib/variance/variance_quantiles.h, whose non-finite rule applies: NaN and
// +inf count as +inf). The false-failure budget is 1e-5 in all, Bonferroni-split over the
// kAssertions statistical assertions of //claims/fig2:fig2_claims_test. A check can only
// say "does not reproduce" when the data contradict the claim significantly; "holds" needs
// the estimate to satisfy the claim (for (b): a significant decrease from layer 40 to
// 100); otherwise the verdict is "undecided at this sample size". One exception: at paper
// scale, (b) is also read literally, as a statement about the paper's own 10,000-network
// curves; there an estimated quantile that does not decrease at some step after layer 40
// is "does not reproduce" as well (the summary says which reading failed).
#ifndef VEV_CLAIMS_FIG2_FIG2_CLAIMS_H_
#define VEV_CLAIMS_FIG2_FIG2_CLAIMS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "claims/claim.h"
#include "lib/base/eigen_types.h"
#include "protos/result.pb.h"

namespace vev::claims {

inline const std::vector<std::string> kFig2RandomInits = {"he_normal", "glorot_normal",
                                                          "orthogonal", "gsm"};
inline const std::vector<std::string> kFig2Inits = {"he_normal", "glorot_normal", "orthogonal",
                                                    "gsm",       "metainit",      "zero"};
inline const std::vector<double> kFig2Probs = {0.9, 0.99, 0.999};
inline constexpr int kFig2Layers = 101;
inline constexpr double kFig2Threshold = 1e-3;
// Statistical assertions: (a) 4 initializers x 20 layers; (b) 4 x 3 quantiles x 60
// adjacent-layer pairs; (c) 1.
inline constexpr int kFig2Assertions = 4 * 20 + 4 * 3 * 60 + 1;
inline constexpr double kFig2Alpha = 1e-5 / kFig2Assertions;
inline constexpr char kFig2Target[] = "//claims/fig2:fig2_claims_test";

// The per-network variances (networks x 101 layers) of the six initializers.
struct Fig2Data {
  std::string scale;
  bool unavailable = false;  // some result says data_unavailable = 1
  std::string unavailable_why;
  std::map<std::string, MatrixD> variances;
};

// From the results of fig2_<init> (keys: kFig2Inits). Errors: NotFound (a missing
// initializer or table), InvalidArgument (a table without 101 layer columns).
absl::StatusOr<Fig2Data> Fig2DataFromResults(const std::map<std::string, Result>& results);

struct QuantileWithBounds {
  double estimate, lower, upper;
};

// (a), one random initializer.
struct BelowThresholdCheck {
  struct Layer {
    int layer;
    int64_t below;   // networks with variance < 1e-3
    double p_value;  // P(Binomial(n, 0.9) <= below)
    double q90;      // estimated 0.9 quantile
  };
  int64_t n = 0;
  std::vector<Layer> layers;  // 81..100
  double worst_fraction = 1.0, worst_q = 0.0;
  Claim claim;
};
BelowThresholdCheck CheckBelowThreshold(const std::string& init, const MatrixD& v);

// (b), one random initializer and one quantile level p.
struct DecreaseCheck {
  struct Step {
    int layer;  // from `layer` to `layer + 1`
    QuantileWithBounds from, to;
    bool significant_increase;  // to.lower > from.upper
  };
  std::vector<Step> steps;  // 40 -> 41, ..., 99 -> 100
  int increases = 0;        // steps where the estimate does not decrease
  std::string where;        // those steps, "l->l+1,..."
  QuantileWithBounds first{}, last{};  // layers 40 and 100
  std::string overall;      // "significant", "not significant", "too few networks to test"
  double slope = 0.0;       // least-squares slope of log10 of the estimate, decades/layer
  bool literal = false;     // paper scale: the estimate must decrease at every step
  Claim claim;
};
DecreaseCheck CheckDecrease(const std::string& init, const MatrixD& v, double p,
                            const std::string& scale);

// (c) A network's variance "explodes" if some layer's variance is >= 1e3 times its layer-0
// variance (or overflows). The claim is taken as: at least half of the MetaInit networks
// explode; contradicted if P(Binomial(n, 1/2) <= count) < alpha.
int64_t CountExploding(const MatrixD& v);
struct ExplodeCheck {
  int64_t count = 0, n = 0;
  double p_value = 1.0;
  double largest_median = 0.0, median_layer0 = 0.0;
  int largest_median_layer = 0;
  std::map<std::string, int64_t> contrast;  // random initializers: exploding networks
  Claim claim;
};
ExplodeCheck CheckExplode(const Fig2Data& data);

// (d) ZerO is deterministic: every network's variance is the same at every layer >= 1
// (exactly: the same float values pass through identity layers), and differs at layer 0.
struct ZeroCheck {
  int64_t mismatches = 0;  // (network, layer >= 1) with v != v(0, 1)
  double layer0 = 0.0, after = 0.0;
  Claim claim;
};
ZeroCheck CheckZero(const MatrixD& v);

// Every Fig. 2 claim, in report order: (a) x 4, (b) x 4 x 3, (c), (d); skipped claims when
// the data are unavailable.
std::vector<Claim> Fig2Claims(const Fig2Data& data);

}  // namespace vev::claims

#endif  // VEV_CLAIMS_FIG2_FIG2_CLAIMS_H_

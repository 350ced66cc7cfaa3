// How well simulated layer moments agree with Proposition 3 (lib/theory/layer_kurtosis.h),
// summarized over the layers of one configuration. For layer l the z-scores are
//   z_kappa,l = (kappa_hat_l - kappa_l) / SE(kappa_hat_l),
//   z_c,l     = (c_hat_l - c_l) / SE(c_hat_l)        (c: the normalized covariance of squares),
// and only informative layers (a prefix 0..L, by InformativeCriterion) are compared: the
// kappa summary takes every informative layer, the c summary those with a finite z_c
// (at layer 0 of Gaussian inputs c_0 = 0 and its estimate can be exactly 0 with SE 0).
// Layer 0 of Gaussian inputs (kappa_0 = 3) is not a prediction of Proposition 3 but checks
// the estimator; it is kept.
#ifndef VEV_LIB_THEORY_LAYER_COMPARISON_SUMMARY_H_
#define VEV_LIB_THEORY_LAYER_COMPARISON_SUMMARY_H_

#include "absl/types/span.h"
#include "lib/stats/z_score_summary.h"
#include "lib/theory/layer_kurtosis.h"

namespace vev::theory {

// z_kappa,l and z_c,l of one comparison (+-infinity or NaN when the SE is 0).
double KurtosisZScore(const LayerComparison& row);
double CovSquaresZScore(const LayerComparison& row);

struct LayerComparisonSummary {
  int last_informative_layer = -1;  // L; -1 when layer 0 is not informative
  stats::ZScoreSummary kappa;       // z_kappa over layers 0..L
  stats::ZScoreSummary c;           // z_c over layers 0..L where it is finite
};

// `rows` in layer order, as CompareLayers returns them.
LayerComparisonSummary SummarizeLayerComparisons(absl::Span<const LayerComparison> rows);

}  // namespace vev::theory

#endif  // VEV_LIB_THEORY_LAYER_COMPARISON_SUMMARY_H_

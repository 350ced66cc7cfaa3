// SummarizeLayerComparisons (lib/theory/layer_comparison_summary.h) on hand-made
// comparisons: z-scores (estimate - theory) / SE computed by hand, informative layers
// only, z_c only where finite.
#include "lib/theory/layer_comparison_summary.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"

namespace vev::theory {
namespace {

LayerComparison Row(int layer, bool informative, double kappa_hat, double kappa_se,
                    double kappa, double c_hat, double c_se, double c) {
  LayerComparison row;
  row.layer = layer;
  row.informative = informative;
  row.theory.kurtosis = kappa;
  row.theory.normalized_cov_squares = c;
  row.simulated.kurtosis = {kappa_hat, kappa_se};
  row.simulated.normalized_cov_squares = {c_hat, c_se};
  return row;
}

TEST(LayerComparisonSummary, InformativePrefixOnlyAndFiniteCovarianceScores) {
  const std::vector<LayerComparison> rows = {
      Row(0, true, 3.5, 0.25, 3.0, 0.0, 0.0, 0.0),    // z_kappa = 2; z_c = 0/0: skipped
      Row(1, true, 4.0, 0.5, 5.5, 0.75, 0.25, 0.5),   // z_kappa = -3, z_c = 1
      Row(2, true, 6.0, 1.0, 1.0, 0.25, 0.125, 1.0),  // z_kappa = 5, z_c = -6
      Row(3, false, 100, 1.0, 1.0, 9.0, 1.0, 0.0),    // not informative: ignored
  };
  EXPECT_EQ(KurtosisZScore(rows[1]), -3.0);
  EXPECT_EQ(CovSquaresZScore(rows[2]), -6.0);
  const LayerComparisonSummary s = SummarizeLayerComparisons(rows);
  EXPECT_EQ(s.last_informative_layer, 2);
  EXPECT_EQ(s.kappa.count, 3);
  EXPECT_EQ(s.kappa.max_abs, 5.0);
  EXPECT_DOUBLE_EQ(s.kappa.Rms(), std::sqrt((4.0 + 9.0 + 25.0) / 3));
  EXPECT_EQ(s.kappa.above_2, 2);      // -3 and 5 (2 itself is not above 2)
  EXPECT_EQ(s.kappa.above_large, 1);  // 5
  EXPECT_EQ(s.c.count, 2);
  EXPECT_EQ(s.c.max_abs, 6.0);
  EXPECT_DOUBLE_EQ(s.c.Rms(), std::sqrt((1.0 + 36.0) / 2));
  EXPECT_EQ(s.c.above_large, 1);
}

TEST(LayerComparisonSummary, NoInformativeLayer) {
  const std::vector<LayerComparison> rows = {Row(0, false, 3.5, 0.25, 3.0, 0.0, 1.0, 0.0)};
  const LayerComparisonSummary s = SummarizeLayerComparisons(rows);
  EXPECT_EQ(s.last_informative_layer, -1);
  EXPECT_EQ(s.kappa.count, 0);
  EXPECT_EQ(s.c.count, 0);
  EXPECT_TRUE(std::isnan(s.kappa.Rms()));
}

}  // namespace
}  // namespace vev::theory

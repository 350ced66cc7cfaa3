#include "lib/theory/layer_comparison_summary.h"

#include <cmath>

namespace vev::theory {

double KurtosisZScore(const LayerComparison& row) {
  return row.simulated.kurtosis.ZScore(row.theory.kurtosis);
}

double CovSquaresZScore(const LayerComparison& row) {
  return row.simulated.normalized_cov_squares.ZScore(row.theory.normalized_cov_squares);
}

LayerComparisonSummary SummarizeLayerComparisons(absl::Span<const LayerComparison> rows) {
  LayerComparisonSummary s;
  for (const LayerComparison& row : rows) {
    if (!row.informative) continue;
    s.last_informative_layer = row.layer;
    s.kappa.Add(KurtosisZScore(row));
    const double z_c = CovSquaresZScore(row);
    if (std::isfinite(z_c)) s.c.Add(z_c);
  }
  return s;
}

}  // namespace vev::theory

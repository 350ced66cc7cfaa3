// The result tables of a training grid (experiments/vanishing_variance/training/train_grid,
// Figs. 1 and 3 of the vanishing-variance paper), written and read by column name:
//   "runs"            one row per grid point: initializer (InitializerKind enum value),
//                     width, depth, repeat, test_accuracy, test_loss, final_train_loss,
//                     parameters_finite (1 or 0), metainit_final_gq, metainit_attempts;
//   "configurations"  one row per (initializer, width, depth): initializer, width, depth,
//                     runs, mean_accuracy, min_accuracy, max_accuracy, output_kurtosis.
#ifndef VEV_EXPERIMENTS_VANISHING_VARIANCE_TRAINING_GRID_TABLES_H_
#define VEV_EXPERIMENTS_VANISHING_VARIANCE_TRAINING_GRID_TABLES_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lib/training/training_grid.h"
#include "protos/result.pb.h"

namespace vev::training {

// Appends the columns of "runs" to the empty `table`: row i is points[i] with outcomes[i]
// (same sizes, checked).
void WriteRunsTable(absl::Span<const GridPoint> points, absl::Span<const RunOutcome> outcomes,
                    Table* table);

// The grid points and test accuracies of a "runs" table, by column name (any column order).
// Errors: NotFound naming a missing column; InvalidArgument if the columns' lengths differ.
struct RunsTableColumns {
  std::vector<GridPoint> points;
  std::vector<double> test_accuracy;
};
absl::StatusOr<RunsTableColumns> ReadRunsTable(const Table& table);

// Appends the columns of a configurations table to the empty `table`: row i is
// summaries[i] with output_kurtosis[i] (same sizes, checked; NaN where not defined).
void WriteConfigurationsTable(absl::Span<const ConfigurationSummary> summaries,
                              absl::Span<const double> output_kurtosis, Table* table);

}  // namespace vev::training

#endif  // VEV_EXPERIMENTS_VANISHING_VARIANCE_TRAINING_GRID_TABLES_H_

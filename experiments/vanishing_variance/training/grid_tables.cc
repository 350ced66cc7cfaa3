#include "experiments/vanishing_variance/training/grid_tables.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/base/check.h"
#include "lib/base/status_macros.h"
#include "lib/io/result_file.h"
#include "lib/io/table_builder.h"

namespace vev::training {
namespace {

struct RunRow {
  double initializer, width, depth, repeat, test_accuracy, test_loss, final_train_loss,
      parameters_finite, metainit_final_gq, metainit_attempts;
};

struct ConfigurationRow {
  double initializer, width, depth, runs, mean_accuracy, min_accuracy, max_accuracy,
      output_kurtosis;
};

}  // namespace

void WriteRunsTable(absl::Span<const GridPoint> points, absl::Span<const RunOutcome> outcomes,
                    Table* table) {
  VEV_CHECK(points.size() == outcomes.size());
  using R = RunRow;
  io::RowTable<R> rows({{"initializer", "InitializerKind enum value", &R::initializer},
                        {"width", "", &R::width},
                        {"depth", "hidden layers", &R::depth},
                        {"repeat", "", &R::repeat},
                        {"test_accuracy", "fraction", &R::test_accuracy},
                        {"test_loss", "mean cross-entropy", &R::test_loss},
                        {"final_train_loss", "mean of the last 10 batch losses",
                         &R::final_train_loss},
                        {"parameters_finite", "1 or 0", &R::parameters_finite},
                        {"metainit_final_gq", "NaN unless metainit", &R::metainit_final_gq},
                        {"metainit_attempts", "0 unless metainit", &R::metainit_attempts}});
  for (size_t i = 0; i < points.size(); ++i) {
    const GridPoint& p = points[i];
    const RunOutcome& o = outcomes[i];
    rows.Add({static_cast<double>(p.initializer), static_cast<double>(p.width),
              static_cast<double>(p.depth), static_cast<double>(p.repeat), o.test_accuracy,
              o.test_loss, o.final_train_loss, o.parameters_finite ? 1.0 : 0.0,
              o.metainit_final_gq, static_cast<double>(o.metainit_attempts)});
  }
  rows.WriteTo(table);
}

absl::StatusOr<RunsTableColumns> ReadRunsTable(const Table& table) {
  VEV_ASSIGN_OR_RETURN(const std::vector<double> init, io::ColumnValues(table, "initializer"));
  VEV_ASSIGN_OR_RETURN(const std::vector<double> width, io::ColumnValues(table, "width"));
  VEV_ASSIGN_OR_RETURN(const std::vector<double> depth, io::ColumnValues(table, "depth"));
  VEV_ASSIGN_OR_RETURN(const std::vector<double> repeat, io::ColumnValues(table, "repeat"));
  RunsTableColumns columns;
  VEV_ASSIGN_OR_RETURN(columns.test_accuracy, io::ColumnValues(table, "test_accuracy"));
  const size_t n = init.size();
  if (width.size() != n || depth.size() != n || repeat.size() != n ||
      columns.test_accuracy.size() != n) {
    return absl::InvalidArgumentError(
        absl::StrCat("table '", table.name(), "': columns of different lengths"));
  }
  for (size_t i = 0; i < n; ++i) {
    columns.points.push_back({static_cast<nn::InitializerKind>(static_cast<int>(init[i])),
                              static_cast<int>(width[i]), static_cast<int>(depth[i]),
                              static_cast<int>(repeat[i])});
  }
  return columns;
}

void WriteConfigurationsTable(absl::Span<const ConfigurationSummary> summaries,
                              absl::Span<const double> output_kurtosis, Table* table) {
  VEV_CHECK(summaries.size() == output_kurtosis.size());
  using R = ConfigurationRow;
  io::RowTable<R> rows({{"initializer", "InitializerKind enum value", &R::initializer},
                        {"width", "", &R::width},
                        {"depth", "hidden layers", &R::depth},
                        {"runs", "", &R::runs},
                        {"mean_accuracy", "fraction", &R::mean_accuracy},
                        {"min_accuracy", "fraction", &R::min_accuracy},
                        {"max_accuracy", "fraction", &R::max_accuracy},
                        {"output_kurtosis", "Proposition 3; NaN if not He", &R::output_kurtosis}});
  for (size_t i = 0; i < summaries.size(); ++i) {
    const ConfigurationSummary& s = summaries[i];
    rows.Add({static_cast<double>(s.initializer), static_cast<double>(s.width),
              static_cast<double>(s.depth), static_cast<double>(s.runs), s.mean_accuracy,
              s.min_accuracy, s.max_accuracy, output_kurtosis[i]});
  }
  rows.WriteTo(table);
}

}  // namespace vev::training

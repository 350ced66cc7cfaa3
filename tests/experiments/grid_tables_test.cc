// Tests of the training grid's result tables (experiments/vanishing_variance/training/grid_tables.h): the tables have
// the documented columns, and ReadRunsTable reads what WriteRunsTable wrote by column name,
// whatever the column order.
#include "experiments/vanishing_variance/training/grid_tables.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "lib/io/result_file.h"

namespace vev::training {
namespace {

std::vector<std::string> ColumnNames(const Table& table) {
  std::vector<std::string> names;
  for (const Column& c : table.columns()) names.push_back(c.name());
  return names;
}

TEST(GridTables, RunsRoundTrip) {
  const std::vector<GridPoint> points = {{nn::InitializerKind::kHeNormal, 5, 0, 0},
                                         {nn::InitializerKind::kZerO, 10, 50, 3}};
  std::vector<RunOutcome> outcomes(2);
  outcomes[0].test_accuracy = 0.9;
  outcomes[0].metainit_final_gq = std::numeric_limits<double>::quiet_NaN();
  outcomes[1].test_accuracy = 0.1;
  outcomes[1].parameters_finite = false;
  outcomes[1].metainit_attempts = 2;
  Table table;
  table.set_name("runs");
  WriteRunsTable(points, outcomes, &table);
  EXPECT_EQ(ColumnNames(table),
            (std::vector<std::string>{"initializer", "width", "depth", "repeat", "test_accuracy",
                                      "test_loss", "final_train_loss", "parameters_finite",
                                      "metainit_final_gq", "metainit_attempts"}));
  EXPECT_EQ(*io::ColumnValues(table, "parameters_finite"), (std::vector<double>{1.0, 0.0}));
  EXPECT_EQ(*io::ColumnValues(table, "metainit_attempts"), (std::vector<double>{0.0, 2.0}));
  EXPECT_EQ(*io::ColumnValues(table, "initializer"),
            (std::vector<double>{static_cast<double>(nn::InitializerKind::kHeNormal),
                                 static_cast<double>(nn::InitializerKind::kZerO)}));

  // Reversed column order: read by name all the same.
  Table reversed;
  for (int c = table.columns_size() - 1; c >= 0; --c) *reversed.add_columns() = table.columns(c);
  for (const Table* t : {&table, &reversed}) {
    const absl::StatusOr<RunsTableColumns> read = ReadRunsTable(*t);
    ASSERT_TRUE(read.ok()) << read.status();
    ASSERT_EQ(read->points.size(), 2u);
    for (size_t i = 0; i < 2; ++i) {
      EXPECT_EQ(read->points[i].initializer, points[i].initializer);
      EXPECT_EQ(read->points[i].width, points[i].width);
      EXPECT_EQ(read->points[i].depth, points[i].depth);
      EXPECT_EQ(read->points[i].repeat, points[i].repeat);
    }
    EXPECT_EQ(read->test_accuracy, (std::vector<double>{0.9, 0.1}));
  }
}

TEST(GridTables, ReadRunsTableNamesAMissingColumn) {
  Table table;
  table.set_name("runs");
  WriteRunsTable({}, {}, &table);
  table.mutable_columns()->erase(table.mutable_columns()->begin() + 3);  // "repeat"
  const absl::StatusOr<RunsTableColumns> read = ReadRunsTable(table);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(read.status().message().find("repeat"), absl::string_view::npos) << read.status();
}

TEST(GridTables, ConfigurationsColumns) {
  ConfigurationSummary s;
  s.initializer = nn::InitializerKind::kHeUniform;
  s.width = 20;
  s.depth = 25;
  s.runs = 5;
  s.mean_accuracy = 0.5;
  s.min_accuracy = 0.25;
  s.max_accuracy = 0.75;
  Table table;
  WriteConfigurationsTable({s}, {7.5}, &table);
  EXPECT_EQ(ColumnNames(table),
            (std::vector<std::string>{"initializer", "width", "depth", "runs", "mean_accuracy",
                                      "min_accuracy", "max_accuracy", "output_kurtosis"}));
  EXPECT_EQ(*io::ColumnValues(table, "runs"), (std::vector<double>{5.0}));
  EXPECT_EQ(*io::ColumnValues(table, "min_accuracy"), (std::vector<double>{0.25}));
  EXPECT_EQ(*io::ColumnValues(table, "output_kurtosis"), (std::vector<double>{7.5}));
}

}  // namespace
}  // namespace vev::training

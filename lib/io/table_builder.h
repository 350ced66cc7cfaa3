// Building result tables row by row, with named columns, instead of parallel vectors.
//
//   struct RunRow { double width, depth, accuracy; };
//   io::RowTable<RunRow> rows({{"width", "", &RunRow::width},
//                              {"depth", "hidden layers", &RunRow::depth},
//                              {"accuracy", "fraction", &RunRow::accuracy}});
//   rows.Add({10, 5, 0.93});
//   rows.WriteTo(run.AddTable("runs", "..."));
//
// TableBuilder does the same for columns known only at run time (e.g. layer_0..layer_L).
#ifndef VEV_LIB_IO_TABLE_BUILDER_H_
#define VEV_LIB_IO_TABLE_BUILDER_H_

#include <cstddef>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "absl/types/span.h"
#include "lib/base/check.h"
#include "protos/result.pb.h"

namespace vev::io {

struct ColumnName {
  std::string name;
  std::string unit;
};

// Appends named columns to a table and fills them one row at a time.
class TableBuilder {
 public:
  // Appends the columns, empty, to `table` (which must outlive the builder).
  TableBuilder(Table* table, std::vector<ColumnName> columns) : table_(table) {
    for (ColumnName& c : columns) {
      Column* column = table_->add_columns();
      column->set_name(std::move(c.name));
      column->set_unit(std::move(c.unit));
    }
  }
  // Appends one row: one value per column, in column order (checked).
  void AddRow(absl::Span<const double> values) {
    VEV_CHECK(static_cast<int>(values.size()) == table_->columns_size());
    for (size_t c = 0; c < values.size(); ++c) table_->mutable_columns(c)->add_values(values[c]);
  }
  void AddRow(std::initializer_list<double> values) {
    AddRow(absl::Span<const double>(values.begin(), values.size()));
  }

 private:
  Table* table_;
};

// One column of a RowTable: its name, unit and the Row member it is read from.
template <typename Row>
struct ColumnOf {
  std::string name;
  std::string unit;
  double Row::*field;
};

// Rows of a struct, written as one named column per member.
template <typename Row>
class RowTable {
 public:
  explicit RowTable(std::vector<ColumnOf<Row>> columns) : columns_(std::move(columns)) {}
  void Add(const Row& row) { rows_.push_back(row); }
  const std::vector<Row>& rows() const { return rows_; }
  // Appends the columns, in declaration order, with every row, to `table`.
  void WriteTo(Table* table) const {
    for (const ColumnOf<Row>& c : columns_) {
      Column* column = table->add_columns();
      column->set_name(c.name);
      column->set_unit(c.unit);
      column->mutable_values()->Reserve(static_cast<int>(rows_.size()));
      for (const Row& row : rows_) column->add_values(row.*c.field);
    }
  }

 private:
  std::vector<ColumnOf<Row>> columns_;
  std::vector<Row> rows_;
};

}  // namespace vev::io

#endif  // VEV_LIB_IO_TABLE_BUILDER_H_

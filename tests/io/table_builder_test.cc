#include "lib/io/table_builder.h"

#include "gtest/gtest.h"
#include "protos/result.pb.h"

namespace vev::io {
namespace {

struct Row {
  double width, depth, accuracy;
};

TEST(RowTableTest, WritesOneNamedColumnPerMemberInDeclarationOrder) {
  RowTable<Row> rows({{"depth", "hidden layers", &Row::depth},
                      {"width", "", &Row::width},
                      {"accuracy", "fraction", &Row::accuracy}});
  rows.Add({10, 5, 0.5});
  rows.Add({20, 0, 0.25});
  Table table;
  rows.WriteTo(&table);
  ASSERT_EQ(table.columns_size(), 3);
  EXPECT_EQ(table.columns(0).name(), "depth");
  EXPECT_EQ(table.columns(0).unit(), "hidden layers");
  EXPECT_EQ(table.columns(1).name(), "width");
  EXPECT_EQ(table.columns(2).name(), "accuracy");
  EXPECT_EQ(table.columns(0).values(0), 5);
  EXPECT_EQ(table.columns(0).values(1), 0);
  EXPECT_EQ(table.columns(1).values(1), 20);
  EXPECT_EQ(table.columns(2).values(0), 0.5);
}

TEST(RowTableTest, NoRowsGiveEmptyNamedColumns) {
  RowTable<Row> rows({{"width", "", &Row::width}});
  Table table;
  rows.WriteTo(&table);
  ASSERT_EQ(table.columns_size(), 1);
  EXPECT_EQ(table.columns(0).values_size(), 0);
}

TEST(TableBuilderTest, FillsRunTimeColumnsRowByRow) {
  Table table;
  TableBuilder builder(&table, {{"network", ""}, {"layer_0", "variance"}, {"layer_1", "variance"}});
  builder.AddRow({0, 1.5, 2.5});
  builder.AddRow({1, 3.5, 4.5});
  ASSERT_EQ(table.columns_size(), 3);
  EXPECT_EQ(table.columns(1).name(), "layer_0");
  EXPECT_EQ(table.columns(2).unit(), "variance");
  EXPECT_EQ(table.columns(0).values(1), 1);
  EXPECT_EQ(table.columns(2).values(0), 2.5);
  EXPECT_EQ(table.columns(1).values(1), 3.5);
}

TEST(TableBuilderDeathTest, ARowOfTheWrongLengthAborts) {
  Table table;
  TableBuilder builder(&table, {{"a", ""}, {"b", ""}});
  EXPECT_DEATH(builder.AddRow({1.0}), "columns_size");
}

}  // namespace
}  // namespace vev::io

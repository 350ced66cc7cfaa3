// //tools:result_to_tables on small synthetic results: meta.gp names every column of every
// table by its 1-based index (col_<table>_<column>) and every table's rows (rows_<table>),
// with the columns in a deliberately non-alphabetical order; and a gnuplot script that names
// its columns plots the same points when the result's columns come in another order (also
// a real figure script on a real result with its columns reversed).
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "lib/io/result_file.h"

namespace vev {
namespace {

// The columns of the table "runs", in the order given.
const std::map<std::string, std::vector<double>>& RunsValues() {
  static const auto* values = new std::map<std::string, std::vector<double>>{
      {"depth", {5, 10, 20}},
      {"test_accuracy", {0.5, 0.25, 0.125}},
      {"width", {7, 7, 7}},
      {"q0.9", {1.5, 2.5, 3.5}},
  };
  return *values;
}

Result Synthetic(const std::vector<std::string>& runs_order) {
  Result result;
  result.mutable_spec()->set_experiment("synthetic");
  result.mutable_spec()->set_scale("smoke");
  result.mutable_provenance()->set_git_commit("abcdef0123456789");
  Scalar* scalar = result.add_scalars();
  scalar->set_name("test-samples");  // made an identifier: test_samples
  scalar->set_value(1000);
  Table* runs = result.add_tables();
  runs->set_name("runs");
  for (const std::string& name : runs_order) {
    Column* column = runs->add_columns();
    column->set_name(name);
    for (double v : RunsValues().at(name)) column->add_values(v);
  }
  // A table name that is not an identifier, and one long enough that gnuplot (49 characters
  // at most) could not hold its variables' names.
  for (const char* name : {"cov_sw0.5", "a_table_with_a_rather_long_name_for_gnuplot"}) {
    Table* table = result.add_tables();
    table->set_name(name);
    for (const char* column_name : {"width", "estimate_of_the_covariance"}) {
      Column* column = table->add_columns();
      column->set_name(column_name);
      column->add_values(2);
      column->add_values(3);
    }
  }
  return result;
}

std::string TmpDir() {
  const char* dir = std::getenv("TEST_TMPDIR");
  return dir != nullptr ? dir : "/tmp";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs result_to_tables into a new directory `name`; returns its exit status.
int RunConverter(const std::string& name, const std::vector<std::string>& arguments) {
  const std::string dir = absl::StrCat(TmpDir(), "/", name);
  EXPECT_EQ(std::system(absl::StrCat("rm -rf '", dir, "' && mkdir -p '", dir, "'").c_str()), 0);
  std::string command = absl::StrCat("tools/result_to_tables --out_dir='", dir, "'");
  for (const std::string& argument : arguments) absl::StrAppend(&command, " '", argument, "'");
  absl::StrAppend(&command, " 2> '", dir, ".stderr'");
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string WriteResult(const Result& result, const std::string& name) {
  const std::string path = absl::StrCat(TmpDir(), "/", name, ".pb");
  EXPECT_TRUE(io::WriteResultFile(result, path).ok());
  return path;
}

// meta.gp's definitions "name = value" (comments, functions and col()'s index vev_* left
// out).
std::map<std::string, std::string> MetaVariables(const std::string& dir) {
  std::map<std::string, std::string> variables;
  for (absl::string_view line : absl::StrSplit(ReadFile(dir + "/meta.gp"), '\n')) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> parts = absl::StrSplit(line, absl::MaxSplits(" = ", 1));
    if (parts.size() != 2 || parts[0].find('(') != std::string::npos) continue;
    if (absl::StartsWith(parts[0], "vev_")) continue;
    EXPECT_EQ(variables.count(parts[0]), 0u) << "defined twice: " << parts[0];
    variables[parts[0]] = parts[1];
  }
  return variables;
}

// The order chosen: neither alphabetical nor reverse alphabetical.
const std::vector<std::string> kOrder = {"test_accuracy", "width", "depth", "q0.9"};
// The same columns reordered.
const std::vector<std::string> kReordered = {"q0.9", "depth", "test_accuracy", "width"};

TEST(ResultToTables, MetaNamesEveryColumnByItsIndex) {
  const std::string pb = WriteResult(Synthetic(kOrder), "order");
  ASSERT_EQ(RunConverter("order", {pb}), 0) << ReadFile(TmpDir() + "/order.stderr");
  const std::string dir = TmpDir() + "/order";
  const std::map<std::string, std::string> meta = MetaVariables(dir);
  EXPECT_EQ(meta.at("col_runs_test_accuracy"), "1");
  EXPECT_EQ(meta.at("col_runs_width"), "2");
  EXPECT_EQ(meta.at("col_runs_depth"), "3");
  EXPECT_EQ(meta.at("col_runs_q0_9"), "4");
  EXPECT_EQ(meta.at("rows_runs"), "3");
  EXPECT_EQ(meta.at("col_cov_sw0_5_width"), "1");
  EXPECT_EQ(meta.at("col_cov_sw0_5_estimate_of_the_covariance"), "2");
  EXPECT_EQ(meta.at("rows_cov_sw0_5"), "2");
  // The variables meta.gp had before are kept.
  EXPECT_EQ(meta.at("scale"), "\"smoke\"");
  EXPECT_EQ(meta.at("git_commit"), "\"abcdef0123456789\"");
  EXPECT_EQ(meta.at("experiments"), "\"synthetic\"");
  EXPECT_EQ(meta.at("test_samples"), "1000");
  // Names longer than gnuplot's 49 characters are comments only (col() reaches them).
  const std::string long_name = "col_a_table_with_a_rather_long_name_for_gnuplot_width";
  ASSERT_GT(long_name.size(), 49u);
  EXPECT_EQ(meta.count(long_name), 0u);
  EXPECT_NE(ReadFile(dir + "/meta.gp").find("# " + long_name + " = 1 "), std::string::npos);
  EXPECT_EQ(meta.at("rows_a_table_with_a_rather_long_name_for_gnuplot"), "2");  // 48
  // The data table itself: the header and the values, in the result's order.
  EXPECT_EQ(ReadFile(dir + "/runs.dat"),
            "# test_accuracy width depth q0.9\n"
            "0.5 7 5 1.5\n"
            "0.25 7 10 2.5\n"
            "0.125 7 20 3.5\n");
}

TEST(ResultToTables, NamedResultsPrefixTheirTables) {
  const std::string a = WriteResult(Synthetic(kOrder), "named_a");
  const std::string b = WriteResult(Synthetic(kReordered), "named_b");
  ASSERT_EQ(RunConverter("named", {"first=" + a, "second=" + b}), 0)
      << ReadFile(TmpDir() + "/named.stderr");
  const std::map<std::string, std::string> meta = MetaVariables(TmpDir() + "/named");
  EXPECT_EQ(meta.at("col_first_runs_depth"), "3");
  EXPECT_EQ(meta.at("col_second_runs_depth"), "2");
  EXPECT_EQ(meta.at("rows_second_runs"), "3");
  EXPECT_EQ(meta.at("first_test_samples"), "1000");
  EXPECT_EQ(meta.count("col_runs_depth"), 0u);
}

TEST(ResultToTables, NamesThatBecomeOneIdentifierAreAnError) {
  Result result = Synthetic(kOrder);
  Column* clash = result.mutable_tables(0)->add_columns();
  clash->set_name("q0_9");  // "q0.9" is q0_9 too
  for (int i = 0; i < 3; ++i) clash->add_values(i);
  EXPECT_EQ(RunConverter("clash", {WriteResult(result, "clash")}), 2);
  EXPECT_NE(ReadFile(TmpDir() + "/clash.stderr").find("col_runs_q0_9"), std::string::npos);
}

// The points gnuplot reads with `set table` (x y per line), from `plot_commands`.
std::vector<std::pair<double, double>> GnuplotPoints(const std::string& dir,
                                                     const std::string& plot_commands,
                                                     int* exit_status) {
  const std::string script = dir + "/test.gp", out = dir + "/points.txt";
  std::ofstream(script) << "load tables.'/meta.gp'\n"
                        << "set table '" << out << "'\n"
                        << plot_commands << "\n"
                        << "unset table\n";
  const int status = std::system(absl::StrCat("gnuplot -e \"tables = '", dir, "'\" '", script,
                                              "' 2> '", dir, "/gnuplot.stderr'")
                                     .c_str());
  *exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::vector<std::pair<double, double>> points;
  for (absl::string_view line : absl::StrSplit(ReadFile(out), '\n', absl::SkipEmpty())) {
    if (absl::StartsWith(line, "#")) continue;
    std::vector<absl::string_view> fields = absl::StrSplit(line, ' ', absl::SkipEmpty());
    double x = 0, y = 0;
    if (fields.size() >= 2 && absl::SimpleAtod(fields[0], &x) && absl::SimpleAtod(fields[1], &y)) {
      points.emplace_back(x, y);
    }
  }
  return points;
}

TEST(ResultToTables, GnuplotPicksColumnsByNameInAnyOrder) {
  const std::vector<std::pair<double, double>> accuracy_by_depth = {
      {5, 0.5}, {10, 0.25}, {20, 0.125}};
  const std::vector<std::pair<double, double>> q_by_depth = {{5, 1.5}, {10, 2.5}, {20, 3.5}};
  for (const auto& [name, order] : {std::pair{"first_order", kOrder}, {"reordered", kReordered}}) {
    SCOPED_TRACE(name);
    ASSERT_EQ(RunConverter(name, {WriteResult(Synthetic(order), name)}), 0)
        << ReadFile(TmpDir() + "/" + name + ".stderr");
    const std::string dir = absl::StrCat(TmpDir(), "/", name);
    int status = -1;
    // Variables (the columns as numbers) ...
    EXPECT_EQ(
        GnuplotPoints(dir, "plot tables.'/runs.dat' using col_runs_depth:col_runs_test_accuracy",
                      &status),
        accuracy_by_depth);
    EXPECT_EQ(status, 0) << ReadFile(dir + "/gnuplot.stderr");
    // ... and in expressions, evaluated per row.
    EXPECT_EQ(GnuplotPoints(dir,
                            "plot tables.'/runs.dat' using col_runs_depth"
                            ":(column(col_runs_test_accuracy) * 2)",
                            &status),
              (std::vector<std::pair<double, double>>{{5, 1}, {10, 0.5}, {20, 0.25}}));
    EXPECT_EQ(status, 0) << ReadFile(dir + "/gnuplot.stderr");
    // col(table, column) for names that are not identifiers, and rows(table).
    EXPECT_EQ(
        GnuplotPoints(dir, "plot tables.'/runs.dat' using col('runs', 'depth'):col('runs', 'q0.9')",
                      &status),
        q_by_depth);
    EXPECT_EQ(status, 0) << ReadFile(dir + "/gnuplot.stderr");
    EXPECT_EQ(
        GnuplotPoints(dir, "plot tables.'/runs.dat' every ::0::0 using (rows('runs')):(rows_runs)",
                      &status),
        (std::vector<std::pair<double, double>>{{3, 3}}));
    EXPECT_EQ(status, 0) << ReadFile(dir + "/gnuplot.stderr");
    // col() takes names gnuplot's variables cannot hold, and table names with dots.
    EXPECT_EQ(GnuplotPoints(dir,
                            "t = 'a_table_with_a_rather_long_name_for_gnuplot'\n"
                            "plot tables.'/'.t.'.dat' using col(t, 'width')"
                            ":col(t, 'estimate_of_the_covariance'), "
                            "tables.'/cov_sw0.5.dat' using col('cov_sw0.5', 'width')"
                            ":col('cov_sw0.5', 'estimate_of_the_covariance')",
                            &status),
              (std::vector<std::pair<double, double>>{{2, 2}, {3, 3}, {2, 2}, {3, 3}}));
    EXPECT_EQ(status, 0) << ReadFile(dir + "/gnuplot.stderr");
    EXPECT_EQ(ReadFile(dir + "/gnuplot.stderr").find("truncating"), std::string::npos)
        << ReadFile(dir + "/gnuplot.stderr");
    // A column that is not there stops the script instead of plotting NaN.
    GnuplotPoints(dir, "plot tables.'/runs.dat' using col('runs', 'depth'):col('runs', 'nope')",
                  &status);
    EXPECT_NE(status, 0);
    EXPECT_NE(ReadFile(dir + "/gnuplot.stderr").find("undefined_table_or_column"),
              std::string::npos);
  }
}

// A real figure script (plots/kurtosis_vs_depth.gp) on a real result and on the same result
// with every table's columns reversed: the same figure, byte for byte.
TEST(ResultToTables, RealScriptDrawsTheSameFigureFromReversedColumns) {
  absl::StatusOr<Result> real =
      io::ReadResultFile("experiments/vanishing_variance/kurtosis_vs_depth.pb");
  ASSERT_TRUE(real.ok()) << real.status();
  Result reversed = *real;
  for (Table& table : *reversed.mutable_tables()) {
    ASSERT_GT(table.columns_size(), 1) << table.name();
    std::reverse(table.mutable_columns()->begin(), table.mutable_columns()->end());
  }
  std::vector<std::string> figures;
  for (const auto& [name, result] : {std::pair{"real", *real}, {"reversed", reversed}}) {
    ASSERT_EQ(RunConverter(name, {WriteResult(result, name)}), 0)
        << ReadFile(TmpDir() + "/" + name + ".stderr");
    const std::string dir = absl::StrCat(TmpDir(), "/", name), svg = dir + ".svg";
    const int status =
        std::system(absl::StrCat("gnuplot -e \"set terminal svg size 900,500; set output '", svg,
                                 "'; tables = '", dir, "'\" plots/kurtosis_vs_depth.gp 2> '", dir,
                                 ".gp.stderr'")
                        .c_str());
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << ReadFile(dir + ".gp.stderr");
    figures.push_back(ReadFile(svg));
  }
  EXPECT_GT(figures[0].size(), 10000u);
  EXPECT_TRUE(figures[0] == figures[1]) << "the figure changed with the column order";
  // The tables themselves did change order.
  EXPECT_NE(ReadFile(TmpDir() + "/real/largest_eigenvalue.dat"),
            ReadFile(TmpDir() + "/reversed/largest_eigenvalue.dat"));
}

}  // namespace
}  // namespace vev

// Converts result files into whitespace-separated data tables for gnuplot.
//
//   result_to_tables --out_dir=DIR RESULT.pb [NAME=RESULT.pb...]
//
// Writes DIR/<table>.dat for every table of every result (first line: "# " + column
// names; one row per point; values with 17 significant digits, so the text round-trips
// the doubles exactly), and DIR/meta.gp defining gnuplot string variables `scale`,
// `git_commit` and `experiments`, and one numeric variable per result scalar (named as
// the scalar, characters other than [A-Za-z0-9_] replaced by '_'), e.g.
// `cifar10_test_samples = 1000`. An argument NAME=RESULT.pb writes that result's tables to
// DIR/NAME/ and prefixes its scalars' variables with NAME_. Two tables of the same name in
// the same directory are an error.
//
// So that the gnuplot scripts name columns instead of counting them, meta.gp also defines,
// for every table it writes, `rows_<table> = R` (its number of rows) and, for each column,
// `col_<table>_<column> = N` (its 1-based gnuplot column index), where <table> is the table's
// path under DIR without ".dat" (NAME/table for a named result) and both names are made
// identifiers as above, e.g. `col_mnist_runs_test_accuracy = 5` and
// `col_cov_squares_relu_sw0_5_ratio_eq4 = 6`. Gnuplot cuts variable names after 49
// characters (so that two long names can be one variable): a longer name is written as a
// comment only. For those and for names built in a script, meta.gp defines the functions
// col(table, column) and rows(table), e.g. col("cov_squares_relu_sw" . s, "eq4") or
// col("mnist/configurations_he_bernoulli", "output_kurtosis"): they take names of any length,
// make them identifiers themselves, and stop the script ("undefined variable:
// undefined_table_or_column") where value() would give NaN for a missing column;
// has_table(table) says whether a table was written (a script may skip a missing one). Two
// variables of the same name (e.g. columns "q0.9" and "q0_9" of one table) are an error.
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "lib/base/status_macros.h"
#include "lib/io/result_file.h"

ABSL_FLAG(std::string, out_dir, "", "Directory to write the tables to (must exist).");

namespace {

// A gnuplot identifier: characters other than [A-Za-z0-9_] replaced by '_' (byte by byte,
// as vev_id() in meta.gp does).
std::string Identifier(std::string name) {
  for (char& c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
  }
  return name;
}

// Gnuplot's longest variable name (MAX_ID_LEN - 1 in its source, 5.4): longer ones are cut.
constexpr size_t kGnuplotMaxName = 49;

// meta.gp's gnuplot functions (see the top of this file). vev_id(s) is Identifier(s);
// col() and rows() look "<table>/<column>" and "<table>" up in the strings vev_columns and
// vev_rows (" key=value key=value ... "), which, unlike variable names, have no length limit.
constexpr char kMetaFunctions[] =
    "vev_id_char(c) = strstrt(\"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_\", "
    "c) > 0 ? c : \"_\"\n"
    "vev_id(s) = strlen(s) == 0 ? \"\" : vev_id_char(s[1:1]) . vev_id(s[2:])\n"
    "vev_at(index, key) = strstrt(index, \" \" . key . \"=\")\n"
    "vev_lookup(index, key) = vev_at(index, key) == 0 ? undefined_table_or_column : "
    "word(index[vev_at(index, key) + strlen(key) + 2:vev_at(index, key) + strlen(key) + 22], 1) "
    "+ 0\n"
    "col(table, column) = vev_lookup(vev_columns, vev_id(table) . \"/\" . vev_id(column))\n"
    "rows(table) = vev_lookup(vev_rows, vev_id(table))\n"
    "has_table(table) = vev_at(vev_rows, vev_id(table)) > 0\n";

// The variables meta.gp defines, each once: lines "name = value" in the order added.
class MetaVariables {
 public:
  absl::Status Add(const std::string& name, const std::string& value,
                   std::vector<std::string>& lines) {
    if (!names_.insert(name).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("meta.gp would define '", name, "' twice (names made identifiers)"));
    }
    lines.push_back(absl::StrCat(name, " = ", value));
    return absl::OkStatus();
  }

 private:
  std::set<std::string> names_;
};

absl::Status WriteTable(const vev::Table& table, const std::string& path, size_t& rows) {
  rows = 0;
  for (const vev::Column& column : table.columns()) {
    if (rows != 0 && column.values_size() != static_cast<int>(rows)) {
      return absl::DataLossError(absl::StrCat("table '", table.name(), "': column '",
                                              column.name(), "' has ", column.values_size(),
                                              " values, expected ", rows));
    }
    rows = column.values_size();
  }
  std::ofstream out(path);
  if (!out) return absl::InternalError(absl::StrCat("cannot create '", path, "'"));
  std::vector<std::string> names;
  for (const vev::Column& column : table.columns()) names.push_back(column.name());
  out << "# " << absl::StrJoin(names, " ") << "\n";
  char buffer[32];
  for (size_t row = 0; row < rows; ++row) {
    for (int c = 0; c < table.columns_size(); ++c) {
      std::snprintf(buffer, sizeof(buffer), "%.17g", table.columns(c).values(row));
      out << (c == 0 ? "" : " ") << buffer;
    }
    out << "\n";
  }
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write '", path, "'"));
  return absl::OkStatus();
}

absl::Status Convert(const std::string& out_dir, const std::vector<char*>& paths) {
  if (out_dir.empty()) return absl::InvalidArgumentError("--out_dir is required");
  std::set<std::string> table_names, scales, commits, experiments;
  MetaVariables variables;
  std::vector<std::string> reserved, scalar_lines, table_lines, index_lines;
  // The header's and the index's variables are defined below; reserved here so that nothing
  // redefines them.
  for (const char* name : {"scale", "git_commit", "experiments", "vev_rows", "vev_columns"}) {
    VEV_RETURN_IF_ERROR(variables.Add(name, "", reserved));
  }
  for (const char* argument : paths) {
    std::string path = argument, prefix, dir = out_dir;
    const size_t equals = path.find('=');
    if (equals != std::string::npos) {
      prefix = path.substr(0, equals);
      path = path.substr(equals + 1);
      dir = absl::StrCat(out_dir, "/", prefix);
      if (mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
        return absl::InternalError(absl::StrCat("cannot create '", dir, "'"));
      }
      prefix += "_";
    }
    VEV_ASSIGN_OR_RETURN(const vev::Result result, vev::io::ReadResultFile(path));
    scales.insert(result.spec().scale());
    // Build actions record no commit (lib/io/experiment_run.h): name their binary instead.
    commits.insert(result.provenance().git_commit() != "unknown"
                       ? result.provenance().git_commit()
                       : "bin " + result.provenance().binary_sha256().substr(0, 8));
    experiments.insert(result.spec().experiment());
    for (const vev::Scalar& scalar : result.scalars()) {
      VEV_RETURN_IF_ERROR(variables.Add(absl::StrCat(prefix, Identifier(scalar.name())),
                                        absl::StrFormat("%.17g", scalar.value()), scalar_lines));
    }
    for (const vev::Table& table : result.tables()) {
      if (!table_names.insert(absl::StrCat(dir, "/", table.name())).second) {
        return absl::InvalidArgumentError(
            absl::StrCat("table '", table.name(), "' appears twice (in '", path, "')"));
      }
      size_t rows = 0;
      VEV_RETURN_IF_ERROR(WriteTable(table, absl::StrCat(dir, "/", table.name(), ".dat"), rows));
      // prefix is "NAME_" for DIR/NAME/: the identifier of the path NAME/table.
      const std::string id = Identifier(absl::StrCat(prefix, table.name()));
      VEV_RETURN_IF_ERROR(
          variables.Add(absl::StrCat("rows_", id), absl::StrCat(rows), table_lines));
      std::string columns;
      for (int c = 0; c < table.columns_size(); ++c) {
        const std::string column = Identifier(table.columns(c).name());
        VEV_RETURN_IF_ERROR(
            variables.Add(absl::StrCat("col_", id, "_", column), absl::StrCat(c + 1), table_lines));
        absl::StrAppend(&columns, id, "/", column, "=", c + 1, " ");
      }
      index_lines.push_back(absl::StrCat("vev_rows = vev_rows . \"", id, "=", rows, " \""));
      index_lines.push_back(absl::StrCat("vev_columns = vev_columns . \"", columns, "\""));
    }
  }
  std::ofstream meta(absl::StrCat(out_dir, "/meta.gp"));
  meta << "scale = \"" << absl::StrJoin(scales, "+") << "\"\n"
       << "git_commit = \"" << absl::StrJoin(commits, "+") << "\"\n"
       << "experiments = \"" << absl::StrJoin(experiments, " ") << "\"\n";
  for (const std::string& line : scalar_lines) meta << line << "\n";
  meta << "# Tables: rows_<table> = rows, col_<table>_<column> = gnuplot column (1-based).\n";
  for (const std::string& line : table_lines) {
    if (line.find(' ') <= kGnuplotMaxName) {
      meta << line << "\n";
    } else {
      meta << "# " << line << "  (name over gnuplot's " << kGnuplotMaxName
           << " characters: see col() and rows())\n";
    }
  }
  meta << "# The same for col(table, column) and rows(table), names of any length.\n"
       << "vev_rows = \" \"\n"
       << "vev_columns = \" \"\n";
  for (const std::string& line : index_lines) meta << line << "\n";
  meta << kMetaFunctions;
  if (!meta) return absl::InternalError("cannot write meta.gp");
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  args.erase(args.begin());
  const absl::Status status = Convert(absl::GetFlag(FLAGS_out_dir), args);
  if (!status.ok()) {
    std::fprintf(stderr, "error: %s\n", status.ToString().c_str());
    return 2;
  }
  return 0;
}

// Compares the data of result files bit for bit: tables (names, column names, units and
// every value's bits) and scalars (name, value and standard error bits), in order. Spec,
// provenance, run statistics and descriptions are not data and are not compared; columns
// in seconds ("s": CPU time per phase) are compared in length only (machine measurements).
//
//   bazel run //tools:compare_results -- A.pb B.pb
//   bazel run //tools:compare_results -- --trees DIR_A DIR_B
//       every *.pb under DIR_A (recursively, following symlinks) against the same
//       relative path under DIR_B
//   bazel run //tools:compare_results -- --rows_by=runs:initializer,width,depth,repeat A.pb B.pb
//       only table `runs`, row by row where the key columns match (rows of a grid that
//       two results share, e.g. after the grid grew): every column of each shared row
//
// Prints one line per difference and a summary; exit code 0 if all equal, 1 if some data
// differ (or a file is missing in B), 2 on a usage or read error.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/io/user_path.h"
#include "lib/io/result_file.h"

namespace {

uint64_t Bits(double x) {
  uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

// Appends to `diffs` every difference between the data of `a` and `b`.
void CompareData(const vev::Result& a, const vev::Result& b, std::vector<std::string>& diffs) {
  if (a.tables_size() != b.tables_size()) {
    diffs.push_back(absl::StrCat("tables: ", a.tables_size(), " vs ", b.tables_size()));
  }
  for (int t = 0; t < std::min(a.tables_size(), b.tables_size()); ++t) {
    const vev::Table &ta = a.tables(t), &tb = b.tables(t);
    const std::string where = absl::StrCat("table ", t, " '", ta.name(), "'");
    if (ta.name() != tb.name()) diffs.push_back(absl::StrCat(where, ": name '", tb.name(), "'"));
    if (ta.columns_size() != tb.columns_size()) {
      diffs.push_back(absl::StrCat(where, ": ", ta.columns_size(), " vs ", tb.columns_size(),
                                   " columns"));
      continue;
    }
    for (int c = 0; c < ta.columns_size(); ++c) {
      const vev::Column &ca = ta.columns(c), &cb = tb.columns(c);
      const std::string col = absl::StrCat(where, " column '", ca.name(), "'");
      if (ca.name() != cb.name() || ca.unit() != cb.unit()) {
        diffs.push_back(absl::StrCat(col, ": named '", cb.name(), "' [", cb.unit(), "] in B"));
      }
      if (ca.values_size() != cb.values_size()) {
        diffs.push_back(absl::StrCat(col, ": ", ca.values_size(), " vs ", cb.values_size(),
                                     " values"));
        continue;
      }
      if (ca.unit() == "s") continue;  // CPU seconds: a measurement of the machine
      for (int i = 0; i < ca.values_size(); ++i) {
        if (Bits(ca.values(i)) != Bits(cb.values(i))) {
          diffs.push_back(absl::StrCat(col, " row ", i, ": ", ca.values(i), " vs ",
                                       cb.values(i)));
          break;
        }
      }
    }
  }
  if (a.scalars_size() != b.scalars_size()) {
    diffs.push_back(absl::StrCat("scalars: ", a.scalars_size(), " vs ", b.scalars_size()));
  }
  for (int s = 0; s < std::min(a.scalars_size(), b.scalars_size()); ++s) {
    const vev::Scalar &sa = a.scalars(s), &sb = b.scalars(s);
    if (sa.name() != sb.name() || Bits(sa.value()) != Bits(sb.value()) ||
        Bits(sa.std_error()) != Bits(sb.std_error())) {
      diffs.push_back(absl::StrCat("scalar ", s, " '", sa.name(), "' = ", sa.value(), " +- ",
                                   sa.std_error(), " vs '", sb.name(), "' = ", sb.value(),
                                   " +- ", sb.std_error()));
    }
  }
}

// --rows_by: compares the rows of table `table` that `a` and `b` share by `keys`.
int CompareSharedRows(const vev::Result& a, const vev::Result& b, const std::string& table,
                      const std::vector<std::string>& keys) {
  absl::StatusOr<const vev::Table*> ta = vev::io::FindTable(a, table);
  absl::StatusOr<const vev::Table*> tb = vev::io::FindTable(b, table);
  if (!ta.ok() || !tb.ok()) {
    std::printf("%s\n", (!ta.ok() ? ta.status() : tb.status()).ToString().c_str());
    return 2;
  }
  auto key_of = [&](const vev::Table& t, int row) -> absl::StatusOr<std::vector<uint64_t>> {
    std::vector<uint64_t> key;
    for (const std::string& k : keys) {
      absl::StatusOr<const vev::Column*> c = vev::io::FindColumn(t, k);
      if (!c.ok()) return c.status();
      key.push_back(Bits((*c)->values(row)));
    }
    return key;
  };
  const int rows_a = (*ta)->columns_size() > 0 ? (*ta)->columns(0).values_size() : 0;
  const int rows_b = (*tb)->columns_size() > 0 ? (*tb)->columns(0).values_size() : 0;
  std::map<std::vector<uint64_t>, int> row_in_b;
  for (int r = 0; r < rows_b; ++r) {
    absl::StatusOr<std::vector<uint64_t>> key = key_of(**tb, r);
    if (!key.ok()) {
      std::printf("%s\n", key.status().ToString().c_str());
      return 2;
    }
    row_in_b[*key] = r;
  }
  int shared = 0, differ = 0;
  for (int r = 0; r < rows_a; ++r) {
    absl::StatusOr<std::vector<uint64_t>> key = key_of(**ta, r);
    if (!key.ok()) {
      std::printf("%s\n", key.status().ToString().c_str());
      return 2;
    }
    const auto it = row_in_b.find(*key);
    if (it == row_in_b.end()) continue;
    ++shared;
    for (const vev::Column& ca : (*ta)->columns()) {
      absl::StatusOr<const vev::Column*> cb = vev::io::FindColumn(**tb, ca.name());
      if (!cb.ok() || Bits(ca.values(r)) != Bits((*cb)->values(it->second))) {
        std::printf("row %d of A: column '%s' differs\n", r, ca.name().c_str());
        ++differ;
        break;
      }
    }
  }
  std::printf("compare_results: table '%s': %d rows in A, %d in B, %d shared, %d differ\n",
              table.c_str(), rows_a, rows_b, shared, differ);
  return differ > 0 ? 1 : 0;
}

// Compares two files; returns 0 (equal), 1 (differ) or 2 (read error).
int CompareFiles(const std::string& a_path, const std::string& b_path, const std::string& label) {
  absl::StatusOr<vev::Result> a = vev::io::ReadResultFile(a_path);
  absl::StatusOr<vev::Result> b = vev::io::ReadResultFile(b_path);
  if (!a.ok() || !b.ok()) {
    std::printf("%s: %s\n", label.c_str(),
                (!a.ok() ? a.status() : b.status()).ToString().c_str());
    return 2;
  }
  std::vector<std::string> diffs;
  CompareData(*a, *b, diffs);
  for (const std::string& d : diffs) std::printf("%s: %s\n", label.c_str(), d.c_str());
  return diffs.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 3 && args[0] == "--trees") {
    const fs::path a_root = vev::io::ResolveUserPath(args[1]);
    const fs::path b_root = vev::io::ResolveUserPath(args[2]);
    std::error_code error;
    if (!fs::is_directory(a_root, error) || !fs::is_directory(b_root, error)) {
      std::fprintf(stderr, "compare_results: --trees needs two folders\n");
      return 2;
    }
    std::vector<std::string> files;
    for (auto it = fs::recursive_directory_iterator(
             a_root, fs::directory_options::follow_directory_symlink);
         it != fs::recursive_directory_iterator(); ++it) {
      if (it->is_regular_file() && it->path().extension() == ".pb") {
        files.push_back(fs::relative(it->path(), a_root).string());
      }
    }
    std::sort(files.begin(), files.end());
    int equal = 0, differ = 0, missing = 0, errors = 0;
    for (const std::string& f : files) {
      if (!fs::exists(b_root / f)) {
        std::printf("%s: missing in B\n", f.c_str());
        ++missing;
        continue;
      }
      const int code = CompareFiles(a_root / f, b_root / f, f);
      (code == 0 ? equal : code == 1 ? differ : errors)++;
    }
    std::printf("compare_results: %d files: %d equal, %d differ, %d missing in B, %d unreadable\n",
                static_cast<int>(files.size()), equal, differ, missing, errors);
    return errors > 0 ? 2 : (differ + missing > 0 ? 1 : 0);
  }
  if (args.size() == 3 && absl::StartsWith(args[0], "--rows_by=")) {
    const std::string spec = args[0].substr(std::strlen("--rows_by="));
    const size_t colon = spec.find(':');
    absl::StatusOr<vev::Result> a = vev::io::ReadResultFile(vev::io::ResolveUserPath(args[1]));
    absl::StatusOr<vev::Result> b = vev::io::ReadResultFile(vev::io::ResolveUserPath(args[2]));
    if (colon == std::string::npos || !a.ok() || !b.ok()) {
      std::fprintf(stderr, "compare_results: --rows_by=TABLE:KEY,... A.pb B.pb (%s)\n",
                   !a.ok() ? a.status().ToString().c_str()
                           : !b.ok() ? b.status().ToString().c_str() : "no ':'");
      return 2;
    }
    const std::vector<std::string> keys = absl::StrSplit(spec.substr(colon + 1), ',');
    return CompareSharedRows(*a, *b, spec.substr(0, colon), keys);
  }
  if (args.size() != 2) {
    std::fprintf(stderr,
                 "usage: compare_results A.pb B.pb | --trees DIR_A DIR_B | "
                 "--rows_by=TABLE:KEY,... A.pb B.pb\n");
    return 2;
  }
  const int code = CompareFiles(vev::io::ResolveUserPath(args[0]),
                                vev::io::ResolveUserPath(args[1]), args[1]);
  std::printf("compare_results: %s\n", code == 0 ? "data equal" : "data differ");
  return code;
}

#include "lib/io/result_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace vev::io {
namespace {

absl::Status ErrnoStatus(absl::string_view what, absl::string_view path, int err) {
  const std::string message = absl::StrCat(what, " '", path, "': ", std::strerror(err));
  switch (err) {
    case ENOENT:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
      return absl::PermissionDeniedError(message);
    default:
      return absl::InternalError(message);
  }
}

}  // namespace

absl::Status WriteResultFile(const Result& result, absl::string_view path) {
  if (path.empty()) return absl::InvalidArgumentError("result path is empty");
  const std::string final_path(path);
  const std::string tmp_path = absl::StrCat(path, ".tmp");
  {
    std::ofstream out(tmp_path, std::ios::binary | std::ios::trunc);
    if (!out) return ErrnoStatus("cannot create", tmp_path, errno);
    if (!result.SerializeToOstream(&out)) {
      std::remove(tmp_path.c_str());
      return absl::InternalError(absl::StrCat("cannot serialize result to '", tmp_path, "'"));
    }
    out.close();
    if (!out) {
      const int err = errno;
      std::remove(tmp_path.c_str());
      return ErrnoStatus("cannot write", tmp_path, err);
    }
  }
  if (std::rename(tmp_path.c_str(), final_path.c_str()) != 0) {
    const int err = errno;
    std::remove(tmp_path.c_str());
    return ErrnoStatus("cannot rename result into", final_path, err);
  }
  return absl::OkStatus();
}

absl::StatusOr<Result> ReadResultFile(absl::string_view path) {
  const std::string path_string(path);
  std::ifstream in(path_string, std::ios::binary);
  if (!in) return ErrnoStatus("cannot open result file", path, errno);
  Result result;
  if (!result.ParseFromIstream(&in)) {
    return absl::DataLossError(
        absl::StrCat("'", path, "' is not a valid result file (protos/result.proto)"));
  }
  return result;
}

absl::StatusOr<const Table*> FindTable(const Result& result, absl::string_view name) {
  std::vector<std::string> names;
  for (const Table& table : result.tables()) {
    if (table.name() == name) return &table;
    names.push_back(table.name());
  }
  return absl::NotFoundError(absl::StrCat("no table '", name, "' in result of '",
                                          result.spec().experiment(), "'; tables: ",
                                          absl::StrJoin(names, ", ")));
}

absl::StatusOr<Table> TakeTable(Result& result, absl::string_view name) {
  for (int t = 0; t < result.tables_size(); ++t) {
    if (result.tables(t).name() != name) continue;
    Table table = std::move(*result.mutable_tables(t));
    result.mutable_tables()->DeleteSubrange(t, 1);
    return table;
  }
  absl::StatusOr<const Table*> missing = FindTable(result, name);
  return missing.status();
}

absl::StatusOr<const Column*> FindColumn(const Table& table, absl::string_view name) {
  std::vector<std::string> names;
  for (const Column& column : table.columns()) {
    if (column.name() == name) return &column;
    names.push_back(column.name());
  }
  return absl::NotFoundError(absl::StrCat("no column '", name, "' in table '", table.name(),
                                          "'; columns: ", absl::StrJoin(names, ", ")));
}

absl::StatusOr<std::vector<double>> ColumnValues(const Table& table, absl::string_view name) {
  absl::StatusOr<const Column*> column = FindColumn(table, name);
  if (!column.ok()) return column.status();
  return std::vector<double>((*column)->values().begin(), (*column)->values().end());
}

absl::StatusOr<double> ScalarValue(const Result& result, absl::string_view name) {
  std::vector<std::string> names;
  for (const Scalar& s : result.scalars()) {
    if (s.name() == name) return s.value();
    names.push_back(s.name());
  }
  return absl::NotFoundError(absl::StrCat("no scalar '", name, "' in result of '",
                                          result.spec().experiment(), "'; scalars: ",
                                          absl::StrJoin(names, ", ")));
}

bool IsDataUnavailable(const Result& result) {
  for (const Scalar& s : result.scalars()) {
    if (s.name() == kDataUnavailableScalar && s.value() == 1.0) return true;
  }
  return false;
}

}  // namespace vev::io

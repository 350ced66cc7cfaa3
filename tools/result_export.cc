#include "tools/result_export.h"

#include <charconv>
#include <cmath>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "lib/io/result_file.h"

namespace vev::tools {
namespace {

std::string CsvNumber(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Inf" : "-Inf";
  char buffer[32];
  // The shortest decimal that reads back to the same double.
  const std::to_chars_result r = std::to_chars(buffer, buffer + sizeof(buffer), v);
  return std::string(buffer, r.ptr);
}

// Quotes a header field if CSV needs it (RFC 4180).
std::string CsvField(absl::string_view text) {
  if (text.find_first_of(",\"\n\r") == absl::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

std::string ResultToText(const Result& result) {
  google::protobuf::TextFormat::Printer printer;
  printer.SetUseShortRepeatedPrimitives(true);
  std::string text;
  printer.PrintToString(result, &text);
  return text;
}

absl::StatusOr<std::string> ResultToJson(const Result& result) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  std::string json;
  const auto status = google::protobuf::util::MessageToJsonString(result, &json, options);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("JSON printing failed: ", status.ToString()));
  }
  return json;
}

absl::StatusOr<std::string> TableToCsv(const Result& result, absl::string_view table_name) {
  const Table* table = nullptr;
  if (table_name.empty()) {
    if (result.tables_size() != 1) {
      std::vector<std::string> names;
      for (const Table& t : result.tables()) names.push_back(t.name());
      return absl::InvalidArgumentError(
          absl::StrCat("the result has ", result.tables_size(),
                       " tables: name one with --table (", absl::StrJoin(names, ", "), ")"));
    }
    table = &result.tables(0);
  } else {
    absl::StatusOr<const Table*> found = io::FindTable(result, table_name);
    if (!found.ok()) return found.status();
    table = *found;
  }
  std::vector<std::string> header;
  for (const Column& c : table->columns()) header.push_back(CsvField(c.name()));
  std::string csv = absl::StrCat(absl::StrJoin(header, ","), "\n");
  const int rows = table->columns_size() > 0 ? table->columns(0).values_size() : 0;
  for (const Column& c : table->columns()) {
    if (c.values_size() != rows) {
      return absl::InvalidArgumentError(absl::StrCat("table '", table->name(), "': column '",
                                                     c.name(), "' has ", c.values_size(),
                                                     " values, expected ", rows));
    }
  }
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < table->columns_size(); ++c) {
      if (c > 0) csv += ',';
      csv += CsvNumber(table->columns(c).values(r));
    }
    csv += '\n';
  }
  return csv;
}

}  // namespace vev::tools

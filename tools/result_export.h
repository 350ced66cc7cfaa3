// Result files as text for people and for other tools: protobuf text format with compact
// repeated numbers, protobuf's canonical JSON mapping (for pandas, R's jsonlite, jq), and
// one table as CSV with a plain header row (pandas.read_csv, R's read.csv).
#ifndef VEV_TOOLS_RESULT_EXPORT_H_
#define VEV_TOOLS_RESULT_EXPORT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "protos/result.pb.h"

namespace vev::tools {

// Text format; repeated numbers (a column's values) on one line: "values: [1, 2.5, 3]".
std::string ResultToText(const Result& result);

// Protobuf's JSON mapping (lowerCamelCase field names, NaN/Infinity as strings), indented.
// Errors: Internal if protobuf's printer fails.
absl::StatusOr<std::string> ResultToJson(const Result& result);

// Table `table_name` (or the only table, if `table_name` is empty and there is exactly one)
// as CSV: a header row of column names, then one row per table row. Numbers are printed
// as the shortest decimal that reads back bit for bit; NaN and infinities as NaN, Inf and
// -Inf, which pandas and R both read as numbers.
// Errors: NotFound (no such table; the message lists the tables), InvalidArgument (empty
// name with several tables, columns of unequal length).
absl::StatusOr<std::string> TableToCsv(const Result& result, absl::string_view table_name);

}  // namespace vev::tools

#endif  // VEV_TOOLS_RESULT_EXPORT_H_

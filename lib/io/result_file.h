// Reading and writing result files (protos/result.proto, binary wire format).
#ifndef VEV_LIB_IO_RESULT_FILE_H_
#define VEV_LIB_IO_RESULT_FILE_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "protos/result.pb.h"

namespace vev::io {

// Writes `result` to `path` atomically: to `path`.tmp first, then renamed, so an
// interrupted or failed run never leaves a partial or stale-looking file behind.
// Errors: InvalidArgument (empty path), PermissionDenied/NotFound/Internal (I/O).
absl::Status WriteResultFile(const Result& result, absl::string_view path);

// Reads a result file. Errors: NotFound (cannot open), DataLoss (not a valid Result).
absl::StatusOr<Result> ReadResultFile(absl::string_view path);

// Returns the table named `name`, or NotFound listing the tables present.
absl::StatusOr<const Table*> FindTable(const Result& result, absl::string_view name);

// Removes the first table named `name` from `result` and returns it (for raw tables that a
// summary consumes, e.g. shards' per-batch sums). Errors: NotFound as FindTable.
absl::StatusOr<Table> TakeTable(Result& result, absl::string_view name);

// Returns the column named `name` of `table`, or NotFound listing the columns present.
absl::StatusOr<const Column*> FindColumn(const Table& table, absl::string_view name);

// The values of the column named `name` of `table`. Errors: those of FindColumn.
absl::StatusOr<std::vector<double>> ColumnValues(const Table& table, absl::string_view name);

// The value of the scalar named `name`, or NotFound listing the scalars present.
absl::StatusOr<double> ScalarValue(const Result& result, absl::string_view name);

// The scalar an experiment writes, = 1, when its dataset is not available on this machine
// (and it computed nothing); such results carry no tables.
inline constexpr char kDataUnavailableScalar[] = "data_unavailable";

// True if `result` has the scalar kDataUnavailableScalar = 1.
bool IsDataUnavailable(const Result& result);

}  // namespace vev::io

#endif  // VEV_LIB_IO_RESULT_FILE_H_

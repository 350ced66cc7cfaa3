// Parsing of list-valued flags ("2,5,10") with errors that name the flag.
#ifndef VEV_LIB_IO_FLAG_PARSING_H_
#define VEV_LIB_IO_FLAG_PARSING_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vev::io {

// Parses comma-separated integers, each >= `min_value`. Errors: InvalidArgument naming
// --`flag_name`, for an empty list, a non-integer item or an item below the minimum.
absl::StatusOr<std::vector<int>> ParseIntList(absl::string_view flag_name,
                                              absl::string_view text, int min_value);

// As ParseIntList, for finite doubles >= `min_value`.
absl::StatusOr<std::vector<double>> ParseDoubleList(absl::string_view flag_name,
                                                    absl::string_view text, double min_value);

}  // namespace vev::io

#endif  // VEV_LIB_IO_FLAG_PARSING_H_

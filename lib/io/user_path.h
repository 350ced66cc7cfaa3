// Paths a user gives on the command line.
#ifndef VEV_LIB_IO_USER_PATH_H_
#define VEV_LIB_IO_USER_PATH_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace vev::io {

// `path` made absolute against BUILD_WORKING_DIRECTORY (set by `bazel run`) when it is
// relative and that variable is set; otherwise unchanged. Experiment binaries apply it to
// their own path flags (input files); the frame (lib/io/experiment_frame.h) applies it to
// --out, --merge_inputs and --merge_parts.
std::string ResolveUserPath(absl::string_view path);

// Checks that `path` can be written: its folder exists and is writable, and `path` is not
// a folder. Errors: InvalidArgument naming `flag`.
absl::Status CheckWritableOutput(absl::string_view flag, absl::string_view path);

}  // namespace vev::io

#endif  // VEV_LIB_IO_USER_PATH_H_

#include "lib/io/user_path.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"

namespace vev::io {

std::string ResolveUserPath(absl::string_view path) {
  const char* working_directory = std::getenv("BUILD_WORKING_DIRECTORY");
  if (path.empty() || path[0] == '/' || working_directory == nullptr ||
      *working_directory == '\0') {
    return std::string(path);
  }
  return absl::StrCat(working_directory, "/", path);
}

absl::Status CheckWritableOutput(absl::string_view flag, absl::string_view path) {
  const std::string file(path);
  struct stat info;
  if (stat(file.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", flag, "='", path, "' is a folder; name the result file"));
  }
  const size_t slash = file.rfind('/');
  const std::string folder = slash == std::string::npos ? "." : file.substr(0, slash + 1);
  if (stat(folder.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", flag, "='", path, "': folder '", folder, "' does not exist"));
  }
  if (access(folder.c_str(), W_OK) != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", flag, "='", path, "': folder '", folder, "' is not writable"));
  }
  return absl::OkStatus();
}

}  // namespace vev::io

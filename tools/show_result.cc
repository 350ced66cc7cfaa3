// Prints result files (protos/result.proto) as protobuf text format.
//
//   bazel run //tools:show_result -- FILE [FILE...]
//
// Relative paths are resolved against the directory `bazel run` was started from.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/text_format.h"
#include "lib/io/result_file.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: show_result FILE [FILE...]\n");
    return 2;
  }
  const char* cwd = std::getenv("BUILD_WORKING_DIRECTORY");
  for (int i = 1; i < argc; ++i) {
    std::string path = argv[i];
    if (cwd != nullptr && !path.empty() && path[0] != '/') path = absl::StrCat(cwd, "/", path);
    const absl::StatusOr<vev::Result> result = vev::io::ReadResultFile(path);
    if (!result.ok()) {
      std::fprintf(stderr, "error: %s\n", result.status().ToString().c_str());
      return 1;
    }
    std::string text;
    google::protobuf::TextFormat::PrintToString(*result, &text);
    if (argc > 2) std::printf("# %s\n", path.c_str());
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  return 0;
}

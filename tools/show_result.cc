// Prints result files (protos/result.proto): as protobuf text format (compact repeated
// numbers), as JSON (protobuf's JSON mapping), or one table as CSV.
//
//   bazel run //tools:show_result -- FILE [FILE...]
//   bazel run //tools:show_result -- --format=json FILE > result.json
//   bazel run //tools:show_result -- --format=csv --table=runs FILE > runs.csv
//
// Relative paths are resolved against the directory `bazel run` was started from.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "lib/io/result_file.h"
#include "lib/io/user_path.h"
#include "tools/result_export.h"

ABSL_FLAG(std::string, format, "text", "Output format: text, json, or csv (one table).");
ABSL_FLAG(std::string, table, "",
          "With --format=csv: the table to print (may be omitted if the result has one).");

namespace {

int Fail(const std::string& message, int code) {
  std::fprintf(stderr, "show_result: %s\n", message.c_str());
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Prints result files.\n  show_result [--format=text|json|csv] [--table=NAME] FILE...");
  const std::vector<char*> files = absl::ParseCommandLine(argc, argv);
  const std::string format = absl::GetFlag(FLAGS_format);
  if (format != "text" && format != "json" && format != "csv") {
    return Fail(absl::StrCat("--format must be text, json or csv, got '", format, "'"), 2);
  }
  if (!absl::GetFlag(FLAGS_table).empty() && format != "csv") {
    return Fail("--table applies to --format=csv only", 2);
  }
  if (files.size() < 2) return Fail("no result file given (see --help)", 2);
  if (format != "text" && files.size() > 2) {
    return Fail(absl::StrCat("--format=", format, " prints one file at a time"), 2);
  }
  for (size_t i = 1; i < files.size(); ++i) {
    const std::string path = vev::io::ResolveUserPath(files[i]);
    const absl::StatusOr<vev::Result> result = vev::io::ReadResultFile(path);
    if (!result.ok()) return Fail(result.status().ToString(), 1);
    absl::StatusOr<std::string> text;
    if (format == "json") {
      text = vev::tools::ResultToJson(*result);
    } else if (format == "csv") {
      text = vev::tools::TableToCsv(*result, absl::GetFlag(FLAGS_table));
    } else {
      text = vev::tools::ResultToText(*result);
      if (files.size() > 2) std::printf("# %s\n", path.c_str());
    }
    if (!text.ok()) return Fail(absl::StrCat(path, ": ", text.status().ToString()), 1);
    std::fwrite(text->data(), 1, text->size(), stdout);
  }
  return 0;
}

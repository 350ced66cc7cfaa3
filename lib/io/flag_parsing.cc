#include "lib/io/flag_parsing.h"

#include <cmath>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/ascii.h"

namespace vev::io {
namespace {

template <typename T, typename Parse>
absl::StatusOr<std::vector<T>> ParseList(absl::string_view flag_name, absl::string_view text,
                                         T min_value, Parse parse) {
  std::vector<T> values;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    T value;
    if (!parse(absl::StripAsciiWhitespace(item), &value)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", flag_name, ": '", item, "' is not a valid number"));
    }
    if (!(value >= min_value)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", flag_name, ": ", item, " is below the minimum ", min_value));
    }
    values.push_back(value);
  }
  return values;
}

}  // namespace

absl::StatusOr<std::vector<int>> ParseIntList(absl::string_view flag_name,
                                              absl::string_view text, int min_value) {
  if (text.empty()) return absl::InvalidArgumentError(absl::StrCat("--", flag_name, " is empty"));
  return ParseList<int>(flag_name, text, min_value,
                        [](absl::string_view s, int* v) { return absl::SimpleAtoi(s, v); });
}

absl::StatusOr<std::vector<double>> ParseDoubleList(absl::string_view flag_name,
                                                    absl::string_view text, double min_value) {
  if (text.empty()) return absl::InvalidArgumentError(absl::StrCat("--", flag_name, " is empty"));
  return ParseList<double>(flag_name, text, min_value, [](absl::string_view s, double* v) {
    return absl::SimpleAtod(s, v) && std::isfinite(*v);
  });
}

}  // namespace vev::io

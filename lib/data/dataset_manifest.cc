#include "lib/data/dataset_manifest.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace vev::data {
namespace {

bool IsHexSha256(absl::string_view text) {
  if (text.size() != 64) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<DatasetManifest> ParseDatasetManifest(absl::string_view text,
                                                     absl::string_view name) {
  DatasetManifest manifest;
  bool seen_header = false, seen_dataset = false, seen_split = false, seen_status = false;
  bool seen_samples = false;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    const std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    const absl::string_view key = fields[0];
    auto error = [&](absl::string_view what) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ":", line_number, ": ", what, " in line '", line, "'"));
    };
    if (!seen_header) {
      if (key != "vev-dataset-manifest" || fields.size() != 2 || fields[1] != "1") {
        return error("not a dataset manifest (expected 'vev-dataset-manifest<TAB>1')");
      }
      seen_header = true;
      continue;
    }
    if (key == "file") {
      if (fields.size() != 6) return error("a file line needs 5 fields");
      ManifestFile file;
      file.name = std::string(fields[1]);
      file.path = std::string(fields[2]);
      file.member = fields[3] == "-" ? "" : std::string(fields[3]);
      file.sha256 = std::string(fields[4]);
      if (file.name.empty() || file.path.empty()) return error("empty file name or path");
      if (!IsHexSha256(file.sha256)) return error("bad sha256 (need 64 lower-case hex digits)");
      if (!absl::SimpleAtoi(fields[5], &file.bytes) || file.bytes < 0) {
        return error("bad byte count");
      }
      manifest.files.push_back(std::move(file));
      continue;
    }
    if (fields.size() != 2) return error("expected KEY<TAB>VALUE");
    const absl::string_view value = fields[1];
    std::string parse_error;
    if (key == "dataset") {
      if (!AbslParseFlag(value, &manifest.dataset, &parse_error)) return error(parse_error);
      seen_dataset = true;
    } else if (key == "split") {
      if (!AbslParseFlag(value, &manifest.split, &parse_error)) return error(parse_error);
      seen_split = true;
    } else if (key == "status") {
      if (value != "available" && value != "unavailable") {
        return error("status must be available or unavailable");
      }
      manifest.available = (value == "available");
      seen_status = true;
    } else if (key == "reason") {
      manifest.reason = std::string(value);
    } else if (key == "samples") {
      if (!absl::SimpleAtoi(value, &manifest.samples) || manifest.samples <= 0) {
        return error("bad sample count");
      }
      seen_samples = true;
    } else if (key == "origin") {
      manifest.origin = std::string(value);
    } else if (key == "note") {
      manifest.note = std::string(value);
    } else {
      return error(absl::StrCat("unknown key '", key, "'"));
    }
  }
  if (!seen_header || !seen_dataset || !seen_split || !seen_status) {
    return absl::InvalidArgumentError(absl::StrCat(
        name, ": incomplete dataset manifest (needs the header line and dataset, split, status)"));
  }
  if (manifest.available && (manifest.files.empty() || !seen_samples)) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": an available dataset manifest needs file lines and samples"));
  }
  return manifest;
}

std::string FormatDatasetManifest(const DatasetManifest& manifest) {
  std::string text = "vev-dataset-manifest\t1\n";
  absl::StrAppend(&text, "dataset\t", DatasetFlagName(manifest.dataset), "\n");
  absl::StrAppend(&text, "split\t", SplitFlagName(manifest.split), "\n");
  absl::StrAppend(&text, "status\t", manifest.available ? "available" : "unavailable", "\n");
  if (!manifest.reason.empty()) absl::StrAppend(&text, "reason\t", manifest.reason, "\n");
  if (manifest.available) absl::StrAppend(&text, "samples\t", manifest.samples, "\n");
  if (!manifest.origin.empty()) absl::StrAppend(&text, "origin\t", manifest.origin, "\n");
  if (!manifest.note.empty()) absl::StrAppend(&text, "note\t", manifest.note, "\n");
  for (const ManifestFile& file : manifest.files) {
    absl::StrAppend(&text, "file\t", file.name, "\t", file.path, "\t",
                    file.member.empty() ? "-" : file.member, "\t", file.sha256, "\t", file.bytes,
                    "\n");
  }
  return text;
}

}  // namespace vev::data

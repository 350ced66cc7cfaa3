// libFuzzer target: the dataset manifest parser. Invariants: no crash; a parsed manifest
// formats to text that parses to the same manifest.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "lib/data/dataset_manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<vev::data::DatasetManifest> manifest =
      vev::data::ParseDatasetManifest(text, "fuzz");
  if (!manifest.ok()) return 0;
  const std::string formatted = vev::data::FormatDatasetManifest(*manifest);
  const absl::StatusOr<vev::data::DatasetManifest> again =
      vev::data::ParseDatasetManifest(formatted, "fuzz");
  if (!again.ok() || vev::data::FormatDatasetManifest(*again) != formatted) std::abort();
  return 0;
}

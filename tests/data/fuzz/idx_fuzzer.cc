// libFuzzer target: the IDX parsers (MNIST, Fashion-MNIST) on arbitrary bytes. Invariants:
// no crash or sanitizer report; a successful parse describes exactly the input's payload.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "lib/data/idx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<vev::data::IdxArray> any = vev::data::ParseIdx(bytes, "fuzz");
  if (any.ok()) {
    if (any->payload.data() + any->payload.size() != bytes.data() + bytes.size()) std::abort();
    if (any->dims.empty()) std::abort();
  }
  const absl::StatusOr<vev::data::IdxArray> images =
      vev::data::ParseIdxImages(bytes, "fuzz", 28, 28);
  if (images.ok() && images->payload.size() != static_cast<size_t>(images->dims[0]) * 784) {
    std::abort();
  }
  const absl::StatusOr<vev::data::IdxArray> labels = vev::data::ParseIdxLabels(bytes, "fuzz", 10);
  if (labels.ok()) {
    for (const char c : labels->payload) {
      if (static_cast<uint8_t>(c) >= 10) std::abort();
    }
  }
  return 0;
}

// libFuzzer target: the CIFAR-10 batch parser on arbitrary bytes. Invariants: no crash; a
// successful parse has whole records with labels 0..9.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "lib/data/cifar_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<vev::data::CifarBatch> batch = vev::data::ParseCifarBatch(bytes, "fuzz");
  if (batch.ok()) {
    if (batch->num_records * vev::data::kCifarRecordBytes != static_cast<int64_t>(size)) {
      std::abort();
    }
    for (int64_t i = 0; i < batch->num_records; ++i) {
      if (static_cast<uint8_t>(bytes[i * vev::data::kCifarRecordBytes]) > 9) std::abort();
    }
  }
  return 0;
}

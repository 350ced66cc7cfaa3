#include "lib/data/cifar_reader.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/base/check.h"

namespace vev::data {

absl::StatusOr<CifarBatch> ParseCifarBatch(absl::string_view bytes, absl::string_view name) {
  if (bytes.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": empty CIFAR-10 batch (0 bytes)"));
  }
  const int64_t size = static_cast<int64_t>(bytes.size());
  const int64_t remainder = size % kCifarRecordBytes;
  if (remainder != 0) {
    const int64_t last = size - remainder;
    return absl::DataLossError(
        absl::StrCat(name, ": ", size, " bytes is not a whole number of ", kCifarRecordBytes,
                     "-byte records: the record at byte offset ", last, " has only ", remainder,
                     " bytes (", kCifarRecordBytes - remainder, " missing; truncated file?)"));
  }
  CifarBatch batch;
  batch.num_records = size / kCifarRecordBytes;
  batch.records = bytes;
  for (int64_t i = 0; i < batch.num_records; ++i) {
    const auto label = static_cast<uint8_t>(bytes[i * kCifarRecordBytes]);
    if (label > 9) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": label ", static_cast<int>(label), " of record ", i,
                       " at byte offset ", i * kCifarRecordBytes, " is out of range 0..9"));
    }
  }
  return batch;
}

std::string MakeCifarBatchBytes(const std::vector<uint8_t>& labels, absl::string_view images) {
  VEV_CHECK(images.size() == labels.size() * kCifarImageBytes);
  std::string bytes;
  bytes.reserve(labels.size() * kCifarRecordBytes);
  for (size_t i = 0; i < labels.size(); ++i) {
    bytes.push_back(static_cast<char>(labels[i]));
    bytes.append(images.data() + i * kCifarImageBytes, kCifarImageBytes);
  }
  return bytes;
}

}  // namespace vev::data

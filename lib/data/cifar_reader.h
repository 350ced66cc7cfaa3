// Parser of the CIFAR-10 binary batches (data_batch_1..5.bin, test_batch.bin): records of
// 3073 bytes, one label byte (0..9) then 1024 red, 1024 green, 1024 blue bytes, each plane
// 32 x 32 row-major, so the image bytes are already in channel-major (C, H, W) order.
#ifndef VEV_LIB_DATA_CIFAR_READER_H_
#define VEV_LIB_DATA_CIFAR_READER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vev::data {

inline constexpr int kCifarImageBytes = 3 * 32 * 32;
inline constexpr int kCifarRecordBytes = 1 + kCifarImageBytes;

// A parsed batch; `records` is a view into the parsed bytes (keep them alive).
struct CifarBatch {
  int64_t num_records = 0;
  absl::string_view records;  // num_records * kCifarRecordBytes bytes
};

// Parses a CIFAR-10 batch. `name` identifies the input in messages. Errors: InvalidArgument
// (empty file; a label byte above 9, with its record index and byte offset), DataLoss (the
// size is not a whole number of records: the last record's offset and its missing bytes).
absl::StatusOr<CifarBatch> ParseCifarBatch(absl::string_view bytes, absl::string_view name);

// Serializes records: labels[i] then images[i] (kCifarImageBytes bytes, channel-major).
// For synthetic datasets. Requires images.size() == labels.size() * kCifarImageBytes.
std::string MakeCifarBatchBytes(const std::vector<uint8_t>& labels, absl::string_view images);

}  // namespace vev::data

#endif  // VEV_LIB_DATA_CIFAR_READER_H_

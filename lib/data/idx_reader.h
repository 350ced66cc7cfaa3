// Parser of LeCun's IDX format, the format of the MNIST and Fashion-MNIST files:
// a 4-byte magic number 00 00 <type> <rank>, `rank` big-endian int32 dimensions, then the
// payload in row-major order. Images: type 0x08 (unsigned byte), rank 3 (count, rows,
// columns); labels: type 0x08, rank 1 (count).
#ifndef VEV_LIB_DATA_IDX_READER_H_
#define VEV_LIB_DATA_IDX_READER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vev::data {

// A parsed IDX array; `payload` is a view into the parsed bytes (keep them alive).
struct IdxArray {
  uint8_t type_code = 0;      // 0x08 unsigned byte, 0x09 signed byte, 0x0B int16, ...
  std::vector<int64_t> dims;  // dims[0] is the item count
  absl::string_view payload;  // prod(dims) * element size bytes
};

// Parses any IDX array of a known element type. `name` identifies the input in messages.
// Errors: InvalidArgument (magic number does not start 00 00, unknown type, rank 0 or
// above 8, a dimension of 0 or the total size overflows), DataLoss (shorter than the
// header; payload size differs from what the header implies: expected vs. actual bytes).
absl::StatusOr<IdxArray> ParseIdx(absl::string_view bytes, absl::string_view name);

// MNIST-style images: exactly magic 0x00000803 and `rows` x `columns` images. Errors: those
// of ParseIdx; InvalidArgument (other magic number, other image size).
absl::StatusOr<IdxArray> ParseIdxImages(absl::string_view bytes, absl::string_view name, int rows,
                                        int columns);

// MNIST-style labels: exactly magic 0x00000801, every label < `num_classes`. Errors: those
// of ParseIdx; InvalidArgument (other magic number; a label out of range, with its byte
// offset and value).
absl::StatusOr<IdxArray> ParseIdxLabels(absl::string_view bytes, absl::string_view name,
                                        int num_classes);

// Serializes an unsigned-byte IDX array (magic 00 00 08 <rank>): for synthetic datasets.
// Requires payload.size() == prod(dims) (checked).
std::string MakeIdxBytes(const std::vector<int64_t>& dims, absl::string_view payload);

}  // namespace vev::data

#endif  // VEV_LIB_DATA_IDX_READER_H_

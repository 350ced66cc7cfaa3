#include "lib/data/idx_reader.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "lib/base/check.h"

namespace vev::data {
namespace {

uint32_t LoadBigEndian32(absl::string_view bytes, size_t offset) {
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data() + offset);
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

// Element size in bytes of an IDX type code; 0 if unknown.
int ElementBytes(uint8_t type_code) {
  switch (type_code) {
    case 0x08:  // unsigned byte
    case 0x09:  // signed byte
      return 1;
    case 0x0B:  // short
      return 2;
    case 0x0C:  // int
    case 0x0D:  // float
      return 4;
    case 0x0E:  // double
      return 8;
    default:
      return 0;
  }
}

std::string Magic(absl::string_view bytes) {
  return absl::StrFormat("0x%08X", LoadBigEndian32(bytes, 0));
}

}  // namespace

absl::StatusOr<IdxArray> ParseIdx(absl::string_view bytes, absl::string_view name) {
  if (bytes.size() < 4) {
    return absl::DataLossError(absl::StrCat(name, ": file is ", bytes.size(),
                                            " bytes, shorter than the 4-byte IDX magic number"));
  }
  const auto* head = reinterpret_cast<const uint8_t*>(bytes.data());
  IdxArray array;
  array.type_code = head[2];
  const int rank = head[3];
  const int element_bytes = ElementBytes(array.type_code);
  if (head[0] != 0 || head[1] != 0 || element_bytes == 0 || rank == 0 || rank > 8) {
    return absl::InvalidArgumentError(absl::StrCat(
        name, ": bad IDX magic number ", Magic(bytes),
        " at byte offset 0 (expected 0x0000TTRR: type TT in 08..0E, rank RR in 1..8)"));
  }
  const size_t header_bytes = 4 + 4 * static_cast<size_t>(rank);
  if (bytes.size() < header_bytes) {
    return absl::DataLossError(absl::StrCat(name, ": file is ", bytes.size(),
                                            " bytes, shorter than its ", header_bytes,
                                            "-byte IDX header (rank ", rank, ")"));
  }
  // 2^40 bytes: far above any real file, and prod(dims) cannot overflow below it.
  constexpr int64_t kMaxPayload = int64_t{1} << 40;
  int64_t payload_bytes = element_bytes;
  for (int i = 0; i < rank; ++i) {
    const int64_t dim = LoadBigEndian32(bytes, 4 + 4 * i);
    if (dim == 0 || dim > kMaxPayload / payload_bytes) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": IDX dimension ", i, " at byte offset ", 4 + 4 * i, " is ", dim,
                       dim == 0 ? " (empty array)" : " (array larger than 1 TiB)"));
    }
    payload_bytes *= dim;
    array.dims.push_back(dim);
  }
  const int64_t actual = static_cast<int64_t>(bytes.size() - header_bytes);
  if (actual != payload_bytes) {
    return absl::DataLossError(
        absl::StrCat(name, ": IDX header says ", absl::StrJoin(array.dims, " x "), " elements of ",
                     element_bytes, " byte(s) = ", payload_bytes, " payload bytes after the ",
                     header_bytes, "-byte header, but the file has ", actual,
                     actual < payload_bytes ? " (truncated)" : " (trailing bytes)"));
  }
  array.payload = bytes.substr(header_bytes);
  return array;
}

absl::StatusOr<IdxArray> ParseIdxImages(absl::string_view bytes, absl::string_view name, int rows,
                                        int columns) {
  if (bytes.size() >= 4 && LoadBigEndian32(bytes, 0) != 0x00000803) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": wrong magic number ", Magic(bytes),
                     " at byte offset 0: expected 0x00000803 (IDX unsigned-byte images, rank 3)"));
  }
  absl::StatusOr<IdxArray> array = ParseIdx(bytes, name);
  if (!array.ok()) return array.status();
  if (array->dims[1] != rows || array->dims[2] != columns) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": images are ", array->dims[1], " x ",
                                                   array->dims[2],
                                                   " (header bytes 8..15), "
                                                   "expected ",
                                                   rows, " x ", columns));
  }
  return array;
}

absl::StatusOr<IdxArray> ParseIdxLabels(absl::string_view bytes, absl::string_view name,
                                        int num_classes) {
  if (bytes.size() >= 4 && LoadBigEndian32(bytes, 0) != 0x00000801) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": wrong magic number ", Magic(bytes),
                     " at byte offset 0: expected 0x00000801 (IDX unsigned-byte labels, rank 1)"));
  }
  absl::StatusOr<IdxArray> array = ParseIdx(bytes, name);
  if (!array.ok()) return array.status();
  const auto* labels = reinterpret_cast<const uint8_t*>(array->payload.data());
  for (size_t i = 0; i < array->payload.size(); ++i) {
    if (labels[i] >= num_classes) {
      return absl::InvalidArgumentError(absl::StrCat(name, ": label ", static_cast<int>(labels[i]),
                                                     " of item ", i, " at byte offset ", 8 + i,
                                                     " is out of range 0..", num_classes - 1));
    }
  }
  return array;
}

std::string MakeIdxBytes(const std::vector<int64_t>& dims, absl::string_view payload) {
  VEV_CHECK(!dims.empty() && dims.size() <= 8);
  int64_t count = 1;
  for (const int64_t dim : dims) count *= dim;
  VEV_CHECK(static_cast<int64_t>(payload.size()) == count);
  std::string bytes = {'\0', '\0', '\x08', static_cast<char>(dims.size())};
  for (const int64_t dim : dims) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      bytes.push_back(static_cast<char>((dim >> shift) & 0xff));
    }
  }
  bytes.append(payload.data(), payload.size());
  return bytes;
}

}  // namespace vev::data

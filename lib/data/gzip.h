// gzip (RFC 1952) decompression and compression with zlib, for the MNIST / Fashion-MNIST
// .gz files and the CIFAR-10 .tar.gz archive. zlib checks every member's CRC-32 and
// length trailer, so a corrupt or truncated file is an error, never wrong bytes.
#ifndef VEV_LIB_DATA_GZIP_H_
#define VEV_LIB_DATA_GZIP_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vev::data {

// Largest decompressed size accepted by default (1 GiB): four times the CIFAR-10 tar.
inline constexpr size_t kDefaultMaxGunzipBytes = size_t{1} << 30;

// True if `bytes` starts with the gzip magic number 1f 8b.
bool HasGzipMagic(absl::string_view bytes);

// Decompresses `compressed`: one gzip member or several concatenated ones (as gzip -d
// does). `name` identifies the input in messages. Errors, with the compressed byte offset:
// InvalidArgument (no gzip magic, bad header), DataLoss (corrupt deflate data, CRC-32 or
// length mismatch, stream ends early, bytes after the last member), ResourceExhausted
// (output larger than `max_output_bytes`).
absl::StatusOr<std::string> Gunzip(absl::string_view compressed, absl::string_view name,
                                   size_t max_output_bytes = kDefaultMaxGunzipBytes);

// Compresses `bytes` as one gzip member: level 6, header mtime 0 and no file name, so the
// output is a pure function of the input (and of the zlib version). Errors: Internal.
absl::StatusOr<std::string> Gzip(absl::string_view bytes);

}  // namespace vev::data

#endif  // VEV_LIB_DATA_GZIP_H_

#include "lib/data/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace vev::data {
namespace {

// zlib counts in uInt: feed and drain at most this many bytes per call.
constexpr size_t kMaxChunk = size_t{1} << 30;

}  // namespace

bool HasGzipMagic(absl::string_view bytes) {
  return bytes.size() >= 2 && static_cast<uint8_t>(bytes[0]) == 0x1f &&
         static_cast<uint8_t>(bytes[1]) == 0x8b;
}

absl::StatusOr<std::string> Gunzip(absl::string_view compressed, absl::string_view name,
                                   size_t max_output_bytes) {
  if (!HasGzipMagic(compressed)) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": not a gzip file (byte offset 0: expected magic 1f 8b, file has ",
                     compressed.size(), " bytes)"));
  }
  z_stream stream{};
  // 16 + MAX_WBITS: gzip wrapper only; zlib verifies the CRC-32 and ISIZE trailer.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
    return absl::InternalError(absl::StrCat(name, ": inflateInit2 failed"));
  }
  std::string out;
  // The last member's ISIZE (length mod 2^32) is the output size of a single-member file:
  // reserve it up front, unless it is implausible (deflate expands at most 1032:1), as in
  // a corrupt or hostile file, where output grows geometrically instead.
  if (compressed.size() >= 18) {
    const auto* tail =
        reinterpret_cast<const uint8_t*>(compressed.data() + compressed.size() - 4);
    const size_t hint = uint32_t{tail[0]} | (uint32_t{tail[1]} << 8) |
                        (uint32_t{tail[2]} << 16) | (uint32_t{tail[3]} << 24);
    if (hint / 1032 <= compressed.size()) out.reserve(std::min(hint, max_output_bytes));
  }
  size_t in_pos = 0;    // bytes of `compressed` consumed
  size_t out_size = 0;  // bytes of `out` filled
  size_t member_start = 0;
  absl::Status status;
  while (true) {
    if (out_size == out.size()) {
      if (out.size() >= max_output_bytes) {
        status = absl::ResourceExhaustedError(absl::StrCat(
            name, ": decompressed size exceeds the limit of ", max_output_bytes, " bytes"));
        break;
      }
      const size_t grown = std::max<size_t>({out.capacity(), 2 * out.size(), 1 << 16});
      out.resize(std::min(grown, max_output_bytes));
    }
    const size_t in_chunk = std::min(compressed.size() - in_pos, kMaxChunk);
    const size_t out_chunk = std::min(out.size() - out_size, kMaxChunk);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data() + in_pos));
    stream.avail_in = static_cast<uInt>(in_chunk);
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + out_size);
    stream.avail_out = static_cast<uInt>(out_chunk);
    const int code = inflate(&stream, Z_NO_FLUSH);
    in_pos += in_chunk - stream.avail_in;
    out_size += out_chunk - stream.avail_out;
    if (code == Z_STREAM_END) {
      if (in_pos == compressed.size()) break;
      if (!HasGzipMagic(compressed.substr(in_pos))) {
        status = absl::DataLossError(absl::StrCat(name, ": ", compressed.size() - in_pos,
                                                  " unexpected bytes after the gzip member "
                                                  "that ends at byte offset ",
                                                  in_pos));
        break;
      }
      member_start = in_pos;
      inflateReset(&stream);
      continue;
    }
    if (code == Z_OK) continue;
    if (code == Z_BUF_ERROR && stream.avail_out == 0) continue;  // needs more output room
    if (code == Z_BUF_ERROR && in_pos == compressed.size()) {
      status = absl::DataLossError(
          absl::StrCat(name, ": truncated gzip stream: the member starting at byte offset ",
                       member_start, " ends at byte offset ", in_pos,
                       " (end of file) before its trailer; ", out_size, " bytes decompressed"));
      break;
    }
    const char* detail = stream.msg != nullptr ? stream.msg : "unknown error";
    if (code == Z_DATA_ERROR && in_pos < member_start + 10) {
      status = absl::InvalidArgumentError(
          absl::StrCat(name, ": bad gzip header at byte offset ", member_start, ": ", detail));
    } else {
      status = absl::DataLossError(absl::StrCat(name, ": corrupt gzip data near byte offset ",
                                                in_pos, " (zlib code ", code, ": ", detail, "); ",
                                                out_size, " bytes decompressed"));
    }
    break;
  }
  inflateEnd(&stream);
  if (!status.ok()) return status;
  out.resize(out_size);
  return out;
}

absl::StatusOr<std::string> Gzip(absl::string_view bytes) {
  z_stream stream{};
  // 16 + MAX_WBITS: gzip wrapper with zlib's default header (mtime 0, no file name);
  // memLevel 8 and the default strategy, like gzip -6.
  if (deflateInit2(&stream, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return absl::InternalError("deflateInit2 failed");
  }
  if (bytes.size() > kMaxChunk) {
    deflateEnd(&stream);
    return absl::InternalError("Gzip: input larger than 1 GiB");
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(bytes.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int code = deflate(&stream, Z_FINISH);
  const size_t produced = out.size() - stream.avail_out;
  deflateEnd(&stream);
  if (code != Z_STREAM_END) {
    return absl::InternalError(absl::StrCat("deflate failed with zlib code ", code));
  }
  out.resize(produced);
  return out;
}

}  // namespace vev::data

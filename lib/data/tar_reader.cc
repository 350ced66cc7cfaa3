#include "lib/data/tar_reader.h"

#include <cstdio>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/check.h"

namespace vev::data {
namespace {

constexpr int64_t kBlock = 512;
// Header field offsets and lengths (POSIX.1-1988 ustar).
constexpr int kNameOffset = 0, kNameLength = 100;
constexpr int kModeOffset = 100;
constexpr int kSizeOffset = 124, kSizeLength = 12;
constexpr int kChecksumOffset = 148, kChecksumLength = 8;
constexpr int kTypeOffset = 156;
constexpr int kMagicOffset = 257;
constexpr int kPrefixOffset = 345, kPrefixLength = 155;

// Largest member size accepted: far above any dataset file, small enough that offsets
// never overflow.
constexpr int64_t kMaxMemberSize = int64_t{1} << 40;

int64_t RoundUpToBlock(int64_t n) { return (n + kBlock - 1) / kBlock * kBlock; }

// A NUL-terminated string field of at most `length` bytes.
std::string StringField(absl::string_view header, int offset, int length) {
  const absl::string_view field = header.substr(offset, length);
  const size_t end = field.find('\0');
  return std::string(end == absl::string_view::npos ? field : field.substr(0, end));
}

// A numeric field: octal digits, optionally surrounded by spaces and NULs; or GNU base-256
// (first byte 0x80, big-endian). Returns false if malformed or above `max_value`.
bool ParseNumericField(absl::string_view field, int64_t max_value, int64_t* value) {
  if (!field.empty() && static_cast<uint8_t>(field[0]) == 0x80) {
    uint64_t v = 0;
    for (size_t i = 1; i < field.size(); ++i) {
      if (v > (uint64_t{1} << 55)) return false;
      v = (v << 8) | static_cast<uint8_t>(field[i]);
    }
    if (v > static_cast<uint64_t>(max_value)) return false;
    *value = static_cast<int64_t>(v);
    return true;
  }
  size_t i = 0;
  while (i < field.size() && field[i] == ' ') ++i;
  int64_t v = 0;
  bool any_digit = false;
  for (; i < field.size() && field[i] >= '0' && field[i] <= '7'; ++i) {
    v = v * 8 + (field[i] - '0');
    if (v > max_value) return false;
    any_digit = true;
  }
  for (; i < field.size(); ++i) {
    if (field[i] != ' ' && field[i] != '\0') return false;
  }
  if (!any_digit) return false;
  *value = v;
  return true;
}

bool IsZeroBlock(absl::string_view block) {
  for (const char c : block) {
    if (c != '\0') return false;
  }
  return true;
}

// Applies pax extended-header records ("<len> <key>=<value>\n") for the next member.
absl::Status ParsePaxRecords(absl::string_view records, absl::string_view name, int64_t offset,
                             std::string* path, int64_t* size) {
  while (!records.empty()) {
    const size_t space = records.find(' ');
    int64_t length = 0;
    if (space == absl::string_view::npos || !absl::SimpleAtoi(records.substr(0, space), &length) ||
        length <= 0 || static_cast<size_t>(length) > records.size() ||
        static_cast<size_t>(length) <= space + 1 || records[length - 1] != '\n') {
      return absl::InvalidArgumentError(absl::StrCat(
          name, ": malformed pax record in the extended header at byte offset ", offset));
    }
    const absl::string_view record = records.substr(space + 1, length - space - 2);
    records.remove_prefix(length);
    const size_t equals = record.find('=');
    if (equals == absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          name, ": pax record without '=' in the extended header at byte offset ", offset));
    }
    const absl::string_view key = record.substr(0, equals);
    const absl::string_view value = record.substr(equals + 1);
    if (key == "path") {
      *path = std::string(value);
    } else if (key == "size") {
      if (!absl::SimpleAtoi(value, size) || *size < 0 || *size > kMaxMemberSize) {
        return absl::InvalidArgumentError(absl::StrCat(
            name, ": bad pax size '", value, "' in the extended header at byte offset ", offset));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<TarMember>> ListTarMembers(absl::string_view tar,
                                                      absl::string_view name) {
  std::vector<TarMember> members;
  std::string pending_path;   // from a GNU 'L' entry or a pax 'path' record
  int64_t pending_size = -1;  // from a pax 'size' record
  int64_t offset = 0;
  const int64_t total = static_cast<int64_t>(tar.size());
  while (true) {
    if (offset + kBlock > total) {
      return absl::DataLossError(
          absl::StrCat(name, ": archive ends at byte offset ", total,
                       " without the end-of-archive zero block"
                       " (truncated?); expected a 512-byte header at byte offset ",
                       offset));
    }
    const absl::string_view header = tar.substr(offset, kBlock);
    if (IsZeroBlock(header)) break;  // end of archive

    int64_t stored_checksum = 0;
    if (!ParseNumericField(header.substr(kChecksumOffset, kChecksumLength), 1 << 21,
                           &stored_checksum)) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": malformed checksum field in the tar header at byte offset ", offset,
                       " (not a tar archive?)"));
    }
    // The checksum is the byte sum of the header with the checksum field read as spaces;
    // some old writers summed signed chars, so both sums are accepted.
    int64_t unsigned_sum = 0, signed_sum = 0;
    for (int i = 0; i < kBlock; ++i) {
      const bool in_field = i >= kChecksumOffset && i < kChecksumOffset + kChecksumLength;
      const char c = in_field ? ' ' : header[i];
      unsigned_sum += static_cast<uint8_t>(c);
      signed_sum += static_cast<signed char>(c);
    }
    if (stored_checksum != unsigned_sum && stored_checksum != signed_sum) {
      return absl::DataLossError(
          absl::StrCat(name, ": tar header checksum mismatch at byte offset ", offset,
                       ": header says ", stored_checksum, ", computed ", unsigned_sum));
    }

    int64_t size = 0;
    if (!ParseNumericField(header.substr(kSizeOffset, kSizeLength), kMaxMemberSize, &size)) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": malformed size field in the tar header at byte offset ", offset));
    }
    const char type = header[kTypeOffset];
    if (pending_size >= 0 && type != 'L' && type != 'x') size = pending_size;
    const int64_t data_offset = offset + kBlock;
    if (size > total - data_offset) {
      return absl::DataLossError(absl::StrCat(name, ": member at byte offset ", offset,
                                              " declares ", size, " data bytes but only ",
                                              total - data_offset, " remain (truncated archive)"));
    }
    const absl::string_view data = tar.substr(data_offset, size);
    const int64_t next = data_offset + RoundUpToBlock(size);

    if (type == 'L') {  // GNU long name: the data is the next member's name
      const size_t end = data.find('\0');
      pending_path = std::string(end == absl::string_view::npos ? data : data.substr(0, end));
    } else if (type == 'x') {  // pax extended header for the next member
      absl::Status pax = ParsePaxRecords(data, name, offset, &pending_path, &pending_size);
      if (!pax.ok()) return pax;
    } else if (type == 'g') {  // pax global header: nothing we use
    } else {
      TarMember member;
      if (!pending_path.empty()) {
        member.name = pending_path;
      } else {
        member.name = StringField(header, kNameOffset, kNameLength);
        // POSIX ustar ("ustar\0"): a non-empty prefix is joined with '/'. GNU tar's
        // "ustar  " headers use that area for other fields.
        if (header.substr(kMagicOffset, 6) == absl::string_view("ustar\0", 6)) {
          const std::string prefix = StringField(header, kPrefixOffset, kPrefixLength);
          if (!prefix.empty()) member.name = absl::StrCat(prefix, "/", member.name);
        }
      }
      member.offset = data_offset;
      member.size = size;
      member.regular = (type == '0' || type == '\0' || type == '7');
      members.push_back(std::move(member));
      pending_path.clear();
      pending_size = -1;
    }
    offset = next;
  }
  return members;
}

absl::StatusOr<absl::string_view> FindTarMember(absl::string_view tar, absl::string_view name,
                                                absl::string_view member_name) {
  absl::StatusOr<std::vector<TarMember>> members = ListTarMembers(tar, name);
  if (!members.ok()) return members.status();
  std::vector<std::string> names;
  for (const TarMember& member : *members) {
    if (member.regular && member.name == member_name) {
      return tar.substr(member.offset, member.size);
    }
    if (member.regular) names.push_back(member.name);
  }
  return absl::NotFoundError(absl::StrCat(name, ": the archive has no regular file '", member_name,
                                          "'; it holds: ", absl::StrJoin(names, ", ")));
}

std::string MakeTar(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string tar;
  for (const auto& [file_name, data] : files) {
    VEV_CHECK(!file_name.empty() && file_name.size() < kNameLength);
    std::string header(kBlock, '\0');
    std::memcpy(&header[kNameOffset], file_name.data(), file_name.size());
    std::memcpy(&header[kModeOffset], "0000644", 7);
    std::memcpy(&header[108], "0000000", 7);  // uid
    std::memcpy(&header[116], "0000000", 7);  // gid
    char size_field[32];
    std::snprintf(size_field, sizeof(size_field), "%011llo",
                  static_cast<unsigned long long>(data.size()));
    std::memcpy(&header[kSizeOffset], size_field, 11);
    std::memcpy(&header[136], "00000000000", 11);  // mtime
    header[kTypeOffset] = '0';
    std::memcpy(&header[kMagicOffset],
                "ustar\0"
                "00",
                8);
    std::memset(&header[kChecksumOffset], ' ', kChecksumLength);
    int64_t sum = 0;
    for (const char c : header) sum += static_cast<uint8_t>(c);
    char checksum_field[32];
    std::snprintf(checksum_field, sizeof(checksum_field), "%06llo",
                  static_cast<unsigned long long>(sum));
    std::memcpy(&header[kChecksumOffset], checksum_field, 7);  // six digits and NUL
    tar += header;
    tar += data;
    tar.append(static_cast<size_t>(RoundUpToBlock(data.size()) - data.size()), '\0');
  }
  tar.append(2 * kBlock, '\0');  // end-of-archive marker
  return tar;
}

}  // namespace vev::data

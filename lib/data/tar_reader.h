// A reader for tar archives held in memory: the CIFAR-10 download, cifar-10-binary.tar.gz,
// is read directly (after Gunzip) without unpacking it to disk.
//
// Why our own walker rather than libarchive: the CIFAR-10 archive is a plain POSIX/GNU tar
// of eight regular files, so the format subset needed is small (512-byte headers, octal
// sizes, the ustar name prefix, GNU long names, pax path/size records); a ~150-line parser
// over a byte buffer is fully tested and fuzzed here, and it adds no system dependency.
// Unsupported entry types (links, devices, sparse files) are listed as non-regular and
// never read.
#ifndef VEV_LIB_DATA_TAR_READER_H_
#define VEV_LIB_DATA_TAR_READER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vev::data {

struct TarMember {
  // Path inside the archive, e.g. "cifar-10-batches-bin/data_batch_1.bin".
  std::string name;
  // Byte offset of the member's data in the archive, and its size.
  int64_t offset = 0;
  int64_t size = 0;
  // True for regular files (typeflag '0' or NUL); false for directories, links, etc.
  bool regular = false;
};

// Lists every entry of the tar archive `tar` (uncompressed bytes). `name` identifies the
// archive in messages. Errors, with the byte offset of the offending header: DataLoss
// (header checksum mismatch, a member's data runs past the end, the archive ends without
// an end-of-archive zero block), InvalidArgument (malformed size or checksum field, bad
// pax record).
absl::StatusOr<std::vector<TarMember>> ListTarMembers(absl::string_view tar,
                                                      absl::string_view name);

// The data of the regular file `member_name` of `tar`, as a view into `tar`. Errors: those
// of ListTarMembers; NotFound (no such regular file; the message lists the members).
absl::StatusOr<absl::string_view> FindTarMember(absl::string_view tar, absl::string_view name,
                                                absl::string_view member_name);

// Builds a ustar archive of regular files (mode 0644, mtime 0, owner 0): for synthetic
// datasets and tests. Names must be < 100 bytes (checked).
std::string MakeTar(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace vev::data

#endif  // VEV_LIB_DATA_TAR_READER_H_

// Whole-file reads for the dataset readers: the largest input (a CIFAR-10 batch, 30.7 MB;
// the compressed archive, 170 MB) fits in memory many times over, and parsing an in-memory
// buffer keeps every reader a pure function of bytes (easy to test and to fuzz).
#ifndef VEV_LIB_DATA_FILE_BYTES_H_
#define VEV_LIB_DATA_FILE_BYTES_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vev::data {

// Returns the bytes of the file at `path`. Errors: NotFound (no such file),
// PermissionDenied, FailedPrecondition (a directory), DataLoss (read error or the file
// changed size while being read). Messages name `path`.
absl::StatusOr<std::string> ReadFileBytes(absl::string_view path);

// A read-only memory map of a whole file. Mapping (with the pages populated up front) is
// much cheaper than read() into fresh memory on machines where first-touch page faults are
// slow (virtual machines): the page-cache pages are shared, not copied. The file must not
// be truncated while mapped (reading past its new end raises SIGBUS); dataset files are
// read-only. Move-only.
class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  // The file's bytes; valid while this object lives.
  absl::string_view bytes() const { return absl::string_view(data_, size_); }

 private:
  friend absl::StatusOr<MappedFile> MapFile(absl::string_view path);
  const char* data_ = nullptr;
  size_t size_ = 0;
  bool mapped_ = false;
};

// Maps the file at `path` read-only. Errors: as ReadFileBytes (NotFound, PermissionDenied,
// FailedPrecondition for a directory, DataLoss for other failures), naming `path`.
absl::StatusOr<MappedFile> MapFile(absl::string_view path);

// Writes `bytes` to `path` (truncating). Errors: Internal or the errno-mapped code of
// open/write, naming `path`. For tools and tests that make synthetic datasets.
absl::Status WriteFileBytes(absl::string_view path, absl::string_view bytes);

}  // namespace vev::data

#endif  // VEV_LIB_DATA_FILE_BYTES_H_

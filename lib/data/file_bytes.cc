#include "lib/data/file_bytes.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace vev::data {
namespace {

absl::Status ErrnoStatus(int error, absl::string_view what, absl::string_view path) {
  const std::string message = absl::StrCat(what, " ", path, ": ", std::strerror(error));
  switch (error) {
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
      return absl::PermissionDeniedError(message);
    default:
      return absl::DataLossError(message);
  }
}

}  // namespace

absl::StatusOr<std::string> ReadFileBytes(absl::string_view path) {
  const std::string path_string(path);
  const int fd = ::open(path_string.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, "cannot open", path);
  struct stat info;
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    return ErrnoStatus(error, "cannot stat", path);
  }
  if (S_ISDIR(info.st_mode)) {
    ::close(fd);
    return absl::FailedPreconditionError(absl::StrCat(path, " is a directory, not a file"));
  }
  std::string bytes(static_cast<size_t>(info.st_size), '\0');
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t got = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      const int error = errno;
      ::close(fd);
      return ErrnoStatus(error, absl::StrCat("read error at byte offset ", done, " of"), path);
    }
    if (got == 0) break;
    done += static_cast<size_t>(got);
  }
  // One more byte would mean the file grew since fstat.
  char extra;
  const ssize_t more = (done == bytes.size()) ? ::read(fd, &extra, 1) : 0;
  ::close(fd);
  if (done != bytes.size() || more > 0) {
    return absl::DataLossError(absl::StrCat(path, " changed size while being read: expected ",
                                            bytes.size(), " bytes, read ", done,
                                            more > 0 ? " and more" : ""));
  }
  return bytes;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(other.data_), size_(other.size_), mapped_(other.mapped_) {
  other.data_ = nullptr;
  other.size_ = 0;
  other.mapped_ = false;
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (mapped_) ::munmap(const_cast<char*>(data_), size_);
    data_ = other.data_;
    size_ = other.size_;
    mapped_ = other.mapped_;
    other.data_ = nullptr;
    other.size_ = 0;
    other.mapped_ = false;
  }
  return *this;
}

MappedFile::~MappedFile() {
  if (mapped_) ::munmap(const_cast<char*>(data_), size_);
}

absl::StatusOr<MappedFile> MapFile(absl::string_view path) {
  const std::string path_string(path);
  const int fd = ::open(path_string.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, "cannot open", path);
  struct stat info;
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    return ErrnoStatus(error, "cannot stat", path);
  }
  if (S_ISDIR(info.st_mode)) {
    ::close(fd);
    return absl::FailedPreconditionError(absl::StrCat(path, " is a directory, not a file"));
  }
  MappedFile file;
  if (info.st_size > 0) {
    void* data = ::mmap(nullptr, static_cast<size_t>(info.st_size), PROT_READ,
                        MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (data == MAP_FAILED) {
      const int error = errno;
      ::close(fd);
      return ErrnoStatus(error, "cannot map", path);
    }
    file.data_ = static_cast<const char*>(data);
    file.size_ = static_cast<size_t>(info.st_size);
    file.mapped_ = true;
  }
  ::close(fd);
  return file;
}

absl::Status WriteFileBytes(absl::string_view path, absl::string_view bytes) {
  const std::string path_string(path);
  const int fd = ::open(path_string.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus(errno, "cannot create", path);
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t put = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) {
      const int error = errno;
      ::close(fd);
      return ErrnoStatus(error, "cannot write", path);
    }
    done += static_cast<size_t>(put);
  }
  if (::close(fd) != 0) return ErrnoStatus(errno, "cannot close", path);
  return absl::OkStatus();
}

}  // namespace vev::data

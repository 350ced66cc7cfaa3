#include "lib/base/progress.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <utility>

namespace vev {
namespace {

std::string StatusFolder() {
  if (const char* dir = std::getenv("VEV_PROGRESS_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  const char* tmp = std::getenv("TMPDIR");
  return std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/vev-progress";
}

}  // namespace

std::string ProgressReporter::StatusFilePath() {
  const std::string folder = StatusFolder();
  // World-writable with the sticky bit, like /tmp: actions of several users may share it.
  if (::mkdir(folder.c_str(), 01777) != 0 && errno != EEXIST) return "";
  ::chmod(folder.c_str(), 01777);
  return folder + "/" + std::to_string(::getpid()) + ".progress";
}

ProgressReporter::ProgressReporter(std::string name, int64_t total, std::string unit,
                                   double min_interval_seconds)
    : name_(std::move(name)),
      total_(total),
      unit_(std::move(unit)),
      min_interval_seconds_(min_interval_seconds),
      start_(std::chrono::steady_clock::now()),
      last_print_(start_) {
  WriteStatusFile(0, 0.0, -1.0);  // running actions show up at once, at 0/total
}

ProgressReporter::~ProgressReporter() {
  const std::string path = StatusFilePath();
  if (!path.empty()) std::remove(path.c_str());
}

double ProgressReporter::ElapsedSeconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void ProgressReporter::Update(int64_t done) {
  const auto now = std::chrono::steady_clock::now();
  const bool final = done >= total_;
  if (final && printed_final_) return;
  if (!final &&
      std::chrono::duration<double>(now - last_print_).count() < min_interval_seconds_) {
    return;
  }
  last_print_ = now;
  printed_final_ = final;
  Print(done);
}

void ProgressReporter::Print(int64_t done) const {
  const double elapsed = ElapsedSeconds();
  const double rate = elapsed > 0 ? done / elapsed : 0.0;
  const double eta = rate > 0 ? (total_ - done) / rate : 0.0;
  std::fprintf(stderr, "%s: %lld/%lld %s (%.1f%%), %.3g %s/s, elapsed %.0fs, ETA %.0fs\n",
               name_.c_str(), static_cast<long long>(done), static_cast<long long>(total_),
               unit_.c_str(), total_ > 0 ? 100.0 * done / total_ : 100.0, rate, unit_.c_str(),
               elapsed, eta);
  std::fflush(stderr);
  WriteStatusFile(done, elapsed, rate > 0 ? eta : -1.0);
}

void ProgressReporter::WriteStatusFile(int64_t done, double elapsed, double eta) const {
  const std::string path = StatusFilePath();
  if (path.empty()) return;  // a side channel: never fail a run over it
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "w");
  if (f == nullptr) return;
  std::fprintf(f, "%d\t%s\t%lld\t%lld\t%s\t%.0f\t%.0f\t%lld\n", static_cast<int>(::getpid()),
               name_.c_str(), static_cast<long long>(done), static_cast<long long>(total_),
               unit_.c_str(), elapsed, eta, static_cast<long long>(std::time(nullptr)));
  if (std::fclose(f) == 0) std::rename(tmp.c_str(), path.c_str());
}

}  // namespace vev

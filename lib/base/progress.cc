#include "lib/base/progress.h"

#include <cstdio>
#include <utility>

namespace vev {

ProgressReporter::ProgressReporter(std::string name, int64_t total, std::string unit,
                                   double min_interval_seconds)
    : name_(std::move(name)),
      total_(total),
      unit_(std::move(unit)),
      min_interval_seconds_(min_interval_seconds),
      start_(std::chrono::steady_clock::now()),
      last_print_(start_) {}

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
}

}  // namespace vev

// Progress reports for long runs: "name: done/total (pct), rate/s, ETA" on stderr, at most
// once per `min_interval_seconds` and once at the end. Not thread-safe: report from the
// thread that owns the loop.
#ifndef VEV_LIB_BASE_PROGRESS_H_
#define VEV_LIB_BASE_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>

namespace vev {

class ProgressReporter {
 public:
  // `unit` names what is counted ("networks", "runs"). `total` > 0.
  ProgressReporter(std::string name, int64_t total, std::string unit,
                   double min_interval_seconds = 10.0);

  // Records that `done` items (cumulative) are finished; prints if the interval passed
  // or if done == total.
  void Update(int64_t done);

  double ElapsedSeconds() const;

 private:
  void Print(int64_t done) const;

  std::string name_;
  int64_t total_;
  std::string unit_;
  double min_interval_seconds_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_print_;
  bool printed_final_ = false;
};

}  // namespace vev

#endif  // VEV_LIB_BASE_PROGRESS_H_

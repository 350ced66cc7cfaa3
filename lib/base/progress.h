// Progress reports for long runs: "name: done/total (pct), rate/s, ETA" on stderr, at most
// once per `min_interval_seconds` and once at the end.
//
// Bazel shows an action's stderr only when the action ends, so each report is also written
// to a status file, `$VEV_PROGRESS_DIR` (default `${TMPDIR:-/tmp}/vev-progress`) /
// `<pid>.progress`, replaced atomically at every report and removed when the loop ends;
// `tools/progress.sh` prints every running action's line from those files while a long
// build runs. The file is a side channel only: nothing reads it back into a result.
//
// Not thread-safe: report from the thread that owns the loop.
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
  // Removes the status file.
  ~ProgressReporter();

  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

  // Records that `done` items (cumulative) are finished; prints if the interval passed
  // or if done == total.
  void Update(int64_t done);

  double ElapsedSeconds() const;

  // The status file of this process's reports ("" if no folder can be made).
  static std::string StatusFilePath();

 private:
  void Print(int64_t done) const;
  // Replaces the status file by one tab-separated line: pid, name, done, total, unit,
  // elapsed seconds, ETA seconds (-1 if unknown), Unix time of the report.
  void WriteStatusFile(int64_t done, double elapsed, double eta) const;

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

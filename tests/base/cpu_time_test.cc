// Tests of the thread CPU clock (lib/base/cpu_time.h): busy work is counted, sleeping is not.
#include "lib/base/cpu_time.h"

#include <chrono>
#include <thread>

#include "gtest/gtest.h"

namespace vev {
namespace {

TEST(ThreadCpuSeconds, CountsWorkNotSleep) {
  const double start = ThreadCpuSeconds();
  // Spin until 20 ms of CPU time have passed (a bounded wait: at most 100M iterations).
  volatile double sink = 0.0;
  for (long i = 0; i < 100000000 && ThreadCpuSeconds() - start < 0.02; ++i) sink = sink + 1.0;
  const double busy = ThreadCpuSeconds() - start;
  EXPECT_GE(busy, 0.02);
  const double before_sleep = ThreadCpuSeconds();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  // Sleeping 100 ms costs microseconds of CPU; 10 ms allows for a loaded machine.
  EXPECT_LT(ThreadCpuSeconds() - before_sleep, 0.01);
}

}  // namespace
}  // namespace vev

// CPU time consumed by the calling thread (clock_gettime(CLOCK_THREAD_CPUTIME_ID)), in
// seconds: for timings that should not count time spent waiting for a core on a shared
// machine (engine timings in lib/variance, GEMM peaks in bench/).
#ifndef VEV_LIB_BASE_CPU_TIME_H_
#define VEV_LIB_BASE_CPU_TIME_H_

namespace vev {

// Seconds of CPU time of this thread since an unspecified start; differences of two calls
// on the same thread measure the CPU time in between (resolution ~1 ns on Linux).
double ThreadCpuSeconds();

}  // namespace vev

#endif  // VEV_LIB_BASE_CPU_TIME_H_

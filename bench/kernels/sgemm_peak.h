// The machine's measured float32 GEMM peak, the reference of every benchmark's
// percent-of-peak counter (bench/README.md): Eigen's C = A B on 2048 x 2048 matrices, one
// thread, best of 3 in thread CPU time, with Eigen's own cache-size query (its best
// blocking for this CPU), as bench/nn/engine_benchmark.cc measures it.
#ifndef VEV_BENCH_KERNELS_SGEMM_PEAK_H_
#define VEV_BENCH_KERNELS_SGEMM_PEAK_H_

#include "benchmark/benchmark.h"

namespace vev::bench {

// Thread CPU time in seconds.
double ThreadCpuSeconds();

// Measures the peak (FLOP/s). Call before lib/nn's PinEigenCacheSizes (it changes Eigen's
// blocking for the rest of the process).
double MeasureSgemmPeakFlops();

// The peak measured by InitSgemmPeak (0 before).
double SgemmPeakFlops();

// Measures the peak once and records it and the SIMD level in the benchmark context
// (measured_sgemm_peak_gflops, sgemm_peak_method, simd).
void InitSgemmPeak();

// Sets state.counters["FLOP/s"] and ["pct_sgemm_peak"] from the FLOPs of one iteration
// (rates divide by CPU time, or by wall time for benchmarks with ->UseRealTime()).
void SetFlopCounters(benchmark::State& state, double flops_per_iteration);

}  // namespace vev::bench

#endif  // VEV_BENCH_KERNELS_SGEMM_PEAK_H_

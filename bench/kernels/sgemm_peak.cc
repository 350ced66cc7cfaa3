#include "bench/kernels/sgemm_peak.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "Eigen/Core"
#include "lib/base/eigen_types.h"

namespace vev::bench {
namespace {
double g_peak = 0.0;
}  // namespace

double ThreadCpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

double MeasureSgemmPeakFlops() {
  constexpr int kN = 2048, kRepeats = 3;
  const Matrix a = Matrix::Random(kN, kN), b = Matrix::Random(kN, kN);
  Matrix c(kN, kN);
  double best = 0.0;
  for (int r = 0; r < kRepeats; ++r) {
    const double start = ThreadCpuSeconds();
    c.noalias() = a * b;
    benchmark::DoNotOptimize(c.data());
    best = std::max(best, 2.0 * kN * kN * kN / (ThreadCpuSeconds() - start));
  }
  return best;
}

double SgemmPeakFlops() { return g_peak; }

void InitSgemmPeak() {
  g_peak = MeasureSgemmPeakFlops();
  char text[64];
  std::snprintf(text, sizeof(text), "%.1f", g_peak / 1e9);
  benchmark::AddCustomContext("measured_sgemm_peak_gflops", text);
  benchmark::AddCustomContext("sgemm_peak_method",
                              "Eigen float 2048^3, 1 thread, CPU time, best of 3, queried caches");
#ifdef __AVX512F__
  benchmark::AddCustomContext("simd", "AVX-512");
#elif defined(__AVX2__)
  benchmark::AddCustomContext("simd", "AVX2 + FMA");
#else
  benchmark::AddCustomContext("simd", "SSE");
#endif
}

void SetFlopCounters(benchmark::State& state, double flops_per_iteration) {
  const auto rate = benchmark::Counter::kIsIterationInvariantRate;
  state.counters["FLOP/s"] = benchmark::Counter(flops_per_iteration, rate);
  if (g_peak > 0) {
    state.counters["pct_sgemm_peak"] =
        benchmark::Counter(100.0 * flops_per_iteration / g_peak, rate);
  }
}

}  // namespace vev::bench

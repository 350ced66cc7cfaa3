// Benchmarks of the network engine (lib/nn) for the performance section of issue 4:
//
//   BM_SgemmPeak      Eigen float32 C = A B on large square matrices, one thread, with the
//                     engine's pinned cache sizes (lib/nn/eigen_blocking.h).
//   BM_TrainingStep   one Adam step (batch gather, forward, cross-entropy, backward, Adam)
//                     at batch 90, for (input, width, depth) = (784, 10, 50), (3072, 10,
//                     100), (3072, 200, 500) and a width sweep at depth 20.
//   BM_AdamStep       Adam's update alone (lib/nn/adam.h) of every weight and bias of the
//                     network, from a given gradient: 3 arrays read and written and one
//                     read per parameter (bytes_per_second counts those 28 bytes).
//   BM_Evaluate10k    the forward pass over 10,000 test images (Evaluate: chunks of 1000,
//                     arg-max and loss included), on 1 and 2 threads.
//
// Counters: FLOP/s from lib/nn/flops.h (tested), pct_sgemm_peak = 100 * FLOP/s / the
// single-thread SGEMM peak measured when the binary starts (2048^3, best of 3 in thread CPU
// time, with Eigen's own cache-size query, i.e. its best blocking for this CPU; recorded in
// the context as measured_sgemm_peak_gflops), samples/s as items_per_second.
//
//   bazel run -c opt //bench/nn:engine_benchmark -- --benchmark_repetitions=3
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <string>
#include <vector>

#include "Eigen/Core"
#include "benchmark/benchmark.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/adam.h"
#include "lib/nn/eigen_blocking.h"
#include "lib/nn/flops.h"
#include "lib/nn/initializers.h"
#include "lib/nn/relu_mlp.h"
#include "lib/nn/trainer.h"
#include "lib/rng/random_stream.h"

namespace vev::nn {
namespace {

constexpr uint64_t kSeed = 20240611;
double g_sgemm_peak_flops = 0.0;  // FLOP/s, measured in main()

Matrix RandomMatrix(Eigen::Index rows, Eigen::Index cols, uint64_t key) {
  Matrix m(rows, cols);
  rng::RandomStream stream(kSeed, {key});
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(stream.Normal());
  return m;
}

std::vector<uint8_t> RandomLabels(int n, uint64_t key) {
  rng::RandomStream stream(kSeed, {key});
  std::vector<uint8_t> labels(n);
  for (uint8_t& y : labels) y = static_cast<uint8_t>(stream.UniformInt(10));
  return labels;
}

// Thread CPU time in seconds (the benchmarks' rates divide by CPU time too, so a busy
// machine does not depress the peak more than the rates).
double ThreadCpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

// Best of 3 timings (thread CPU time) of one 2048^3 SGEMM, in FLOP/s.
double MeasureSgemmPeak() {
  constexpr int kN = 2048, kRepeats = 3;
  const Matrix a = RandomMatrix(kN, kN, 1), b = RandomMatrix(kN, kN, 2);
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

void SetFlopCounters(benchmark::State& state, double flops_per_iteration) {
  const auto rate = benchmark::Counter::kIsIterationInvariantRate;
  state.counters["FLOP/s"] = benchmark::Counter(flops_per_iteration, rate);
  if (g_sgemm_peak_flops > 0) {
    state.counters["pct_sgemm_peak"] =
        benchmark::Counter(100.0 * flops_per_iteration / g_sgemm_peak_flops, rate);
  }
}

void BM_SgemmPeak(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const Matrix a = RandomMatrix(n, n, 3), b = RandomMatrix(n, n, 4);
  Matrix c(n, n);
  for (auto _ : state) {
    c.noalias() = a * b;
    benchmark::DoNotOptimize(c.data());
    benchmark::ClobberMemory();
  }
  SetFlopCounters(state, 2.0 * n * n * n);
}
BENCHMARK(BM_SgemmPeak)
    ->Arg(512)
    ->Arg(1024)
    ->Arg(2048)
    ->ArgName("n")
    ->Unit(benchmark::kMillisecond);

MlpShape ShapeFromState(const benchmark::State& state) {
  return MlpShape{static_cast<int>(state.range(0)), static_cast<int>(state.range(1)),
                  static_cast<int>(state.range(2)), 10, 0.0};
}

void BM_TrainingStep(benchmark::State& state) {
  const MlpShape shape = ShapeFromState(state);
  constexpr int kSamples = 1800, kBatch = 90;
  const Matrix features = RandomMatrix(shape.input_size, kSamples, 5);
  const std::vector<uint8_t> labels = RandomLabels(kSamples, 6);
  ReluMlp net(shape);
  if (!Initialize(InitializerKind::kHeNormal, rng::RandomStream(kSeed, {7}), &net).ok()) {
    state.SkipWithError("initialization failed");
    return;
  }
  TrainOptions options;
  options.batch_size = kBatch;
  AdamTrainer trainer(options, kSamples, rng::RandomStream(kSeed, {8}), &net);
  for (auto _ : state) {
    benchmark::DoNotOptimize(trainer.Step(features, labels));
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
  SetFlopCounters(state, TrainingStepFlops(shape, kBatch));
}
BENCHMARK(BM_TrainingStep)
    ->ArgNames({"input", "width", "depth"})
    ->Args({784, 10, 50})
    ->Args({3072, 10, 100})
    ->Args({3072, 200, 500})
    ->ArgsProduct({{3072}, {10, 25, 50, 100, 200}, {20}})
    ->Unit(benchmark::kMicrosecond);

void BM_AdamStep(benchmark::State& state) {
  const MlpShape shape = ShapeFromState(state);
  ReluMlp net(shape);
  if (!Initialize(InitializerKind::kHeNormal, rng::RandomStream(kSeed, {9}), &net).ok()) {
    state.SkipWithError("initialization failed");
    return;
  }
  MlpTensors grads(shape);
  if (!Initialize(InitializerKind::kHeNormal, rng::RandomStream(kSeed, {10}), &grads).ok()) {
    state.SkipWithError("initialization failed");
    return;
  }
  Adam adam(shape, AdamOptions{});
  for (auto _ : state) {
    adam.Step(grads, &net);
    benchmark::ClobberMemory();
  }
  double entries = 0.0;
  for (int l = 0; l < net.num_layers(); ++l) {
    entries += static_cast<double>(net.weight(l).size() + net.bias(l).size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * entries * 28.0));
  state.counters["parameters"] = entries;
}
BENCHMARK(BM_AdamStep)
    ->ArgNames({"input", "width", "depth"})
    ->Args({3072, 200, 500})
    ->Unit(benchmark::kMillisecond);

void BM_Evaluate10k(benchmark::State& state) {
  const MlpShape shape = ShapeFromState(state);
  const int threads = static_cast<int>(state.range(3));
  constexpr int kSamples = 10000;
  const Matrix features = RandomMatrix(shape.input_size, kSamples, 9);
  const std::vector<uint8_t> labels = RandomLabels(kSamples, 10);
  ReluMlp net(shape);
  if (!Initialize(InitializerKind::kHeNormal, rng::RandomStream(kSeed, {11}), &net).ok()) {
    state.SkipWithError("initialization failed");
    return;
  }
  // Check the optimized forward pass once against the plain-loop reference (2 samples).
  {
    InferenceWorkspace workspace(shape, 2);
    const Matrix logits = workspace.Forward(net, features.leftCols(2));
    const Matrix reference = ReferenceForward(net, features.leftCols(2)).back();
    const float scale = std::max(1.0f, reference.cwiseAbs().maxCoeff());
    if (!((logits - reference).cwiseAbs().maxCoeff() <= 1e-3f * scale)) {
      state.SkipWithError("forward pass differs from the reference");
      return;
    }
  }
  EvaluateOptions options;
  options.num_threads = threads;
  for (auto _ : state) {
    const absl::StatusOr<Evaluation> e = Evaluate(net, features, labels, options);
    benchmark::DoNotOptimize(e->num_correct);
  }
  state.SetItemsProcessed(state.iterations() * kSamples);
  SetFlopCounters(state, ForwardFlops(shape, kSamples));
}
BENCHMARK(BM_Evaluate10k)
    ->ArgNames({"input", "width", "depth", "threads"})
    ->ArgsProduct({{784}, {10}, {50}, {1, 2}})
    ->ArgsProduct({{3072}, {10}, {100}, {1, 2}})
    ->ArgsProduct({{3072}, {200}, {500}, {1, 2}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace vev::nn

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  // The peak with Eigen's own cache-size query (its best blocking for this CPU); everything
  // below runs with the engine's pinned sizes (lib/nn/eigen_blocking.h), BM_SgemmPeak too.
  vev::nn::g_sgemm_peak_flops = vev::nn::MeasureSgemmPeak();
  vev::nn::PinEigenCacheSizes();
  char peak[64];
  std::snprintf(peak, sizeof(peak), "%.1f", vev::nn::g_sgemm_peak_flops / 1e9);
  benchmark::AddCustomContext("measured_sgemm_peak_gflops", peak);
  benchmark::AddCustomContext(
      "sgemm_peak_method", "Eigen float 2048^3, 1 thread, CPU time, best of 3, queried caches");
  std::snprintf(peak, sizeof(peak), "L1 %td, L2 %td, L3 %td", vev::nn::kPinnedL1CacheBytes,
                vev::nn::kPinnedL2CacheBytes, vev::nn::kPinnedL3CacheBytes);
  benchmark::AddCustomContext("pinned_eigen_cache_bytes", peak);
  benchmark::AddCustomContext("eigen_version", std::to_string(EIGEN_WORLD_VERSION) + "." +
                                                   std::to_string(EIGEN_MAJOR_VERSION) + "." +
                                                   std::to_string(EIGEN_MINOR_VERSION));
#ifdef __AVX512F__
  benchmark::AddCustomContext("simd", "AVX-512");
#elif defined(__AVX2__)
  benchmark::AddCustomContext("simd", "AVX2 + FMA");
#else
  benchmark::AddCustomContext("simd", "SSE");
#endif
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

// MetaInit cost (issue: 1,000 width-10/depth-100 MetaInits for Fig. 2; width-200/depth-500
// for Fig. 3): one GQ step (value + exact derivative), the same step with the
// stage-by-stage reference code (gradient_quotient_reference.h, bit-identical results), and
// a whole 500-step MetaInit.
//
// Counters: FLOP/s from lib/nn/flops.h GradientQuotientFlops (27 products of 2 out in 32
// per hidden layer); pct_sgemm_peak against the SGEMM peak measured when the binary starts
// (bench/kernels/sgemm_peak.h). Rates divide by the thread's CPU time.
//
//   bazel run -c opt //bench/metainit:metainit_benchmark -- --benchmark_repetitions=5
#include <cstdint>
#include <vector>

#include "benchmark/benchmark.h"
#include "bench/kernels/sgemm_peak.h"
#include "lib/metainit/gradient_quotient.h"
#include "lib/metainit/gradient_quotient_reference.h"
#include "lib/metainit/metainit.h"
#include "lib/nn/eigen_blocking.h"
#include "lib/nn/flops.h"
#include "lib/nn/initializers.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::metainit {
namespace {

nn::MlpShape Shape(int width, int depth) {
  nn::MlpShape shape;
  shape.input_size = 3072;
  shape.width = width;
  shape.depth = depth;
  shape.num_classes = 10;
  return shape;
}

template <typename Quotient>
void GradientQuotientStep(benchmark::State& state) {
  const nn::MlpShape shape = Shape(state.range(0), state.range(1));
  constexpr int kBatch = 32;
  nn::ReluMlp net(shape);
  if (!nn::Initialize(nn::InitializerKind::kHeNormal, rng::RandomStream(1, {1}), &net).ok()) {
    state.SkipWithError("init failed");
    return;
  }
  Matrix x(shape.input_size, kBatch);
  rng::RandomStream stream(2, {2});
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>(stream.Normal());
  std::vector<uint8_t> labels(kBatch);
  for (uint8_t& y : labels) y = static_cast<uint8_t>(stream.UniformInt(10));
  Quotient gq(shape, kBatch);
  for (auto _ : state) {
    benchmark::DoNotOptimize(gq.Evaluate(net, x, labels, 1e-5, true));
    benchmark::ClobberMemory();
  }
  bench::SetFlopCounters(state, nn::GradientQuotientFlops(shape, kBatch));
  state.SetItemsProcessed(state.iterations());
}

void BM_GradientQuotientStep(benchmark::State& state) {
  GradientQuotientStep<GradientQuotient>(state);
}
BENCHMARK(BM_GradientQuotientStep)
    ->Args({10, 100})
    ->Args({200, 100})
    ->Args({200, 500})
    ->ArgNames({"width", "depth"})
    ->Unit(benchmark::kMillisecond);

void BM_GradientQuotientStepReference(benchmark::State& state) {
  GradientQuotientStep<internal::GradientQuotientReference>(state);
}
BENCHMARK(BM_GradientQuotientStepReference)
    ->Args({10, 100})
    ->Args({200, 100})
    ->Args({200, 500})
    ->ArgNames({"width", "depth"})
    ->Unit(benchmark::kMillisecond);

void BM_MetaInit(benchmark::State& state) {
  const nn::MlpShape shape = Shape(state.range(0), state.range(1));
  MetaInitOptions options;
  uint64_t network = 0;
  for (auto _ : state) {
    nn::ReluMlp net(shape);
    const auto report = RunMetaInit(options, rng::RandomStream(3, {network++}), &net);
    if (!report.ok()) {
      state.SkipWithError("MetaInit failed");
      return;
    }
    benchmark::DoNotOptimize(report->final_gq);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MetaInit)->Args({10, 100})->ArgNames({"width", "depth"})->Unit(benchmark::kSecond);

}  // namespace
}  // namespace vev::metainit

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  vev::bench::InitSgemmPeak();
  vev::nn::PinEigenCacheSizes();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

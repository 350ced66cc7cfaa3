// MetaInit cost (issue: 1,000 width-10/depth-100 MetaInits for Fig. 2; width-200/depth-500
// for Fig. 3): one GQ step (value + exact derivative) and a whole 500-step MetaInit.
//
//   bazel run -c opt //bench/metainit:metainit_benchmark -- --benchmark_repetitions=3
#include <cstdint>
#include <vector>

#include "benchmark/benchmark.h"
#include "lib/metainit/gradient_quotient.h"
#include "lib/metainit/metainit.h"
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

// Multiply-adds of one forward pass over a batch: sum over layers of out * in * batch.
double ForwardMacs(const nn::MlpShape& shape, int batch) {
  double macs = 0.0;
  for (int l = 0; l < shape.num_layers(); ++l) {
    macs += static_cast<double>(shape.out_features(l)) * shape.in_features(l) * batch;
  }
  return macs;
}

void BM_GradientQuotientStep(benchmark::State& state) {
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
  GradientQuotient gq(shape, kBatch);
  for (auto _ : state) {
    benchmark::DoNotOptimize(gq.Evaluate(net, x, labels, 1e-5, true));
    benchmark::ClobberMemory();
  }
  // The step performs 16 products of forward-pass size (4 passes, their adjoints and the
  // weight-gradient products): 2 FLOPs per multiply-add.
  const double flops = 2.0 * 16.0 * ForwardMacs(shape, kBatch);
  state.counters["FLOP/s"] = benchmark::Counter(flops, benchmark::Counter::kIsIterationInvariantRate);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GradientQuotientStep)
    ->Args({10, 100})
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

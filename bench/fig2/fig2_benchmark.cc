// The whole Fig. 2 engine (lib/variance/unit_variance.h) on CIFAR-10-shaped data: 50,000
// samples x 3072 features (Gaussian stand-ins: the cost does not depend on the values),
// he_normal networks of width 10 (issue 7: throughput in networks/s, scaling with network
// count and depth, and the share of time outside the GEMMs).
//
//   BM_Fig2Engine/networks:N/depth:D/per_pass:G/threads:T
//     N networks per iteration, G networks per pass over the data, T worker threads.
//
// Counters: items_per_second = networks/s; FLOP/s and pct_sgemm_peak (lib/nn/flops.h's
// forward-pass count: 2 out in per sample and layer, plus bias and ReLU); and the shares of
// the engine's CPU time (UnitVarianceTimings): first_layer_share (stacked GEMM),
// narrow_share (narrow layers with the per-layer variance accumulation and bias copies),
// init_share (drawing the networks), other_share (packing weights, the rest). Data loading
// and packing are outside the timed loop (the experiment does them once per run; see
// bench/README.md). Single-threaded runs are timed in CPU time, multi-threaded ones in wall
// time (UseRealTime).
//
//   bazel run //bench/fig2:fig2_benchmark -- --benchmark_repetitions=3
#include <cstdint>

#include "bench/kernels/sgemm_peak.h"
#include "benchmark/benchmark.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/eigen_blocking.h"
#include "lib/nn/flops.h"
#include "lib/nn/initializers.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"
#include "lib/variance/initialized_networks.h"
#include "lib/variance/packed_samples.h"
#include "lib/variance/unit_variance.h"

namespace vev::variance {
namespace {

constexpr int kInput = 3072;
constexpr int kSamples = 50000;

const PackedSamples& Data() {
  static const PackedSamples* data = [] {
    Matrix x(kInput, kSamples);
    rng::RandomStream stream(20240611, {1});
    for (Eigen::Index i = 0; i < x.size(); ++i)
      x.data()[i] = static_cast<float>(1.2 * stream.Normal());
    return new PackedSamples(x);
  }();
  return *data;
}

void BM_Fig2Engine(benchmark::State& state) {
  const int64_t networks = state.range(0);
  nn::MlpShape shape;
  shape.input_size = kInput;
  shape.width = 10;
  shape.depth = static_cast<int>(state.range(1));
  shape.num_classes = 10;
  UnitVarianceOptions options;
  options.networks_per_pass = static_cast<int>(state.range(2));
  options.threads = static_cast<int>(state.range(3));
  const PackedSamples& data = Data();
  UnitVarianceTimings sum;
  for (auto _ : state) {
    UnitVarianceTimings t;
    const absl::StatusOr<MatrixD> v = ComputeUnitVariances(
        shape, data, networks, InitializedNetworks(nn::InitializerKind::kHeNormal, 7, 0), options,
        &t);
    if (!v.ok()) {
      state.SkipWithError(v.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(v->data());
    sum.init_cpu_seconds += t.init_cpu_seconds;
    sum.first_layer_cpu_seconds += t.first_layer_cpu_seconds;
    sum.narrow_cpu_seconds += t.narrow_cpu_seconds;
    sum.total_cpu_seconds += t.total_cpu_seconds;
  }
  state.SetItemsProcessed(state.iterations() * networks);
  bench::SetFlopCounters(state, networks * nn::ForwardFlops(shape, kSamples));
  const double total = sum.total_cpu_seconds;
  state.counters["first_layer_share"] = sum.first_layer_cpu_seconds / total;
  state.counters["narrow_share"] = sum.narrow_cpu_seconds / total;
  state.counters["init_share"] = sum.init_cpu_seconds / total;
  state.counters["other_share"] =
      (total - sum.first_layer_cpu_seconds - sum.narrow_cpu_seconds - sum.init_cpu_seconds) / total;
  state.counters["cpu_s_per_network"] = total / (state.iterations() * networks);
}
BENCHMARK(BM_Fig2Engine)
    ->ArgNames({"networks", "depth", "per_pass", "threads"})
    // Scaling with the network count (the 30-network pass of the experiments).
    ->ArgsProduct({{10, 30, 60, 120}, {100}, {30}, {1}})
    // Scaling with depth.
    ->ArgsProduct({{30}, {0, 25, 50}, {30}, {1}})
    // Networks per pass over the data: 1 is one network at a time (no stacking).
    ->ArgsProduct({{30}, {100}, {1, 10}, {1}})
    ->Unit(benchmark::kMillisecond);
// Both cores: the worker threads' CPU time is invisible to the benchmark's timer, so rates
// are per wall second (and include any other load on the machine); cpu_s_per_network
// still counts the workers' CPU time.
BENCHMARK(BM_Fig2Engine)
    ->ArgNames({"networks", "depth", "per_pass", "threads"})
    ->Args({60, 100, 30, 2})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace vev::variance

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  vev::bench::InitSgemmPeak();
  vev::nn::PinEigenCacheSizes();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

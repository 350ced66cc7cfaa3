// Benchmarks of the kernels that dominate the run time of the vanishing-variance
// experiments (issue 7; bench/README.md explains how to run and compare them):
//
//   BM_SgemmPeak            Eigen float32 C = A B, square; the machine's GEMM peak.
//   BM_FirstLayerGemm       Fig. 2's first-layer product: the first layers of G networks
//                           stacked (10 G x 3072) times a block of CIFAR-10-shaped samples
//                           in the packed panel layout (lib/variance/panel_gemm.h), cycling
//                           through 100 MB of samples (more than the last-level cache).
//   BM_FirstLayerGemmEigen  the same product with Eigen (for comparison; not used: its
//                           summation order depends on the row position, see panel_gemm.h).
//   BM_ProductAtShape       one Eigen product at the shapes of the training and MetaInit
//                           engines' hidden layers (width x width weights, a batch of 32 or
//                           90 columns): forward W A (kind 0), backward W^T D (kind 1) and
//                           the weight gradient D A^T (kind 2), with the weights of one
//                           layer (layers = 1, cache-resident) or cycling through 500
//                           layers' (80 MB, streamed from memory as in a depth-500 step).
//                           What Eigen reaches on these small products bounds what a step
//                           made of them can reach.
//   BM_NarrowChain          Fig. 2's 100 narrow layers (10 x 10, ReLU) on a block of
//                           samples, with (stats = 1) or without the per-layer unit-0
//                           variance accumulation.
//   BM_LaneVariance         the double-precision lane accumulator alone (values/s).
//   BM_StreamingMoments     lib/stats Moments (variance and kurtosis, one pass) (values/s).
//   BM_Quantiles            mquantiles of 10,000 values x 101 layers (Fig. 2's quantiles),
//                           with (bounds = 1) or without order-statistic confidence bounds.
//
// Counters: FLOP/s (2 m n k per GEMM plus 1 per bias addition and ReLU) and pct_sgemm_peak
// = 100 FLOP/s / the SGEMM peak measured at start-up (bench/kernels/sgemm_peak.h), both per
// CPU second; items_per_second as named above.
//
//   bazel run //bench/kernels:kernels_benchmark -- --benchmark_repetitions=3
#include <cstring>
#include <vector>

#include "Eigen/Core"
#include "bench/kernels/sgemm_peak.h"
#include "benchmark/benchmark.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/eigen_blocking.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/moments.h"
#include "lib/stats/quantiles.h"
#include "lib/variance/lane_variance.h"
#include "lib/variance/packed_samples.h"
#include "lib/variance/panel_gemm.h"
#include "lib/variance/variance_quantiles.h"

namespace vev::variance {
namespace {

constexpr int kInput = 3072;         // CIFAR-10
constexpr int kCycleSamples = 8192;  // 8192 x 3072 floats = 100 MB, cycled through

Matrix RandomMatrix(Eigen::Index rows, Eigen::Index cols, uint64_t key, double scale = 1.0) {
  Matrix m(rows, cols);
  rng::RandomStream stream(20240611, {key});
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    m.data()[i] = static_cast<float>(scale * stream.Normal());
  }
  return m;
}

const Matrix& CycleData() {
  static const Matrix* data = new Matrix(RandomMatrix(kInput, kCycleSamples, 1));
  return *data;
}

const PackedSamples& PackedCycleData() {
  static const PackedSamples* packed = new PackedSamples(CycleData());
  return *packed;
}

void BM_SgemmPeak(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const Matrix a = RandomMatrix(n, n, 2), b = RandomMatrix(n, n, 3);
  Matrix c(n, n);
  for (auto _ : state) {
    c.noalias() = a * b;
    benchmark::DoNotOptimize(c.data());
    benchmark::ClobberMemory();
  }
  bench::SetFlopCounters(state, 2.0 * n * n * n);
}
BENCHMARK(BM_SgemmPeak)->Arg(1024)->Arg(2048)->ArgName("n")->Unit(benchmark::kMillisecond);

void BM_FirstLayerGemm(benchmark::State& state) {
  const int networks = static_cast<int>(state.range(0));
  const int block = static_cast<int>(state.range(1));
  const int k_block = static_cast<int>(state.range(2));
  const PackedSamples& data = PackedCycleData();
  const Matrix w = RandomMatrix(10 * networks, kInput, 4, 0.025);
  const PackedWeights packed(w);
  const int64_t out_stride = int64_t{kPanelSamples} * packed.padded_rows();
  std::vector<float> out(block * out_stride), reference(out_stride);
  // Check once against the plain-loop specification (bit-identical by design).
  MultiplyPanels(packed, data.panel(0), data.panel_stride(), 1, out.data(), out_stride, k_block);
  ReferenceMultiplyPanels(w, data.panel(0), data.panel_stride(), 1, reference.data(), out_stride);
  if (std::memcmp(out.data(), reference.data(), reference.size() * sizeof(float)) != 0) {
    state.SkipWithError("MultiplyPanels differs from ReferenceMultiplyPanels");
    return;
  }
  const int64_t blocks = data.panels() / block;
  int64_t next = 0;
  for (auto _ : state) {
    MultiplyPanels(packed, data.panel(next * block), data.panel_stride(), block, out.data(),
                   out_stride, k_block);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
    next = (next + 1) % blocks;
  }
  const double samples = double{kPanelSamples} * block;
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(samples));
  bench::SetFlopCounters(state, 2.0 * 10 * networks * kInput * samples);
}
BENCHMARK(BM_FirstLayerGemm)
    ->ArgNames({"networks", "panels", "k_block"})
    ->ArgsProduct({{1, 3, 10, 30, 60}, {16}, {256}})
    ->ArgsProduct({{30}, {4, 64}, {256}})
    ->ArgsProduct({{30}, {16}, {64, 1024, 3072}})
    ->Unit(benchmark::kMicrosecond);

void BM_FirstLayerGemmEigen(benchmark::State& state) {
  const int networks = static_cast<int>(state.range(0));
  const int samples = kPanelSamples * static_cast<int>(state.range(1));
  const Matrix& data = CycleData();
  const Matrix w = RandomMatrix(10 * networks, kInput, 4, 0.025);
  Matrix out(10 * networks, samples);
  const int64_t blocks = kCycleSamples / samples;
  int64_t next = 0;
  for (auto _ : state) {
    out.noalias() = w * data.middleCols(next * samples, samples);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
    next = (next + 1) % blocks;
  }
  state.SetItemsProcessed(state.iterations() * samples);
  bench::SetFlopCounters(state, 2.0 * 10 * networks * kInput * samples);
}
BENCHMARK(BM_FirstLayerGemmEigen)
    ->ArgNames({"networks", "panels"})
    ->ArgsProduct({{30}, {16, 64}})
    ->Unit(benchmark::kMicrosecond);

// kind 0: out (w x b) = W (w x w) A (w x b); kind 1: out = W^T D; kind 2: out (w x w) = D A^T
// (into one of `layers` outputs, so that kind 2 writes as much memory as it would per step).
void BM_ProductAtShape(benchmark::State& state) {
  const int kind = static_cast<int>(state.range(0));
  const int width = static_cast<int>(state.range(1));
  const int batch = static_cast<int>(state.range(2));
  const int layers = static_cast<int>(state.range(3));
  std::vector<Matrix> weights;
  for (int l = 0; l < layers; ++l) weights.push_back(RandomMatrix(width, width, 100 + l, 0.07));
  const Matrix a = RandomMatrix(width, batch, 6), d = RandomMatrix(width, batch, 7);
  Matrix out(width, batch);
  int layer = 0;
  for (auto _ : state) {
    Matrix& w = weights[layer];
    if (kind == 0) {
      out.noalias() = w * a;
    } else if (kind == 1) {
      out.noalias() = w.transpose() * d;
    } else {
      w.noalias() = d * a.transpose();
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::DoNotOptimize(w.data());
    benchmark::ClobberMemory();
    if (++layer == layers) layer = 0;
  }
  bench::SetFlopCounters(state, 2.0 * width * width * batch);
}
BENCHMARK(BM_ProductAtShape)
    ->ArgsProduct({{0, 1, 2}, {200}, {32, 90}, {1, 500}})
    ->ArgNames({"kind", "width", "batch", "layers"})
    ->Unit(benchmark::kMicrosecond);

void BM_NarrowChain(benchmark::State& state) {
  constexpr int kWidth = 10, kDepth = 100;
  const int block = static_cast<int>(state.range(0));
  const bool stats = state.range(1) != 0;
  std::vector<Matrix> weights;
  std::vector<PackedWeights> packed;
  for (int l = 0; l < kDepth; ++l) {
    weights.push_back(RandomMatrix(kWidth, kWidth, 100 + l, 0.447));  // He: sqrt(2 / 10)
    packed.emplace_back(weights.back());
  }
  const std::vector<float> bias(PaddedRows(kWidth), 0.0f);
  const int64_t stride = int64_t{kPanelSamples} * PaddedRows(kWidth);
  const Matrix input = RandomMatrix(stride, block, 5);  // block panels of layer-0 outputs
  std::vector<float> a(input.data(), input.data() + input.size()), b(a.size());
  std::vector<LaneVarianceAccumulator> accumulators(kDepth);
  for (auto _ : state) {
    std::memcpy(a.data(), input.data(), a.size() * sizeof(float));
    float* in = a.data();
    float* out = b.data();
    for (int l = 0; l < kDepth; ++l) {
      ReluLayerPanels(packed[l], bias.data(), in, stride, block, out, stride);
      if (stats) {
        for (int p = 0; p < block; ++p) accumulators[l].AddPanel(out + p * stride, kPanelSamples);
      }
      std::swap(in, out);
    }
    benchmark::DoNotOptimize(in);
    benchmark::ClobberMemory();
  }
  const double samples = double{kPanelSamples} * block;
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(samples));
  // Per layer and sample: 2 * 10 * 10 (product) + 10 (bias) + 10 (ReLU of the inputs).
  bench::SetFlopCounters(state, kDepth * samples * (2.0 * kWidth * kWidth + 2.0 * kWidth));
}
BENCHMARK(BM_NarrowChain)
    ->ArgNames({"panels", "stats"})
    ->ArgsProduct({{1, 4, 16, 64, 256}, {1}})
    ->ArgsProduct({{16}, {0}})
    ->Unit(benchmark::kMicrosecond);

void BM_LaneVariance(benchmark::State& state) {
  constexpr int kPanels = 4096;  // 256 KB of values: L2-resident
  const Matrix values = RandomMatrix(kPanelSamples, kPanels, 6);
  for (auto _ : state) {
    LaneVarianceAccumulator a;
    for (int p = 0; p < kPanels; ++p) a.AddPanel(values.col(p).data(), kPanelSamples);
    benchmark::DoNotOptimize(a.Variance());
  }
  state.SetItemsProcessed(state.iterations() * kPanels * kPanelSamples);
}
BENCHMARK(BM_LaneVariance)->Unit(benchmark::kMicrosecond);

void BM_StreamingMoments(benchmark::State& state) {
  constexpr int kValues = 1 << 16;
  std::vector<double> values(kValues);
  rng::RandomStream stream(7, {7});
  for (double& v : values) v = stream.Normal();
  for (auto _ : state) {
    stats::Moments m;
    m.AddAll(values);
    benchmark::DoNotOptimize(m.KurtosisRaw());
  }
  state.SetItemsProcessed(state.iterations() * kValues);
}
BENCHMARK(BM_StreamingMoments)->Unit(benchmark::kMicrosecond);

void BM_Quantiles(benchmark::State& state) {
  constexpr int kNetworks = 10000, kLayers = 101;
  const bool bounds = state.range(0) != 0;
  MatrixD v(kNetworks, kLayers);
  rng::RandomStream stream(8, {8});
  for (Eigen::Index i = 0; i < v.size(); ++i) v.data()[i] = std::exp(3.0 * stream.Normal());
  const std::vector<double> probs = {0.9, 0.99, 0.999};
  for (auto _ : state) {
    if (bounds) {
      benchmark::DoNotOptimize(SummarizeLayers(v, probs, 1e-5, 1e-3).quantile[0][0]);
    } else {
      for (int l = 0; l < kLayers; ++l) {
        const std::vector<double> column(v.col(l).data(), v.col(l).data() + kNetworks);
        benchmark::DoNotOptimize(stats::MQuantiles(column, probs)[0]);
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * kNetworks * kLayers);
}
BENCHMARK(BM_Quantiles)->ArgName("bounds")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace vev::variance

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  vev::bench::InitSgemmPeak();
  // Everything below with the engine's pinned Eigen cache sizes (lib/nn/eigen_blocking.h).
  vev::nn::PinEigenCacheSizes();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

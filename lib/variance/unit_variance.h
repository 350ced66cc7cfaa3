// The Fig. 2 engine (vanishing-empirical-variance paper, Sec. 6.2; PROTOCOL.md "Fig. 2"):
// for many randomly initialized networks, the empirical variance (ddof = 1) over a whole
// dataset of one output unit (unit 0) of every Linear layer, z_0 .. z_depth, before the
// activation:
//
//   V[i, l] = 1/(n-1) sum_s (z_l(x_s)[unit] - mean_s z_l(x_s)[unit])^2   for network i.
//
// How (issue 7): the dataset is packed once (PackedSamples); networks are evaluated G at a
// time (`networks_per_pass`), so one pass over the data serves G networks; their first
// layers (G x width rows) are stacked into one GEMM over the data (MultiplyPanels, the
// dominant cost); the narrow layers then run per network on a block of samples that stays
// in L1 through all depth + 1 layers, vectorized across samples (ReluLayerPanels), and unit
// `unit` of each layer goes straight into a per-layer double accumulator
// (LaneVarianceAccumulator). No per-network re-reading or re-normalizing of the data.
//
// Arithmetic: float32 network (PROTOCOL.md), every dot product one fma chain in index
// order (lib/variance/panel_gemm.h), statistics in double (lib/variance/lane_variance.h).
// Each network's result is a pure function of its parameters and the data: it does not
// depend on G, the block size, the thread count or which other networks share a pass, so
// results are bit-identical across thread and shard counts. It is bit-identical to
// ReferenceUnitVariances (plain loops); it differs from an evaluation with lib/nn's Eigen
// products only by float rounding (tests/variance/unit_variance_test.cc bounds the
// difference).
#ifndef VEV_LIB_VARIANCE_UNIT_VARIANCE_H_
#define VEV_LIB_VARIANCE_UNIT_VARIANCE_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/relu_mlp.h"
#include "lib/variance/packed_samples.h"

namespace vev::variance {

struct UnitVarianceOptions {
  // The observed output unit of every Linear layer (0: PROTOCOL.md); must be below
  // min(width, num_classes) (or num_classes for depth 0).
  int unit = 0;
  // Worker threads (>= 1); each evaluates whole groups of networks.
  int threads = 1;
  // Networks evaluated per pass over the data, G (>= 1); capped at ceil(networks /
  // threads) so every thread gets work. Speed only, never the bits.
  int networks_per_pass = 30;
  // Sample panels (16 samples each) per block that stays in cache through the narrow
  // layers (>= 1). Speed only.
  int panels_per_block = 16;
  // Inner-dimension block of the first-layer GEMM (>= 1). Speed only.
  int k_block = 256;
  // If set: called with the cumulative number of networks finished, after each group;
  // calls are serialized (never concurrent), from worker threads.
  std::function<void(int64_t networks_done)> progress;
};

// Where the time went: CPU seconds summed over worker threads.
struct UnitVarianceTimings {
  double init_cpu_seconds = 0.0;         // NetworkSource calls (initializers, MetaInit)
  double first_layer_cpu_seconds = 0.0;  // stacked first-layer GEMM (MultiplyPanels)
  double narrow_cpu_seconds = 0.0;       // narrow layers, bias copies and statistics
  double total_cpu_seconds = 0.0;        // everything on the worker threads (incl. packing)
};

// Fills *net (already of the requested shape) with network `index`. Called from worker
// threads, concurrently for different indices: must be thread-safe and a pure function of
// `index` for results to be reproducible.
using NetworkSource = std::function<absl::Status(int64_t index, nn::ReluMlp* net)>;

// V (num_networks x (depth + 1), row i = network i, column l = layer l) for networks
// source(0), ..., source(num_networks - 1) of `shape` over the samples of `data`
// (shape.input_size == data.features(), at least 2 samples). `timings` may be null.
// Errors: InvalidArgument (shape, unit or options invalid, feature count mismatch); the
// first error returned by `source` (the remaining work is abandoned).
absl::StatusOr<MatrixD> ComputeUnitVariances(const nn::MlpShape& shape,
                                             const PackedSamples& data, int64_t num_networks,
                                             const NetworkSource& source,
                                             const UnitVarianceOptions& options,
                                             UnitVarianceTimings* timings = nullptr);

// The plain-loop specification of one network's row of V, sample by sample: layer outputs
// from ReferenceLayerOutputs, unit `unit` of each added to lane s % 16 of a
// LaneVarianceAccumulator in sample order. Bit-identical to ComputeUnitVariances. Slow;
// for tests. features: input_size x n, n >= 2.
std::vector<double> ReferenceUnitVariances(const nn::ReluMlp& net,
                                           const Eigen::Ref<const Matrix>& features,
                                           int unit = 0);

// z_0, ..., z_depth of one sample x (input_size) in the engine's arithmetic:
// z_l[r] = fl(chain over k of fma(W_l(r, k), h[k])) + b_l[r], h = x for l = 0 and
// max(z_{l-1}, 0) after. Plain loops.
std::vector<VectorT<float>> ReferenceLayerOutputs(const nn::ReluMlp& net,
                                                  const Eigen::Ref<const Vector>& x);

}  // namespace vev::variance

#endif  // VEV_LIB_VARIANCE_UNIT_VARIANCE_H_

#include "lib/activation/second_layer_dependence.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "lib/activation/parallel_chunks.h"
#include "lib/base/check.h"
#include "lib/base/status_macros.h"

namespace vev::activation {

absl::StatusOr<double> Eq4CovSquares(const Activation& phi, double sigma_w, double sigma_b,
                                     int width, const GaussianMomentCalculator& calculator) {
  VEV_CHECK(width >= 2);
  const double q1 = sigma_w * sigma_w + sigma_b * sigma_b;
  VEV_ASSIGN_OR_RETURN(const double m2, calculator.Moment(phi, q1, 2));
  VEV_ASSIGN_OR_RETURN(const double m4, calculator.Moment(phi, q1, 4));
  const double s4 = sigma_w * sigma_w * sigma_w * sigma_w;
  return s4 * (m4 - m2 * m2) / width;
}

std::optional<double> PaperTextCovSquares(const Activation& phi, double sigma_w, int width) {
  const double s4 = std::pow(sigma_w, 4);
  if (phi.kind() == ActivationKind::kRelu) return 5.0 * s4 * s4 / (4.0 * width);
  if (phi.kind() == ActivationKind::kHeaviside) return 3.0 * s4 / (4.0 * width);
  return std::nullopt;
}

stats::SquaresCovariance SimulateSecondLayerCovSquares(
    const SecondLayerSimulationOptions& options) {
  VEV_CHECK(options.spec.depth == 2);
  VEV_CHECK(options.spec.width >= 2);
  VEV_CHECK(options.networks >= 2);
  VEV_CHECK(options.chunk_networks >= 1);
  const int64_t chunks =
      (options.networks + options.chunk_networks - 1) / options.chunk_networks;
  std::vector<stats::SquaresCovariance> slots(chunks);
  ParallelForChunks(chunks, options.threads, [&](int64_t chunk) {
    RandomNetworkSampler sampler(options.spec);
    const int n = options.spec.width;
    const VectorD x0 = VectorD::Ones(n);
    MatrixD h(n, 2);
    const int64_t begin = chunk * options.chunk_networks;
    const int64_t end = std::min(options.networks, begin + options.chunk_networks);
    for (int64_t m = begin; m < end; ++m) {
      rng::RandomStream stream(options.seed, {options.key, static_cast<uint64_t>(m)});
      sampler.Sample(x0, stream, h);
      slots[chunk].Add(absl::Span<const double>(h.col(1).data(), n));
    }
  });
  stats::SquaresCovariance total;
  for (const stats::SquaresCovariance& slot : slots) total.Merge(slot);
  return total;
}

}  // namespace vev::activation

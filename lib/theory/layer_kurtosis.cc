#include "lib/theory/layer_kurtosis.h"

#include <cmath>

#include "absl/types/span.h"
#include "lib/base/check.h"
#include "lib/nn/initializer_kind.h"

namespace vev::theory {

void LayerMomentObserver::OnLayerOutput(int layer, const Eigen::Ref<const Matrix>& linear_output) {
  stats::ExchangeableMomentSums& sums = (*sums_)[layer];
  const int rows = static_cast<int>(linear_output.rows());
  for (Eigen::Index j = 0; j < linear_output.cols(); ++j) {
    sums.Add(absl::Span<const float>(linear_output.col(j).data(), rows));
  }
}

std::vector<stats::ExchangeableMomentSums> SimulateLayerMoments(
    HeNetworkSampler& sampler, const rng::RandomStream& config_stream, int64_t first_network,
    int64_t networks) {
  std::vector<stats::ExchangeableMomentSums> sums(sampler.options().depth + 1);
  LayerMomentObserver observer(&sums);
  for (int64_t i = first_network; i < first_network + networks; ++i) {
    sampler.Run(config_stream.Child(static_cast<uint64_t>(i)), &observer);
  }
  return sums;
}

std::vector<LayerPrediction> PredictLayers(const HeNetworkOptions& options,
                                           const TransformMoments* dataset) {
  const double k_w = nn::HeWeightKurtosis(options.init);
  const double a = options.negative_slope;
  KurtosisModel model;
  model.negative_slope = a;
  model.weight_kurtosis = k_w;
  model.output_variance = 1.0;  // normalized state: c / sigma^4
  KurtosisState start{3.0, 0.0};
  double variance = 1.0;
  if (options.input == InputKind::kDataset) {
    VEV_CHECK(dataset != nullptr && dataset->dimension >= 1);
    start = dataset->State(k_w);
    variance = 2.0 / (1.0 + a * a) * dataset->mean_squared_norm / dataset->dimension;
  }
  const std::vector<int> widths(options.depth, options.width);
  const std::vector<KurtosisState> states = KurtosisTrajectory(model, start, widths);
  std::vector<LayerPrediction> out(states.size());
  for (size_t l = 0; l < states.size(); ++l) {
    out[l] = {states[l].kurtosis, states[l].cov_squares, variance};
  }
  return out;
}

bool InformativeCriterion::Admits(const stats::Estimate& estimate, double batch_skewness) const {
  return std::isfinite(estimate.value) && estimate.std_error <= max_relative_se * estimate.value &&
         batch_skewness <= max_batch_skewness;
}

std::vector<LayerComparison> CompareLayers(
    const std::vector<std::vector<stats::ExchangeableMomentSums>>& batches,
    const std::vector<LayerPrediction>& theory, const InformativeCriterion& criterion) {
  VEV_CHECK(batches.size() >= 2);
  const size_t layers = theory.size();
  std::vector<LayerComparison> out(layers);
  std::vector<stats::ExchangeableMomentSums> per_batch(batches.size());
  bool informative = true;
  for (size_t l = 0; l < layers; ++l) {
    for (size_t b = 0; b < batches.size(); ++b) {
      VEV_CHECK(batches[b].size() == layers);
      per_batch[b] = batches[b][l];
    }
    LayerComparison& c = out[l];
    c.layer = static_cast<int>(l);
    c.theory = theory[l];
    c.simulated = stats::EstimateExchangeableMoments(per_batch);
    const stats::Estimate& k = c.simulated.kurtosis;
    informative = informative && criterion.Admits(k, c.simulated.kurtosis_batch_skewness);
    c.informative = informative;
  }
  return out;
}

}  // namespace vev::theory

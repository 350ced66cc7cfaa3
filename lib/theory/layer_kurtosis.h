// Proposition 3 of the vanishing-variance paper against simulation: the kurtosis kappa_l
// and the normalized covariance of squares c_l / sigma^4 of every layer of random
// He-initialized networks (lib/theory/he_network_sampler.h), estimated over many
// independent networks and inputs (lib/stats/exchangeable_moments.h), next to the exact
// trajectory k^(l+1) = A^(l) k^(l) (lib/theory/kurtosis_recursion.h) started from the
// exact input state (lib/theory/input_moments.h).
//
// Batches of consecutive networks are the independent units of the batch-means standard
// errors: every input of one network, and every unit of one layer, share the network.
//
// Where the comparison stops. Kurtosis estimators are heavy-tailed (their variance involves
// the 8th moment, which grows much faster with depth than kappa_l^2): past some depth the
// estimate is carried by a few extreme networks, its sampling distribution is strongly
// right-skewed, its batch-means SE is itself unreliable, and the estimate is typically
// below kappa_l with a deceptively small SE. A layer is called informative when
//   SE(kappa_hat) <= max_relative_se * kappa_hat   and
//   kurtosis_batch_skewness <= max_batch_skewness  (nearly normal batch values, which
//                                                   batch means assume),
// and every shallower layer is informative too; comparisons are made on informative layers
// only. The criterion uses the data alone, never the theory. The defaults were chosen on a
// pilot run (36 Gaussian-input configurations, 100 batches): with them the
// z-scores (kappa_hat - kappa_l) / SE of informative layers had rms 0.97 and 3.8% beyond 2,
// against rms 1.15 and 8.5% with the relative-SE condition alone (the excess all from
// layers with skewed batch values, where z was biased negative).
#ifndef VEV_LIB_THEORY_LAYER_KURTOSIS_H_
#define VEV_LIB_THEORY_LAYER_KURTOSIS_H_

#include <cstdint>
#include <vector>

#include "Eigen/Core"
#include "lib/base/eigen_types.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/estimate.h"
#include "lib/stats/exchangeable_moments.h"
#include "lib/theory/he_network_sampler.h"
#include "lib/theory/input_moments.h"
#include "lib/theory/kurtosis_recursion.h"

namespace vev::theory {

// A LayerObserver adding every column of every layer's output to that layer's sums.
class LayerMomentObserver : public nn::LayerObserver {
 public:
  // `sums` has one entry per observed layer (depth + 1); not owned.
  explicit LayerMomentObserver(std::vector<stats::ExchangeableMomentSums>* sums) : sums_(sums) {}
  void OnLayerOutput(int layer, const Eigen::Ref<const Matrix>& linear_output) override;

 private:
  std::vector<stats::ExchangeableMomentSums>* sums_;
};

// Runs networks [first_network, first_network + networks) of the configuration keyed by
// `config_stream` (network i uses config_stream.Child(i)) and returns the per-layer sums
// (depth + 1 entries) of z_l over all their units and inputs.
std::vector<stats::ExchangeableMomentSums> SimulateLayerMoments(
    HeNetworkSampler& sampler, const rng::RandomStream& config_stream, int64_t first_network,
    int64_t networks);

// What Proposition 3 (with Proposition 1) predicts for every layer l = 0..depth.
struct LayerPrediction {
  double kurtosis = 0;                // kappa_l
  double normalized_cov_squares = 0;  // c_l / sigma^4
  double variance = 0;                // sigma^2 = E[z_l^2], the same for every layer
};

// The prediction for the sampler's configuration: kGaussian starts from (kappa_0, c_0) =
// (3, 0) with sigma^2 = 1; kDataset from the dataset's exact state for the init's k_w
// (`dataset`, required then, ignored otherwise) with sigma^2 = 2 / (1 + a^2) E|x|^2 / D;
// then `depth` transitions of width w, slope a and the init's k_w.
std::vector<LayerPrediction> PredictLayers(const HeNetworkOptions& options,
                                           const TransformMoments* dataset);

struct InformativeCriterion {
  // Largest SE(kappa_hat) / kappa_hat of an informative layer.
  double max_relative_se = 0.05;
  // Largest kurtosis_batch_skewness of an informative layer (under normal batch values the
  // sample skewness of B = 100 batches has sd 0.24: 2 is about 8 sd).
  double max_batch_skewness = 2.0;

  // True if an estimate passes on its own: finite, SE <= max_relative_se * value and
  // batch skewness <= max_batch_skewness. (A layer is informative if it and every
  // shallower layer pass.)
  bool Admits(const stats::Estimate& estimate, double batch_skewness) const;
};

struct LayerComparison {
  int layer = 0;
  LayerPrediction theory;
  stats::ExchangeableMomentEstimates simulated;
  bool informative = false;
};

// Estimates per layer from per-batch sums: batches[b][l] (B >= 2 batches, each with the
// same number of layers), compared with `theory` (one entry per layer).
std::vector<LayerComparison> CompareLayers(
    const std::vector<std::vector<stats::ExchangeableMomentSums>>& batches,
    const std::vector<LayerPrediction>& theory, const InformativeCriterion& criterion);

}  // namespace vev::theory

#endif  // VEV_LIB_THEORY_LAYER_KURTOSIS_H_

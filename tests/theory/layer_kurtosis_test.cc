// Proposition 3 against simulated networks, fast (issue 5, item 1; the full sweep is the
// experiment //experiments/theory_checks:layer_kurtosis): for width-3 networks with each He
// initializer (k_w = 1, 1.8, 3) and slopes a = 0 and 0.5, kappa_l and c_l / sigma^4 of
// layers 1 and 2 from N(0, I) inputs (layer 2 involves every entry of A(l), since c_1 != 0),
// and of layers 0 and 1 of width-4 networks from Proposition 2 transforms of a synthetic
// dataset, must match the exact trajectory within z standard errors; and E[z_l^2] must
// match sigma^2 (Proposition 1).
//
// False-failure budget: 2 * 3 * 2 * 2 = 24 (kappa, c) comparisons for Gaussian inputs,
// 3 * 2 * 2 = 12 for the dataset, 4 variances: 40 two-sided checks at 1e-6 each (kZ below)
// give a budget of 4e-5. Seed sweeps: `bazel test ... --test_env=VEV_TEST_SEED=<n>` replaces the
// fixed seed (see the file's test log for the z-scores); 25 seeds besides the fixed one all
// passed, with max |z| = 4.35 over the 936 checks.
#include "lib/theory/layer_kurtosis.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "gtest/gtest.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/initializers.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/exchangeable_moments.h"
#include "lib/theory/he_network_sampler.h"
#include "lib/theory/input_moments.h"

namespace vev::theory {
namespace {

// Two-sided 1e-6 for a batch-means z-score, which is t-distributed with B - 1 = 99 degrees of
// freedom (the SE is estimated from the B batch values): 5.22 (4.89 for a normal z).
constexpr double kZ = 5.22;
// The fixed seed, or VEV_TEST_SEED for manual seed sweeps.
uint64_t Seed() {
  const char* env = std::getenv("VEV_TEST_SEED");
  return env != nullptr ? std::strtoull(env, nullptr, 10) : 20240611;
}
constexpr int kBatches = 100;

std::vector<LayerComparison> SimulateConfig(const HeNetworkOptions& options, const Matrix* features,
                                            int networks, uint64_t seed = Seed()) {
  HeNetworkSampler sampler(options, features);
  const rng::RandomStream stream(seed, {static_cast<uint64_t>(options.init),
                                        static_cast<uint64_t>(options.negative_slope * 10)});
  std::vector<std::vector<stats::ExchangeableMomentSums>> batches;
  for (int b = 0; b < kBatches; ++b) {
    batches.push_back(SimulateLayerMoments(
        sampler, stream, static_cast<int64_t>(b) * networks / kBatches, networks / kBatches));
  }
  TransformMoments moments;
  if (features != nullptr) moments = DatasetTransformMoments(*features);
  return CompareLayers(batches, PredictLayers(options, features ? &moments : nullptr),
                       InformativeCriterion{});
}

// Compares every layer from `first_layer` on. The configurations below are shallow enough
// (kappa_l <= 25) for the estimator's SE to be reliable at these sample sizes, as seed sweeps
// confirm; deeper layers of narrow networks are not (lib/theory/layer_kurtosis.h).
void ExpectAgreement(const std::vector<LayerComparison>& rows, int first_layer, const char* what) {
  for (const LayerComparison& row : rows) {
    if (row.layer < first_layer) continue;
    const auto& s = row.simulated;
    EXPECT_NEAR(s.kurtosis.value, row.theory.kurtosis, kZ * s.kurtosis.std_error)
        << what << " layer " << row.layer << " se " << s.kurtosis.std_error;
    EXPECT_NEAR(s.normalized_cov_squares.value, row.theory.normalized_cov_squares,
                kZ * s.normalized_cov_squares.std_error)
        << what << " layer " << row.layer << " se " << s.normalized_cov_squares.std_error;
    std::printf(
        "%s l=%d kappa %.4f +- %.4f (theory %.4f, z %+.2f)  c %.4f +- %.4f (theory %.4f, "
        "z %+.2f)%s\n",
        what, row.layer, s.kurtosis.value, s.kurtosis.std_error, row.theory.kurtosis,
        s.kurtosis.ZScore(row.theory.kurtosis), s.normalized_cov_squares.value,
        s.normalized_cov_squares.std_error, row.theory.normalized_cov_squares,
        s.normalized_cov_squares.ZScore(row.theory.normalized_cov_squares),
        row.informative ? "" : "  (flagged not informative)");
  }
}

TEST(LayerKurtosis, Proposition3WithGaussianInputs) {
  for (const nn::InitializerKind init :
       {nn::InitializerKind::kHeBernoulli, nn::InitializerKind::kHeUniform,
        nn::InitializerKind::kHeNormal}) {
    for (const double a : {0.0, 0.5}) {
      HeNetworkOptions options;
      options.width = 3;
      options.depth = 2;
      options.negative_slope = a;
      options.init = init;
      options.inputs_per_network = 4;
      const std::vector<LayerComparison> rows = SimulateConfig(options, nullptr, 80000);
      ASSERT_EQ(rows.size(), 3u);
      EXPECT_EQ(rows[0].theory.kurtosis, 3.0);
      EXPECT_EQ(rows[0].theory.normalized_cov_squares, 0.0);
      ExpectAgreement(rows, 1, nn::InitializerName(init).data());
      if (init == nn::InitializerKind::kHeNormal) {
        // Proposition 1: E[z_l^2] = 1 at every layer (2 checks per slope).
        for (const LayerComparison& row : rows) {
          if (row.layer == 0) continue;
          EXPECT_NEAR(row.simulated.second_moment.value, 1.0,
                      kZ * row.simulated.second_moment.std_error)
              << "a " << a << " layer " << row.layer;
        }
      }
    }
  }
}

TEST(LayerKurtosis, Proposition3WithDatasetInputs) {
  // 200 points in D = 16 with scales in {0.5, 1, 2.5} and a common offset: (kappa_0, c_0)
  // far from the Gaussian (3, 0); z_0 = W_0 x is the Proposition 2 transform.
  rng::RandomStream stream(99, {1});
  Matrix features(16, 200);
  for (int j = 0; j < features.cols(); ++j) {
    const double scale = j % 3 == 0 ? 0.5 : (j % 3 == 1 ? 1.0 : 2.5);
    for (int k = 0; k < features.rows(); ++k) {
      features(k, j) = static_cast<float>(0.3 + scale * stream.Normal());
    }
  }
  for (const nn::InitializerKind init :
       {nn::InitializerKind::kHeBernoulli, nn::InitializerKind::kHeUniform,
        nn::InitializerKind::kHeNormal}) {
    HeNetworkOptions options;
    options.width = 4;
    options.depth = 1;
    options.init = init;
    options.input = InputKind::kDataset;
    options.inputs_per_network = 4;
    const std::vector<LayerComparison> rows = SimulateConfig(options, &features, 40000);
    ExpectAgreement(rows, 0, nn::InitializerName(init).data());
  }
}

TEST(LayerKurtosis, InformativeLayersStopAtTheFirstFailure) {
  // Two batches per layer; layer 1 has a huge relative SE, so layers 1 and 2 are not
  // informative even though layer 2 alone would pass.
  auto sums = [](double s2, double s4, double cross) {
    stats::ExchangeableMomentSums s;
    s.vectors = 10;
    s.dimension = 2;
    s.sum_squares = s2;
    s.sum_fourth = s4;
    s.sum_cross = cross;
    return s;
  };
  std::vector<std::vector<stats::ExchangeableMomentSums>> batches = {
      {sums(20, 60, 40), sums(20, 10, 40), sums(20, 60, 40)},
      {sums(20, 61, 40), sums(20, 500, 40), sums(20, 61, 40)}};
  const std::vector<LayerPrediction> theory(3, LayerPrediction{3, 0, 1});
  InformativeCriterion criterion;
  criterion.max_batch_skewness = 10;  // two batches have skewness 0
  const std::vector<LayerComparison> rows = CompareLayers(batches, theory, criterion);
  EXPECT_TRUE(rows[0].informative);
  EXPECT_FALSE(rows[1].informative);
  EXPECT_FALSE(rows[2].informative);
}

// The criterion on one estimate: SE <= 0.05 value (boundary included: 0.05 * 2 is the
// double 0.1), batch skewness <= 2, and a finite value.
TEST(InformativeCriterion, AdmitsByRelativeSeSkewnessAndFiniteness) {
  const InformativeCriterion c;
  EXPECT_TRUE(c.Admits({2.0, 0.1}, 2.0));
  EXPECT_FALSE(c.Admits({2.0, std::nextafter(0.1, 1.0)}, 0.0));
  EXPECT_FALSE(c.Admits({2.0, 0.05}, std::nextafter(2.0, 3.0)));
  EXPECT_FALSE(c.Admits({INFINITY, 1.0}, 0.0));
  EXPECT_FALSE(c.Admits({std::nan(""), 0.0}, 0.0));
  EXPECT_FALSE(c.Admits({-1.0, 0.0}, 0.0));  // SE 0 > 0.05 * (-1)
}

}  // namespace
}  // namespace vev::theory

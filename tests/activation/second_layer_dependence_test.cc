// Tests of Theorem 10 / Eq. (4) of the activation paper (lib/activation/
// second_layer_dependence.h): the closed forms of Sec. 4.2 (and the paper's Heaviside slip),
// Monte Carlo against Eq. (4) with delta-method standard errors, and bit-identical results
// for any thread count.
#include "lib/activation/second_layer_dependence.h"

#include <cmath>

#include "gtest/gtest.h"

namespace vev::activation {
namespace {

// Eq. (4) with the moments of Sec. 4.2: ReLU (sigma_b = 0) 5 sigma_w^8 / (4N); Heaviside
// sigma_w^4 / (4N); ReLU with a bias: h_1 ~ N(0, q1), q1 = sigma_w^2 + sigma_b^2, so
// Var[x^2] = 3 q1^2 / 2 - q1^2 / 4 = 5 q1^2 / 4 and the covariance is 5 sigma_w^4 q1^2 / (4N).
TEST(Eq4CovSquares, ClosedForms) {
  const GaussianMomentCalculator calc;
  for (const double sw : {0.5, 1.0, 2.0}) {
    for (const int n : {2, 10, 100}) {
      EXPECT_NEAR(*Eq4CovSquares(Activation::Relu(), sw, 0.0, n, calc),
                  5.0 * std::pow(sw, 8) / (4.0 * n), 1e-15 * std::pow(sw, 8));
      EXPECT_NEAR(*Eq4CovSquares(Activation::Heaviside(), sw, 0.0, n, calc),
                  std::pow(sw, 4) / (4.0 * n), 1e-15 * std::pow(sw, 4));
      EXPECT_NEAR(*Eq4CovSquares(Activation::Heaviside(), sw, 0.7, n, calc),
                  std::pow(sw, 4) / (4.0 * n), 1e-15 * std::pow(sw, 4));
    }
  }
  const double q1 = 1.0 + 0.25;
  EXPECT_NEAR(*Eq4CovSquares(Activation::Relu(), 1.0, 0.5, 10, calc), 5.0 * q1 * q1 / 40.0,
              1e-15);
  // tanh: finite, by quadrature; 1/z: E[x^4] is infinite.
  EXPECT_GT(*Eq4CovSquares(Activation::Tanh(), 1.0, 0.0, 10, calc), 0.0);
  EXPECT_EQ(Eq4CovSquares(Activation::Reciprocal(), 1.0, 0.0, 10, calc).status().code(),
            absl::StatusCode::kOutOfRange);
}

// The text of Sec. 4.2: ReLU agrees with Eq. (4); Heaviside is printed as 3 sigma_w^4 / (4N),
// three times what Eq. (4) gives with E[x^4] = E[x^2] = 1/2.
TEST(PaperTextCovSquares, HeavisideSlip) {
  const GaussianMomentCalculator calc;
  EXPECT_NEAR(*PaperTextCovSquares(Activation::Relu(), 1.3, 7),
              *Eq4CovSquares(Activation::Relu(), 1.3, 0.0, 7, calc), 1e-14);
  EXPECT_NEAR(*PaperTextCovSquares(Activation::Heaviside(), 1.3, 7),
              3.0 * *Eq4CovSquares(Activation::Heaviside(), 1.3, 0.0, 7, calc), 1e-14);
  EXPECT_FALSE(PaperTextCovSquares(Activation::Tanh(), 1.0, 7).has_value());
}

SecondLayerSimulationOptions Options(const Activation& phi, int n, double sw,
                                     NetworkSampler sampler, int64_t networks) {
  SecondLayerSimulationOptions options;
  options.spec.phi = phi;
  options.spec.width = n;
  options.spec.depth = 2;
  options.spec.sigma_w = sw;
  options.spec.sampler = sampler;
  options.networks = networks;
  options.seed = 20240611;
  options.key = ConfigurationKey(options.spec);
  options.threads = 2;
  return options;
}

// Monte Carlo vs Eq. (4). False-failure budget 1e-5 for the 6 z-assertions below: z = 4.9
// each (two-sided 1e-6; Bonferroni 6e-6). The delta-method SE is calibrated in
// tests/stats/squares_covariance_test.cc; 2e5 networks make the normal approximation good
// even with the heavy-ish tails of h^4 at N = 5 (relative SE ~2-3%).
constexpr double kZ = 4.9;

TEST(SimulateSecondLayerCovSquares, MatchesEq4) {
  const GaussianMomentCalculator calc;
  struct Case {
    const char* phi;
    int n;
    double sw;
    NetworkSampler sampler;
    int64_t networks;
  };
  const Case cases[] = {
      {"relu", 5, 1.0, NetworkSampler::kConditionalGaussian, 200000},
      {"heaviside", 5, 1.0, NetworkSampler::kConditionalGaussian, 200000},
      {"relu", 50, 0.8, NetworkSampler::kConditionalGaussian, 100000},
      {"heaviside", 50, 1.5, NetworkSampler::kConditionalGaussian, 100000},
      {"relu", 5, 1.2, NetworkSampler::kExplicitWeights, 50000},
      {"heaviside", 5, 1.0, NetworkSampler::kExplicitWeights, 50000},
  };
  for (const Case& c : cases) {
    const Activation phi = *Activation::Parse(c.phi);
    const SecondLayerSimulationOptions options = Options(phi, c.n, c.sw, c.sampler, c.networks);
    const stats::Estimate e = SimulateSecondLayerCovSquares(options).CovSquares();
    const double theory = *Eq4CovSquares(phi, c.sw, 0.0, c.n, calc);
    EXPECT_NEAR(e.value, theory, kZ * e.std_error)
        << c.phi << " N=" << c.n << " sigma_w=" << c.sw << " seed=" << options.seed
        << " networks=" << c.networks << " estimate=" << e.value << " se=" << e.std_error
        << " z=" << e.ZScore(theory);
    if (phi.kind() == ActivationKind::kHeaviside) {
      // The printed 3 sigma_w^4 / (4N) is excluded by far more than z standard errors.
      const double printed = *PaperTextCovSquares(phi, c.sw, c.n);
      EXPECT_GT(std::fabs(e.ZScore(printed)), 20.0) << "estimate " << e.value;
    }
  }
}

// Bit-identical results for 1, 2 and 3 threads (chunks merged in index order).
TEST(SimulateSecondLayerCovSquares, ThreadCountDoesNotChangeBits) {
  SecondLayerSimulationOptions options = Options(Activation::Relu(), 7, 1.0,
                                                 NetworkSampler::kConditionalGaussian, 20000);
  options.chunk_networks = 1000;
  options.threads = 1;
  const stats::Estimate one = SimulateSecondLayerCovSquares(options).CovSquares();
  for (const int threads : {2, 3}) {
    options.threads = threads;
    const stats::Estimate many = SimulateSecondLayerCovSquares(options).CovSquares();
    EXPECT_EQ(one.value, many.value) << threads;
    EXPECT_EQ(one.std_error, many.std_error) << threads;
  }
}

}  // namespace
}  // namespace vev::activation

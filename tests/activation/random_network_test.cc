// Tests of the random networks (lib/activation/random_network.h): the stream layout of
// both samplers by hand, the layer-1 law, and the equality in law of the explicit and the
// conditional sampler (the latter is what makes the large experiments cheap).
#include "lib/activation/random_network.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"
#include "lib/stats/distributions.h"
#include "lib/stats/ks_distance.h"

namespace vev::activation {
namespace {

// Explicit sampler, N = 2, D = 2, x0 = (1, -1), phi = ReLU: the stream yields, in order,
// row 0 of W_1 (g0, g1), b_1[0] (g2), row 1 (g3, g4), b_1[1] (g5), then layer 2 the same way
// on x_1 = relu(h_1).
TEST(RandomNetworkSampler, ExplicitStreamLayoutByHand) {
  RandomNetworkSpec spec;
  spec.width = 2;
  spec.depth = 2;
  spec.sigma_w = 1.5;
  spec.sigma_b = 0.5;
  spec.sampler = NetworkSampler::kExplicitWeights;
  RandomNetworkSampler sampler(spec);
  VectorD x0(2);
  x0 << 1.0, -1.0;
  MatrixD h(2, 2);
  rng::RandomStream stream(42, {7});
  sampler.Sample(x0, stream, h);

  rng::RandomStream copy(42, {7});
  std::vector<double> g(12);
  for (double& v : g) v = copy.Normal();
  const double c = 1.5 / std::sqrt(2.0);
  const double h10 = c * (g[0] * 1.0 + g[1] * -1.0) + 0.5 * g[2];
  const double h11 = c * (g[3] * 1.0 + g[4] * -1.0) + 0.5 * g[5];
  const double x10 = std::fmax(h10, 0.0), x11 = std::fmax(h11, 0.0);
  const double h20 = c * (g[6] * x10 + g[7] * x11) + 0.5 * g[8];
  const double h21 = c * (g[9] * x10 + g[10] * x11) + 0.5 * g[11];
  EXPECT_DOUBLE_EQ(h(0, 0), h10);
  EXPECT_DOUBLE_EQ(h(1, 0), h11);
  EXPECT_DOUBLE_EQ(h(0, 1), h20);
  EXPECT_DOUBLE_EQ(h(1, 1), h21);
}

// Conditional sampler: h_l = sqrt(sigma_w^2 r_{l-1} + sigma_b^2) g, N normals per layer.
TEST(RandomNetworkSampler, ConditionalStreamLayoutByHand) {
  RandomNetworkSpec spec;
  spec.phi = Activation::Tanh();
  spec.width = 3;
  spec.depth = 2;
  spec.sigma_w = 2.0;
  spec.sigma_b = 0.1;
  spec.sampler = NetworkSampler::kConditionalGaussian;
  RandomNetworkSampler sampler(spec);
  MatrixD h(3, 2);
  rng::RandomStream stream(1, {2});
  sampler.Sample(VectorD::Ones(3), stream, h);
  rng::RandomStream copy(1, {2});
  const double s1 = std::sqrt(4.0 * 1.0 + 0.01);
  double r1 = 0.0;
  for (int i = 0; i < 3; ++i) {
    EXPECT_DOUBLE_EQ(h(i, 0), s1 * copy.Normal());
    r1 += std::tanh(h(i, 0)) * std::tanh(h(i, 0)) / 3.0;
  }
  const double s2 = std::sqrt(4.0 * r1 + 0.01);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(h(i, 1), s2 * copy.Normal(), 1e-15);
}

TEST(RandomNetworkSampler, ReciprocalAtZeroAndLengthProcess) {
  RandomNetworkSpec spec;
  spec.phi = Activation::Reciprocal();
  spec.width = 4;
  spec.depth = 3;
  spec.sigma_w = 0.0;  // h = 0 everywhere: phi(0) = 0 must not produce NaN
  spec.sigma_b = 0.0;
  RandomNetworkSampler sampler(spec);
  MatrixD h(4, 3);
  rng::RandomStream stream(3, {3});
  sampler.Sample(VectorD::Ones(4), stream, h);
  EXPECT_TRUE((h.array() == 0.0).all());
  MatrixD manual(2, 2);
  manual << 1, 2, 3, 4;
  const VectorD q = LengthProcess(manual);
  EXPECT_EQ(q(0), 5.0);   // (1 + 9) / 2
  EXPECT_EQ(q(1), 10.0);  // (4 + 16) / 2
}

TEST(RandomNetwork, SamplerNamesAndKeys) {
  EXPECT_EQ(*ParseNetworkSampler("explicit"), NetworkSampler::kExplicitWeights);
  EXPECT_EQ(*ParseNetworkSampler("conditional"), NetworkSampler::kConditionalGaussian);
  EXPECT_EQ(ParseNetworkSampler("exact").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(NetworkSamplerName(NetworkSampler::kConditionalGaussian), "conditional");
  RandomNetworkSpec a, b;
  b.sigma_w = 1.0000001;
  EXPECT_NE(ConfigurationKey(a), ConfigurationKey(b));
  b = a;
  b.phi = Activation::Tanh();
  EXPECT_NE(ConfigurationKey(a), ConfigurationKey(b));
  EXPECT_EQ(ConfigurationKey(a), ConfigurationKey(RandomNetworkSpec{}));
  // Pinned: changing the key function silently changes every experiment's random numbers.
  EXPECT_EQ(ConfigurationKey(RandomNetworkSpec{}), 0xdb6c1ab70c05627dULL) << std::hex << ConfigurationKey(a);
}

// Both samplers draw h_1 ~ N(0, sigma_w^2 + sigma_b^2) coordinatewise, and the two joint laws
// agree: two-sample KS distances of q_3 (ReLU, N = 6) and of h_{2,1} (tanh) between 4000
// networks of each sampler, and a one-sample KS of h_{1,1} against the normal. Under the
// null P(sqrt(n m / (n + m)) D > 2.8) <= Q(2.8) = 3.1e-7 (less at finite n); 4 assertions:
// false-failure budget 1.3e-6.
TEST(RandomNetworkSampler, ExplicitAndConditionalAgreeInLaw) {
  constexpr int kNetworks = 4000;
  constexpr double kT = 2.8;
  for (const char* phi_name : {"relu", "tanh"}) {
    std::vector<double> q3[2], h21[2], h11;
    for (const NetworkSampler sampler_kind :
         {NetworkSampler::kExplicitWeights, NetworkSampler::kConditionalGaussian}) {
      RandomNetworkSpec spec;
      spec.phi = *Activation::Parse(phi_name);
      spec.width = 6;
      spec.depth = 3;
      spec.sigma_w = 1.3;
      spec.sigma_b = 0.4;
      spec.sampler = sampler_kind;
      RandomNetworkSampler sampler(spec);
      MatrixD h(6, 3);
      const int k = sampler_kind == NetworkSampler::kExplicitWeights ? 0 : 1;
      for (int m = 0; m < kNetworks; ++m) {
        rng::RandomStream stream(20240611, {ConfigurationKey(spec), static_cast<uint64_t>(m)});
        sampler.Sample(VectorD::Ones(6), stream, h);
        q3[k].push_back(LengthProcess(h)(2));
        h21[k].push_back(h(0, 1));
        if (k == 0) h11.push_back(h(0, 0));
      }
    }
    const double scale = std::sqrt(kNetworks / 2.0);
    if (std::string(phi_name) == "relu") {
      EXPECT_LT(scale * stats::KsDistanceTwoSample(q3[0], q3[1]), kT) << phi_name;
      const double sd = std::sqrt(1.3 * 1.3 + 0.4 * 0.4);
      EXPECT_LT(std::sqrt(kNetworks) *
                    stats::KsDistance(h11, [sd](double x) { return stats::NormalCdf(x, 0, sd); }),
                kT);
    } else {
      EXPECT_LT(scale * stats::KsDistanceTwoSample(h21[0], h21[1]), kT) << phi_name;
      EXPECT_LT(scale * stats::KsDistanceTwoSample(q3[0], q3[1]), kT) << phi_name;
    }
  }
}

}  // namespace
}  // namespace vev::activation

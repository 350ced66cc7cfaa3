// Random fully connected networks of the activation paper (Sec. 2.2): width N in every
// layer, an input x_0 in {-1, 1}^N, weights W_l[i][j] ~ N(0, sigma_w^2 / N) and biases
// b_l[i] ~ N(0, sigma_b^2), all independent, and
//   h_l = W_l x_{l-1} + b_l,   x_l = phi(h_l),   l = 1, ..., D.
// Computed in double (the paper's own code is not public; PROTOCOL.md's float32 rule comes
// from the first paper's PyTorch code, and 1/z at tiny h needs the range anyway).
//
// Two samplers with the same joint law of (h_1, ..., h_D):
// - kExplicitWeights draws every weight (N^2 normals per layer, streamed, never stored).
// - kConditionalGaussian uses the paper's own observation (proof of Theorem 2): given
//   x_{l-1}, the h_{l,i} are i.i.d. N(0, sigma_w^2 r_{l-1} + sigma_b^2) with
//   r_{l-1} = (1/N) sum_j x_{l-1,j}^2, because W_l and b_l are independent of x_{l-1}. It
//   draws N normals per layer, which makes 10^6 networks or N = 10^4 cheap. The dependence
//   between the coordinates of h_l (through the shared x_{l-1}; Theorem 10) is kept exactly.
// tests/activation/random_network_test.cc checks that both agree in distribution.
#ifndef VEV_LIB_ACTIVATION_RANDOM_NETWORK_H_
#define VEV_LIB_ACTIVATION_RANDOM_NETWORK_H_

#include <cstdint>
#include <string>

#include "Eigen/Core"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/activation/activation.h"
#include "lib/base/eigen_types.h"
#include "lib/rng/random_stream.h"

namespace vev::activation {

enum class NetworkSampler { kExplicitWeights, kConditionalGaussian };

// "explicit" / "conditional". Errors: InvalidArgument for anything else.
absl::StatusOr<NetworkSampler> ParseNetworkSampler(absl::string_view name);
std::string NetworkSamplerName(NetworkSampler sampler);

struct RandomNetworkSpec {
  // phi applied after every layer.
  Activation phi = Activation::Relu();
  // N >= 1: the width of the input and of every layer.
  int width = 100;
  // D >= 1: the number of layers h_1, ..., h_D sampled.
  int depth = 2;
  // sigma_w >= 0: weights have variance sigma_w^2 / N.
  double sigma_w = 1.0;
  // sigma_b >= 0: biases have variance sigma_b^2.
  double sigma_b = 0.0;
  NetworkSampler sampler = NetworkSampler::kExplicitWeights;
};

// A stable 64-bit key of the spec (phi's name, N, D, sigma_w, sigma_b, sampler) for
// RandomStream keys: a configuration keeps its random numbers when others are added.
uint64_t ConfigurationKey(const RandomNetworkSpec& spec);

// Samples networks of one spec; holds the workspace (no allocation per network). Not
// thread-safe: one sampler per thread.
class RandomNetworkSampler {
 public:
  // Checks the spec's ranges.
  explicit RandomNetworkSampler(const RandomNetworkSpec& spec);

  // Draws one network from `stream` and writes h_l to column l - 1 of `h` (N x D; sizes
  // checked) for input `x0` (size N). Layers consume the stream in order l = 1, ..., D;
  // within a layer the explicit sampler draws row i's weights W_l[i][0..N-1] and then b_l[i]
  // for i = 0, ..., N-1, the conditional one N normals g_i (h_i = s g_i). Biases are drawn
  // (and multiplied by sigma_b) even when sigma_b = 0, so the stream layout does not depend
  // on sigma_b.
  void Sample(const Eigen::Ref<const VectorD>& x0, rng::RandomStream& stream,
              Eigen::Ref<MatrixD> h);

  const RandomNetworkSpec& spec() const { return spec_; }

 private:
  RandomNetworkSpec spec_;
  VectorD x_;  // x_{l-1} of the layer being drawn
};

// The length process q_l = (1/N) sum_i h_{l,i}^2 of sampled pre-activations h (N x D):
// element l - 1 is q_l.
VectorD LengthProcess(const Eigen::Ref<const MatrixD>& h);

}  // namespace vev::activation

#endif  // VEV_LIB_ACTIVATION_RANDOM_NETWORK_H_

// Random He-initialized networks with random He-random-vector inputs, run by the network
// engine (lib/nn), for the Monte-Carlo checks of the vanishing-variance paper's Sec. 4-5
// (Proposition 3 and the collapse of the empirical variance).
//
// The paper's network (Sec. 3) is y^(0) = x (a He random vector), y^(l) = W^(l) phi_a(y^(l-1))
// for l = 1..d, W^(l) i.i.d. symmetric with variance 2 / (w (1 + a^2)), w = fan_in. The
// engine's network (lib/nn/relu_mlp.h) has one more Linear in front of the first
// activation: z_0 = W_0 x, z_l = W_l phi_a(z_{l-1}). The two input kinds use it as follows:
//   kGaussian: x ~ N(0, I_w) and W_0 = I (the rectangular identity), so z_0 = x is the
//              paper's y^(0): a He random vector with kappa_0 = 3, c_0 = 0, variance 1.
//   kDataset:  x uniform (with replacement) over the columns of a dataset, W_0 He-random
//              (the network's own first layer, as in Fig. 1): z_0 = W_0 x is the
//              Proposition 2 transform (with w instead of D rows; Proposition 2's proof
//              does not use squareness), with (kappa_0, c_0) of lib/theory/input_moments.h.
// Layers 1..d are He-initialized by lib/nn/initializers.h (he_normal / he_uniform /
// he_bernoulli with the negative slope a: variance 2 / ((1 + a^2) fan_in), exactly the
// paper's Proposition 1 scale), biases 0, and the final layer has w outputs as well, so
// z_l is the paper's y^(l) for every l = 0..d and each layer has w exchangeable units.
//
// Randomness: network `index` of a configuration uses stream s = config_stream.Child(index):
// its weights come from s.Child(0) (nn::Initialize: layer l from s.Child(0).Child(l)), its
// inputs from s.Child(1) (Gaussian entries column by column, or UniformInt point indices).
#ifndef VEV_LIB_THEORY_HE_NETWORK_SAMPLER_H_
#define VEV_LIB_THEORY_HE_NETWORK_SAMPLER_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/initializer_kind.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::theory {

enum class InputKind { kGaussian, kDataset };

// "gaussian" / "dataset", and the inverse (InvalidArgument for other names).
absl::string_view InputKindName(InputKind kind);
absl::StatusOr<InputKind> ParseInputKind(absl::string_view name);

struct HeNetworkOptions {
  // Width w of every layer (>= 2, so that every layer has pairs of units for c_l).
  int width = 10;
  // Number of activations d: layers 0..d are observed (>= 0).
  int depth = 10;
  // Negative slope a of phi_a.
  double negative_slope = 0.0;
  // he_normal, he_uniform or he_bernoulli (k_w = 3, 1.8, 1).
  nn::InitializerKind init = nn::InitializerKind::kHeNormal;
  InputKind input = InputKind::kGaussian;
  // Inputs pushed through each network (>= 1).
  int inputs_per_network = 64;
};

// InvalidArgument unless the options are usable (width >= 2, depth >= 0, a He kind, finite
// slope, inputs_per_network >= 1).
absl::Status ValidateHeNetworkOptions(const HeNetworkOptions& options);

// Draws networks and inputs and runs the forward pass. Holds the network and a workspace:
// not thread-safe, one per thread.
class HeNetworkSampler {
 public:
  // `features` (D x N, one input per column) is required for kDataset and ignored for
  // kGaussian; it is not copied and must outlive the sampler. Options must be valid
  // (checked).
  HeNetworkSampler(const HeNetworkOptions& options, const Matrix* features);

  const HeNetworkOptions& options() const { return options_; }
  const nn::MlpShape& shape() const { return net_.shape(); }
  // The last network drawn by Run().
  const nn::ReluMlp& network() const { return net_; }
  // The inputs of the last Run(): input_size x inputs_per_network.
  const Matrix& inputs() const { return inputs_; }

  // Draws network `network_stream` (see the file comment) and its inputs, and runs the
  // forward pass; `observer` (may be null) sees z_0, ..., z_d (each w x inputs_per_network).
  void Run(const rng::RandomStream& network_stream, nn::LayerObserver* observer);

 private:
  HeNetworkOptions options_;
  const Matrix* features_;
  nn::ReluMlp net_;
  nn::InferenceWorkspace workspace_;
  Matrix inputs_;
};

}  // namespace vev::theory

#endif  // VEV_LIB_THEORY_HE_NETWORK_SAMPLER_H_

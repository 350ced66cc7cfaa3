// Weight initializers of the vanishing-empirical-variance paper (Sec. 6), exactly as fixed in
// PROTOCOL.md "Initializers", selectable by name (flags use AbslParseFlag/AbslUnparseFlag):
//
//   he_normal      N(0, s^2), s^2 = 2 / ((1 + a^2) fan_in) on every Linear (first, hidden,
//                  final); a = negative slope (0: PyTorch's kaiming_normal_ for ReLU).
//   he_uniform     U(-sqrt(3) s, sqrt(3) s)           (weight kurtosis k_w = 1.8)
//   he_bernoulli   +s or -s with probability 1/2 each  (k_w = 1)
//   glorot_normal  N(0, 2 / (fan_in + fan_out))
//   lecun_normal   N(0, 1 / fan_in)
//   orthogonal     PyTorch's orthogonal_ with gain sqrt(2): Gaussian (rows x cols),
//                  transposed if rows < cols, QR, Q's columns times sign(diag(R)),
//                  transposed back, times the gain (semi-orthogonal when not square).
//   gsm            "looks-linear" Gaussian submatrix: N(0, 1 / fan_in) on the first Linear,
//                  N(0, 2 / fan_in) on the others, then with y = rows / 2, x = cols / 2:
//                  W[y:, x:] = W[:y, :x], W[y:, :x] = W[:y, x:] = -W[:y, :x]. Every layer
//                  size (input, width, classes) must be even.
//   zero           ZerO (deterministic): for m = out, n = in, the m x n matrix with ones on
//                  the main diagonal if m <= n; else I(m x p) H_p I(p x n) / 2^(c/2) with
//                  c = ceil(log2 m), p = 2^c, H_p the Sylvester Hadamard matrix.
//   identity       PyTorch's eye_ (deterministic): ones on the main diagonal of every
//                  Linear (rectangular identity), the rest 0. Not in PROTOCOL.md; the paper
//                  cites identity initialization [2] as the other deterministic method.
//   metainit       MetaInit (Dauphin & Schoenholz 2019) from he_normal: a separate library
//                  (a later issue) implements it; Initialize() returns Unimplemented for it.
//
// Every initializer sets all biases to 0. Random draws: Linear layer l draws its weights
// from stream.Child(l), entries in column-major order (W(0,0), W(1,0), ...), each a
// RandomStream::Normal / Uniform01 / Sign transformed in double and rounded to float. So a
// network is a pure function of (the stream's key, kind, shape), whatever thread runs it.
#ifndef VEV_LIB_NN_INITIALIZERS_H_
#define VEV_LIB_NN_INITIALIZERS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::nn {

enum class InitializerKind {
  kHeNormal,
  kHeUniform,
  kHeBernoulli,
  kGlorotNormal,
  kLecunNormal,
  kOrthogonal,
  kGsm,
  kZerO,
  kIdentity,
  kMetaInit,
};

// Every kind, in the order of the enum.
std::vector<InitializerKind> AllInitializerKinds();

// The flag / table name: "he_normal", "he_uniform", "he_bernoulli", "glorot_normal",
// "lecun_normal", "orthogonal", "gsm", "zero", "identity", "metainit".
absl::string_view InitializerName(InitializerKind kind);

// Inverse of InitializerName (exact, lower case). InvalidArgument listing the valid names.
absl::StatusOr<InitializerKind> ParseInitializerKind(absl::string_view name);

// Abseil flag support (found by ADL): --init=he_normal.
bool AbslParseFlag(absl::string_view text, InitializerKind* kind, std::string* error);
std::string AbslUnparseFlag(InitializerKind kind);

// True for he_normal, he_uniform, he_bernoulli (the kinds of Fig. 1 and Proposition 3).
bool IsHeKind(InitializerKind kind);
// Weight kurtosis k_w of a He kind: 3 (normal), 1.8 (uniform), 1 (Bernoulli). IsHeKind only.
double HeWeightKurtosis(InitializerKind kind);

// Overwrites every weight and bias of *net (biases 0) with the initializer `kind`; Linear
// layer l draws from stream.Child(l). Errors: InvalidArgument for gsm with an odd layer
// size; Unimplemented for metainit (provided by its own library).
absl::Status Initialize(InitializerKind kind, const rng::RandomStream& stream, ReluMlp* net);

// The single-matrix building blocks, on an out x in matrix `w` (overwritten), exposed for
// tests and for MetaInit.

// Every entry std * N(0, 1).
void FillNormal(double std, rng::RandomStream& stream, Eigen::Ref<Matrix> w);
// Every entry U(-bound, bound) = -bound + 2 * bound * Uniform01.
void FillUniform(double bound, rng::RandomStream& stream, Eigen::Ref<Matrix> w);
// Every entry +value or -value with probability 1/2 each.
void FillBernoulli(double value, rng::RandomStream& stream, Eigen::Ref<Matrix> w);
// PyTorch's orthogonal_(w, gain): the QR of a Gaussian matrix is computed in double.
void FillOrthogonal(double gain, rng::RandomStream& stream, Eigen::Ref<Matrix> w);
// Mirrors the top-left block as gsm prescribes; rows and cols must be even (VEV_CHECK).
void MirrorGsmBlocks(Eigen::Ref<Matrix> w);
// The ZerO matrix of w's shape (deterministic).
void FillZerO(Eigen::Ref<Matrix> w);
// The rectangular identity (ones on the main diagonal).
void FillIdentity(Eigen::Ref<Matrix> w);

}  // namespace vev::nn

#endif  // VEV_LIB_NN_INITIALIZERS_H_

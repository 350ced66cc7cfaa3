// The initializers of the vanishing-empirical-variance paper (Sec. 6) by name, exactly as
// fixed in PROTOCOL.md "Initializers"; selectable by flag (AbslParseFlag/AbslUnparseFlag).
// What each kind draws is documented in lib/nn/initializers.h; the code that draws it lives
// in one library per kind under lib/nn/init/ (see lib/nn/initializer_registry.h).
#ifndef VEV_LIB_NN_INITIALIZER_KIND_H_
#define VEV_LIB_NN_INITIALIZER_KIND_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

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

// Number of kinds (the enum's values are 0 .. kNumInitializerKinds - 1).
inline constexpr int kNumInitializerKinds = 10;

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

}  // namespace vev::nn

#endif  // VEV_LIB_NN_INITIALIZER_KIND_H_

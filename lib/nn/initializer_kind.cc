#include "lib/nn/initializer_kind.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/check.h"

namespace vev::nn {
namespace {

struct KindName {
  InitializerKind kind;
  const char* name;
};

constexpr KindName kKindNames[] = {
    {InitializerKind::kHeNormal, "he_normal"},
    {InitializerKind::kHeUniform, "he_uniform"},
    {InitializerKind::kHeBernoulli, "he_bernoulli"},
    {InitializerKind::kGlorotNormal, "glorot_normal"},
    {InitializerKind::kLecunNormal, "lecun_normal"},
    {InitializerKind::kOrthogonal, "orthogonal"},
    {InitializerKind::kGsm, "gsm"},
    {InitializerKind::kZerO, "zero"},
    {InitializerKind::kIdentity, "identity"},
    {InitializerKind::kMetaInit, "metainit"},
};
static_assert(sizeof(kKindNames) / sizeof(kKindNames[0]) == kNumInitializerKinds);

std::string ValidNames() {
  std::vector<std::string> names;
  for (const KindName& k : kKindNames) names.push_back(k.name);
  return absl::StrJoin(names, ", ");
}

}  // namespace

std::vector<InitializerKind> AllInitializerKinds() {
  std::vector<InitializerKind> kinds;
  for (const KindName& k : kKindNames) kinds.push_back(k.kind);
  return kinds;
}

absl::string_view InitializerName(InitializerKind kind) {
  for (const KindName& k : kKindNames) {
    if (k.kind == kind) return k.name;
  }
  VEV_CHECK(false);
  return "";
}

absl::StatusOr<InitializerKind> ParseInitializerKind(absl::string_view name) {
  for (const KindName& k : kKindNames) {
    if (name == k.name) return k.kind;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown initializer '", name, "'; valid: ", ValidNames()));
}

bool AbslParseFlag(absl::string_view text, InitializerKind* kind, std::string* error) {
  const absl::StatusOr<InitializerKind> parsed = ParseInitializerKind(text);
  if (!parsed.ok()) {
    *error = std::string(parsed.status().message());
    return false;
  }
  *kind = *parsed;
  return true;
}

std::string AbslUnparseFlag(InitializerKind kind) { return std::string(InitializerName(kind)); }

bool IsHeKind(InitializerKind kind) {
  return kind == InitializerKind::kHeNormal || kind == InitializerKind::kHeUniform ||
         kind == InitializerKind::kHeBernoulli;
}

double HeWeightKurtosis(InitializerKind kind) {
  switch (kind) {
    case InitializerKind::kHeNormal:
      return 3.0;
    case InitializerKind::kHeUniform:
      return 1.8;
    case InitializerKind::kHeBernoulli:
      return 1.0;
    default:
      VEV_CHECK(IsHeKind(kind));
      return 0.0;
  }
}

}  // namespace vev::nn

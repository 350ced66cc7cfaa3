#include "lib/metainit/any_initializer.h"

#include <utility>

#include "lib/base/check.h"
#include "lib/base/status_macros.h"
#include "lib/nn/initializer_registry.h"

namespace vev::metainit {
namespace {

// Written only during static initialization, read-only afterwards.
MetaInitFunction& RegisteredMetaInit() {
  static MetaInitFunction run = nullptr;
  return run;
}

}  // namespace

bool RegisterMetaInit(MetaInitFunction run) {
  VEV_CHECK(run != nullptr && RegisteredMetaInit() == nullptr);
  RegisteredMetaInit() = run;
  return true;
}

absl::Status InitializeNetwork(nn::InitializerKind kind, const rng::RandomStream& stream,
                               nn::ReluMlp* net, const MetaInitOptions& metainit_options,
                               MetaInitReport* metainit_report) {
  if (kind != nn::InitializerKind::kMetaInit) return nn::Initialize(kind, stream, net);
  if (RegisteredMetaInit() == nullptr) {
    return absl::FailedPreconditionError(
        "initializer 'metainit' is not linked into this binary; add //lib/metainit to its "
        "deps");
  }
  VEV_ASSIGN_OR_RETURN(MetaInitReport report, RegisteredMetaInit()(metainit_options, stream, net));
  if (metainit_report != nullptr) *metainit_report = std::move(report);
  return absl::OkStatus();
}

}  // namespace vev::metainit

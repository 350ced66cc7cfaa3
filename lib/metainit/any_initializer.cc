#include "lib/metainit/any_initializer.h"

#include <utility>

#include "lib/base/status_macros.h"

namespace vev::metainit {

absl::Status InitializeNetwork(nn::InitializerKind kind, const rng::RandomStream& stream,
                               nn::ReluMlp* net, const MetaInitOptions& metainit_options,
                               MetaInitReport* metainit_report) {
  if (kind != nn::InitializerKind::kMetaInit) return nn::Initialize(kind, stream, net);
  VEV_ASSIGN_OR_RETURN(MetaInitReport report, RunMetaInit(metainit_options, stream, net));
  if (metainit_report != nullptr) *metainit_report = std::move(report);
  return absl::OkStatus();
}

}  // namespace vev::metainit

// One entry point for every initializer of PROTOCOL.md, MetaInit included: the kinds of
// lib/nn/initializers.h through nn::Initialize, and `metainit` through RunMetaInit (which
// lib/nn cannot depend on). Experiments call this instead of nn::Initialize.
//
// Like the closed-form kinds (lib/nn/initializer_registry.h), MetaInit is available only
// where //lib/metainit is linked: it registers itself here, so that binaries which never
// run MetaInit do not link it, and a change to it reruns only the experiments that use it.
#ifndef VEV_LIB_METAINIT_ANY_INITIALIZER_H_
#define VEV_LIB_METAINIT_ANY_INITIALIZER_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/metainit/metainit_options.h"
#include "lib/nn/initializer_kind.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::metainit {

// The signature of RunMetaInit (lib/metainit/metainit.h).
using MetaInitFunction = absl::StatusOr<MetaInitReport> (*)(const MetaInitOptions& options,
                                                            const rng::RandomStream& stream,
                                                            nn::ReluMlp* net);

// Called once by //lib/metainit during static initialization. Returns true.
bool RegisterMetaInit(MetaInitFunction run);

// Initializes *net with `kind` from `stream` (nn::Initialize for every kind but metainit;
// RunMetaInit with `metainit_options` for metainit, its report in *metainit_report if not
// null). Errors: those of nn::Initialize and RunMetaInit; FailedPrecondition for metainit
// if //lib/metainit is not linked into this binary.
absl::Status InitializeNetwork(nn::InitializerKind kind, const rng::RandomStream& stream,
                               nn::ReluMlp* net,
                               const MetaInitOptions& metainit_options = MetaInitOptions(),
                               MetaInitReport* metainit_report = nullptr);

}  // namespace vev::metainit

#endif  // VEV_LIB_METAINIT_ANY_INITIALIZER_H_

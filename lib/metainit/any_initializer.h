// One entry point for every initializer of PROTOCOL.md, MetaInit included: the kinds of
// lib/nn/initializers.h, with `metainit` dispatched to RunMetaInit (which lib/nn cannot
// depend on). Experiments call this instead of nn::Initialize.
#ifndef VEV_LIB_METAINIT_ANY_INITIALIZER_H_
#define VEV_LIB_METAINIT_ANY_INITIALIZER_H_

#include "absl/status/status.h"
#include "lib/metainit/metainit.h"
#include "lib/nn/initializers.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::metainit {

// Initializes *net with `kind` from `stream` (nn::Initialize for every kind but metainit;
// RunMetaInit with `metainit_options` for metainit, its report in *metainit_report if not
// null). Errors: those of nn::Initialize and RunMetaInit.
absl::Status InitializeNetwork(nn::InitializerKind kind, const rng::RandomStream& stream,
                               nn::ReluMlp* net,
                               const MetaInitOptions& metainit_options = MetaInitOptions(),
                               MetaInitReport* metainit_report = nullptr);

}  // namespace vev::metainit

#endif  // VEV_LIB_METAINIT_ANY_INITIALIZER_H_

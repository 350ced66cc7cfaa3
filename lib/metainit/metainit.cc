#include "lib/metainit/metainit.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/base/eigen_types.h"
#include "lib/base/status_macros.h"
#include "lib/metainit/any_initializer.h"
#include "lib/metainit/gradient_quotient.h"
#include "lib/nn/initializer_kind.h"
#include "lib/nn/initializer_registry.h"

namespace vev::metainit {
namespace {

absl::Status ValidateOptions(const MetaInitOptions& o) {
  if (o.steps < 0) return absl::InvalidArgumentError("MetaInit steps must be >= 0");
  if (o.batch < 1) return absl::InvalidArgumentError("MetaInit batch must be >= 1");
  if (o.max_attempts < 1) return absl::InvalidArgumentError("MetaInit max_attempts must be >= 1");
  if (!(o.eps > 0.0)) return absl::InvalidArgumentError("MetaInit eps must be > 0");
  return absl::OkStatus();
}

double FrobeniusNorm(const Matrix& w) {
  double sum = 0.0;
  for (Eigen::Index i = 0; i < w.size(); ++i) {
    sum += static_cast<double>(w.data()[i]) * static_cast<double>(w.data()[i]);
  }
  return std::sqrt(sum);
}

[[maybe_unused]] const bool kRegistered = RegisterMetaInit(&RunMetaInit);

}  // namespace

absl::StatusOr<MetaInitReport> RunMetaInit(const MetaInitOptions& options,
                                           const rng::RandomStream& stream, nn::ReluMlp* net) {
  VEV_RETURN_IF_ERROR(ValidateOptions(options));
  const nn::MlpShape& shape = net->shape();
  GradientQuotient gq(shape, options.batch);
  Matrix x(shape.input_size, options.batch);
  std::vector<uint8_t> labels(options.batch);
  std::vector<double> memory(shape.num_layers());
  std::string failures;

  for (int attempt = 0; attempt < options.max_attempts; ++attempt) {
    const rng::RandomStream attempt_stream = stream.Child(attempt);
    VEV_RETURN_IF_ERROR(
        nn::Initialize(nn::InitializerKind::kHeNormal, attempt_stream.Child(0), net));
    std::fill(memory.begin(), memory.end(), 0.0);
    MetaInitReport report;
    report.attempts = attempt + 1;
    bool degenerate = false;
    for (int step = 0; step < options.steps && !degenerate; ++step) {
      rng::RandomStream batch_stream = attempt_stream.Child(1 + static_cast<uint64_t>(step));
      for (Eigen::Index i = 0; i < x.size(); ++i) {
        x.data()[i] = static_cast<float>(batch_stream.Normal());
      }
      for (uint8_t& label : labels) {
        label = static_cast<uint8_t>(batch_stream.UniformInt(shape.num_classes));
      }
      const double value = gq.Evaluate(*net, x, labels, options.eps, /*with_derivative=*/true);
      if (!std::isfinite(value)) {
        degenerate = true;
        absl::StrAppend(&failures, " attempt ", attempt, ": GQ = ", value, " at step ", step, ";");
        break;
      }
      if (step == 0) report.initial_gq = value;
      report.final_gq = value;
      if (options.record_trace) report.gq_trace.push_back(value);
      for (int l = 0; l < shape.num_layers(); ++l) {
        Matrix& w = net->mutable_weight(l);
        const double norm = FrobeniusNorm(w);
        const double projection = gq.weight_projections()[l];
        if (!(norm > 0.0) || !std::isfinite(norm) || !std::isfinite(projection)) {
          degenerate = true;
          absl::StrAppend(&failures, " attempt ", attempt, ": layer ", l, " norm ", norm,
                          " at step ", step, ";");
          break;
        }
        const double sign = projection > 0.0 ? 1.0 : (projection < 0.0 ? -1.0 : 0.0);
        memory[l] = options.momentum * memory[l] - options.learning_rate * sign;
        w *= static_cast<float>((norm + memory[l]) / norm);
      }
    }
    if (!degenerate && net->AllFinite()) return report;
    if (!degenerate) absl::StrAppend(&failures, " attempt ", attempt, ": non-finite weights;");
  }
  return absl::AbortedError(
      absl::StrCat("MetaInit degenerated in all ", options.max_attempts, " attempts:", failures));
}

}  // namespace vev::metainit

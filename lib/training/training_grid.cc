#include "lib/training/training_grid.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "lib/base/check.h"
#include "lib/base/status_macros.h"
#include "lib/metainit/any_initializer.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"
#include "lib/theory/kurtosis_recursion.h"

namespace vev::training {

std::vector<GridPoint> EnumerateGrid(const GridSpec& spec) {
  VEV_CHECK(spec.repeats >= 1);
  std::vector<GridPoint> points;
  for (const nn::InitializerKind kind : spec.initializers) {
    for (const int width : spec.widths) {
      for (const int depth : spec.depths) {
        for (int repeat = 0; repeat < spec.repeats; ++repeat) {
          points.push_back({kind, width, depth, repeat});
        }
      }
    }
  }
  return points;
}

absl::StatusOr<RunOutcome> RunGridPoint(const GridPoint& point, const TrainingSetup& setup,
                                        const LabeledData& train, const LabeledData& test) {
  nn::MlpShape shape;
  shape.input_size = static_cast<int>(train.features.rows());
  shape.width = point.width;
  shape.depth = point.depth;
  shape.num_classes = 10;
  VEV_RETURN_IF_ERROR(nn::ValidateMlpShape(shape));
  const rng::RandomStream stream(
      setup.seed, {static_cast<uint64_t>(point.initializer), static_cast<uint64_t>(point.width),
                   static_cast<uint64_t>(point.depth), static_cast<uint64_t>(point.repeat)});
  nn::ReluMlp net(shape);
  metainit::MetaInitReport metainit_report;
  metainit_report.final_gq = std::numeric_limits<double>::quiet_NaN();
  VEV_RETURN_IF_ERROR(metainit::InitializeNetwork(point.initializer, stream.Child(1), &net,
                                                  setup.metainit, &metainit_report));
  VEV_ASSIGN_OR_RETURN(const nn::TrainResult trained,
                       nn::Train(setup.train, train.features, train.labels, stream.Child(2), &net));
  nn::EvaluateOptions eval_options;
  eval_options.num_threads = setup.eval_threads;
  VEV_ASSIGN_OR_RETURN(const nn::Evaluation evaluation,
                       nn::Evaluate(net, test.features, test.labels, eval_options));
  RunOutcome outcome;
  outcome.test_accuracy = evaluation.accuracy;
  outcome.test_loss = evaluation.mean_loss;
  outcome.parameters_finite = trained.parameters_finite;
  const size_t steps = trained.step_losses.size();
  const size_t tail = std::min<size_t>(10, steps);
  double sum = 0.0;
  for (size_t i = steps - tail; i < steps; ++i) sum += trained.step_losses[i];
  outcome.final_train_loss = tail > 0 ? sum / tail : std::numeric_limits<double>::quiet_NaN();
  outcome.metainit_final_gq = metainit_report.final_gq;
  outcome.metainit_attempts = metainit_report.attempts;
  return outcome;
}

std::vector<ConfigurationSummary> SummarizeByConfiguration(absl::Span<const GridPoint> points,
                                                           absl::Span<const double> accuracies) {
  VEV_CHECK(points.size() == accuracies.size());
  std::vector<ConfigurationSummary> summaries;
  for (size_t i = 0; i < points.size(); ++i) {
    const GridPoint& p = points[i];
    auto it = std::find_if(summaries.begin(), summaries.end(), [&](const auto& s) {
      return s.initializer == p.initializer && s.width == p.width && s.depth == p.depth;
    });
    if (it == summaries.end()) {
      summaries.push_back({p.initializer, p.width, p.depth, 0, 0.0, accuracies[i], accuracies[i]});
      it = summaries.end() - 1;
    }
    // Sums in row order, divided at the end: the mean does not depend on sharding.
    it->runs += 1;
    it->mean_accuracy += accuracies[i];
    it->min_accuracy = std::min(it->min_accuracy, accuracies[i]);
    it->max_accuracy = std::max(it->max_accuracy, accuracies[i]);
  }
  for (ConfigurationSummary& s : summaries) s.mean_accuracy /= s.runs;
  return summaries;
}

double TheoreticalOutputKurtosis(nn::InitializerKind kind, int width, int depth, double kappa0,
                                 double normalized_c0) {
  VEV_CHECK(nn::IsHeKind(kind));
  theory::KurtosisModel model;
  model.weight_kurtosis = nn::HeWeightKurtosis(kind);
  const std::vector<int> widths(depth, width);
  return theory::PropagateKurtosis(model,
                                   theory::StateFromNormalized(model, kappa0, normalized_c0),
                                   widths)
      .kurtosis;
}

}  // namespace vev::training

// Grids of training runs: Fig. 1 (accuracy vs theoretical output kurtosis) and Fig. 3
// (accuracy vs depth) of the vanishing-variance paper. A grid point is an (initializer,
// width, depth, repeat); each point initializes a constant-width network, trains it with
// Adam per PROTOCOL.md and measures its test accuracy.
//
// Keying: point p uses the stream RandomStream(seed, {kind, width, depth, repeat}); its
// Child(1) initializes the network (MetaInit included), its Child(2) orders the batches.
// A point's outcome therefore depends only on its own values, not on the grid it is part
// of, its position, the shard or the thread that runs it; so a grid split into one part
// per initializer (each run by a binary linking only that initializer, tools/
// initializers.bzl) and merged (io::MergePartResults) equals the whole grid.
#ifndef VEV_LIB_TRAINING_TRAINING_GRID_H_
#define VEV_LIB_TRAINING_TRAINING_GRID_H_

#include <cstdint>
#include <vector>

#include "Eigen/Core"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lib/base/eigen_types.h"
#include "lib/metainit/metainit_options.h"
#include "lib/nn/initializer_kind.h"
#include "lib/nn/trainer.h"

namespace vev::training {

struct GridSpec {
  std::vector<nn::InitializerKind> initializers;
  std::vector<int> widths;
  std::vector<int> depths;
  // Independent runs per (initializer, width, depth), >= 1.
  int repeats = 1;
};

struct GridPoint {
  nn::InitializerKind initializer = nn::InitializerKind::kHeNormal;
  int width = 0;
  int depth = 0;
  int repeat = 0;
};

// Every point of `spec` in the canonical order: initializer-major, then width, depth,
// repeat (the order of result rows, and the unit of sharding).
std::vector<GridPoint> EnumerateGrid(const GridSpec& spec);

// Everything about a run that is not the grid point.
struct TrainingSetup {
  // Base seed of all runs.
  uint64_t seed = 1;
  // Adam, batch size, steps (PROTOCOL.md: lr 1e-4, or 1e-5 at width 200; batch 90; 500).
  nn::TrainOptions train;
  // Options of MetaInit, for points whose initializer is metainit.
  metainit::MetaInitOptions metainit;
  // Threads for the test-set evaluation (results do not depend on it).
  int eval_threads = 1;
};

// The data of a run: features (input_size x n, one sample per column) and labels 0..9.
struct LabeledData {
  Eigen::Ref<const Matrix> features;
  absl::Span<const uint8_t> labels;
};

struct RunOutcome {
  // Accuracy and mean cross-entropy over the whole test set after the last step.
  double test_accuracy = 0.0;
  double test_loss = 0.0;
  // Mean batch loss of the last min(10, steps) steps (NaN if steps == 0).
  double final_train_loss = 0.0;
  // False when training diverged (some parameter non-finite).
  bool parameters_finite = true;
  // MetaInit's final gradient quotient and attempts (NaN and 0 for other initializers).
  double metainit_final_gq = 0.0;
  int metainit_attempts = 0;
};

// Initializes, trains and evaluates the network of `point` (input size from the data, 10
// classes). Errors: those of the initializer (e.g. gsm with an odd width), MetaInit, Train
// and Evaluate.
absl::StatusOr<RunOutcome> RunGridPoint(const GridPoint& point, const TrainingSetup& setup,
                                        const LabeledData& train, const LabeledData& test);

// Summary over repeats of the runs of one (initializer, width, depth).
struct ConfigurationSummary {
  nn::InitializerKind initializer = nn::InitializerKind::kHeNormal;
  int width = 0;
  int depth = 0;
  int runs = 0;
  double mean_accuracy = 0.0;
  double min_accuracy = 0.0;
  double max_accuracy = 0.0;
};

// Groups `points` (in EnumerateGrid order) with their accuracies by configuration, in
// order of first appearance. accuracies.size() == points.size().
std::vector<ConfigurationSummary> SummarizeByConfiguration(absl::Span<const GridPoint> points,
                                                           absl::Span<const double> accuracies);

// Theoretical output kurtosis of a He-initialized ReLU network of `width` and `depth`
// (Proposition 3 iterated depth times from the input's kappa_0 and normalized c_0, with the
// initializer's weight kurtosis; PROTOCOL.md Fig. 1). IsHeKind(kind) only.
double TheoreticalOutputKurtosis(nn::InitializerKind kind, int width, int depth, double kappa0,
                                 double normalized_c0);

}  // namespace vev::training

#endif  // VEV_LIB_TRAINING_TRAINING_GRID_H_

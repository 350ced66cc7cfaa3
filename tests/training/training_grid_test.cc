#include "lib/training/training_grid.h"

#include <cmath>
#include <cstdint>
#include <vector>

#include "gtest/gtest.h"
#include "lib/rng/random_stream.h"
#include "lib/theory/kurtosis_recursion.h"

namespace vev::training {
namespace {

using nn::InitializerKind;

TEST(EnumerateGrid, IsInitializerMajorThenWidthDepthRepeat) {
  GridSpec spec{{InitializerKind::kHeNormal, InitializerKind::kZerO}, {5, 7}, {0, 3}, 2};
  const std::vector<GridPoint> points = EnumerateGrid(spec);
  ASSERT_EQ(points.size(), 16u);
  EXPECT_EQ(points[0].initializer, InitializerKind::kHeNormal);
  EXPECT_EQ(points[1].repeat, 1);
  EXPECT_EQ(points[2].depth, 3);
  EXPECT_EQ(points[4].width, 7);
  EXPECT_EQ(points[8].initializer, InitializerKind::kZerO);
  EXPECT_EQ(points[15].width, 7);
  EXPECT_EQ(points[15].depth, 3);
  EXPECT_EQ(points[15].repeat, 1);
}

TEST(SummarizeByConfiguration, MeanMinMaxPerConfiguration) {
  const std::vector<GridPoint> points = {{InitializerKind::kHeNormal, 5, 0, 0},
                                         {InitializerKind::kHeNormal, 5, 0, 1},
                                         {InitializerKind::kHeNormal, 5, 0, 2},
                                         {InitializerKind::kGsm, 6, 2, 0}};
  const std::vector<double> accuracy = {0.5, 0.2, 0.8, 0.1};
  const std::vector<ConfigurationSummary> s = SummarizeByConfiguration(points, accuracy);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].runs, 3);
  EXPECT_DOUBLE_EQ(s[0].mean_accuracy, 0.5);
  EXPECT_DOUBLE_EQ(s[0].min_accuracy, 0.2);
  EXPECT_DOUBLE_EQ(s[0].max_accuracy, 0.8);
  EXPECT_EQ(s[1].initializer, InitializerKind::kGsm);
  EXPECT_DOUBLE_EQ(s[1].mean_accuracy, 0.1);
}

// Depth 0 is the input vector itself; depth 1 is one application of A(width) with the
// initializer's k_w (1 Bernoulli, 1.8 uniform, 3 normal), written out from Proposition 3.
TEST(TheoreticalOutputKurtosis, IteratesPropositionThreeDepthTimes) {
  EXPECT_DOUBLE_EQ(TheoreticalOutputKurtosis(InitializerKind::kHeNormal, 10, 0, 3.28, 0.1), 3.28);
  const double w = 10, kappa0 = 3.28, c0 = 0.1;
  for (const auto& [kind, kw] : std::vector<std::pair<InitializerKind, double>>{
           {InitializerKind::kHeBernoulli, 1.0},
           {InitializerKind::kHeUniform, 1.8},
           {InitializerKind::kHeNormal, 3.0}}) {
    const double expected = 2 * kw / w * kappa0 + 3 * (w - 1) / w * c0 + 3 * (w - 1) / w;
    EXPECT_NEAR(TheoreticalOutputKurtosis(kind, 10, 1, kappa0, c0), expected, 1e-12);
  }
}

// A small learnable problem: 4 Gaussian clusters in 12 dimensions.
struct Data {
  Matrix x;
  std::vector<uint8_t> y;
};

Data Clusters(int n, uint64_t seed) {
  Data d{Matrix(12, n), std::vector<uint8_t>(n)};
  rng::RandomStream stream(seed, {});
  for (int j = 0; j < n; ++j) {
    d.y[j] = static_cast<uint8_t>(stream.UniformInt(4));
    for (int i = 0; i < 12; ++i) {
      d.x(i, j) = static_cast<float>(stream.Normal() * 0.5 + (i % 4 == d.y[j] ? 2.0 : 0.0));
    }
  }
  return d;
}

TEST(RunGridPoint, LearnsAndIsAPureFunctionOfThePoint) {
  const Data train = Clusters(600, 1), test = Clusters(300, 2);
  TrainingSetup setup;
  setup.train.steps = 150;
  setup.train.adam.learning_rate = 1e-2;
  const LabeledData train_data{train.x, train.y}, test_data{test.x, test.y};
  const GridPoint point{InitializerKind::kHeNormal, 8, 2, 0};
  const absl::StatusOr<RunOutcome> a = RunGridPoint(point, setup, train_data, test_data);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_GT(a->test_accuracy, 0.8);  // chance is 0.25
  EXPECT_TRUE(std::isnan(a->metainit_final_gq));
  // Another point in between changes nothing; two threads change nothing.
  ASSERT_TRUE(RunGridPoint({InitializerKind::kGsm, 8, 1, 3}, setup, train_data, test_data).ok());
  setup.eval_threads = 2;
  const absl::StatusOr<RunOutcome> b = RunGridPoint(point, setup, train_data, test_data);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->test_accuracy, b->test_accuracy);
  EXPECT_EQ(a->test_loss, b->test_loss);
  EXPECT_EQ(a->final_train_loss, b->final_train_loss);
  // A different repeat is a different run.
  const absl::StatusOr<RunOutcome> c =
      RunGridPoint({InitializerKind::kHeNormal, 8, 2, 1}, setup, train_data, test_data);
  ASSERT_TRUE(c.ok());
  EXPECT_NE(a->final_train_loss, c->final_train_loss);
}

TEST(RunGridPoint, ReportsInitializerErrors) {
  const Data train = Clusters(50, 3);
  TrainingSetup setup;
  setup.train.steps = 1;
  const LabeledData data{train.x, train.y};
  const absl::StatusOr<RunOutcome> odd =
      RunGridPoint({InitializerKind::kGsm, 7, 2, 0}, setup, data, data);
  EXPECT_EQ(odd.status().code(), absl::StatusCode::kInvalidArgument) << odd.status();
}

TEST(RunGridPoint, RunsMetaInitForMetaInitPoints) {
  const Data train = Clusters(100, 4);
  TrainingSetup setup;
  setup.train.steps = 2;
  setup.metainit.steps = 5;
  const LabeledData data{train.x, train.y};
  const absl::StatusOr<RunOutcome> out =
      RunGridPoint({InitializerKind::kMetaInit, 6, 2, 0}, setup, data, data);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->metainit_attempts, 1);
  EXPECT_TRUE(std::isfinite(out->metainit_final_gq));
}

}  // namespace
}  // namespace vev::training

// Checks of the real datasets (issue 3, "Done means"): sizes, labels, and that the pixel
// statistics match the normalization constants of PROTOCOL.md to their published precision
// (four decimals). Runs on whatever //datasets provides; a split that is not available
// (offline without VEV_DATASETS_DIR) is skipped with the message
// "skipped: dataset not available: ...".
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/data/dataset.h"
#include "lib/data/dataset_locator.h"
#include "lib/data/normalization.h"

namespace vev::data {
namespace {

struct Expected {
  DatasetName name;
  Split split;
  std::vector<int> first_labels;      // the first ten labels, canonical order
  std::vector<int64_t> class_counts;  // per class, for the complete split
  std::vector<double> pixel_mean;     // per channel, of pixel/255, to 4 decimals
  std::vector<double> pixel_std;      // per channel, population std of pixel/255, 4 decimals
};

// Loads the split, or skips the test if it is not available.
#define LOAD_OR_SKIP(var, name, split)                                                            \
  const absl::StatusOr<DatasetPaths> var##_paths = DatasetPathsFromRunfiles(name, split, "");     \
  if (absl::IsNotFound(var##_paths.status()) &&                                                   \
      absl::StrContains(var##_paths.status().message(), "is not available")) {                    \
    std::printf("skipped: dataset not available: %s\n", var##_paths.status().ToString().c_str()); \
    GTEST_SKIP() << "skipped: dataset not available: " << var##_paths.status();                   \
  }                                                                                               \
  ASSERT_TRUE(var##_paths.ok()) << var##_paths.status();                                          \
  const auto var##_start = std::chrono::steady_clock::now();                                      \
  const absl::StatusOr<Dataset> var = LoadDataset(name, split, *var##_paths);                     \
  const double var##_seconds =                                                                    \
      std::chrono::duration<double>(std::chrono::steady_clock::now() - var##_start).count();      \
  ASSERT_TRUE(var.ok()) << var.status();                                                          \
  std::printf("%s: loaded in %.3f s\n", var->info.Summary().c_str(), var##_seconds)

// Per-channel mean and population std of pixel/255, recovered in double from the
// normalized features (v * std + mean; the float32 rounding is ~1e-7, far below 5e-5).
void PixelStatistics(const Dataset& data, std::vector<double>* mean, std::vector<double>* std) {
  const auto norms = ProtocolNormalization(data.info.name);
  const int plane = data.info.shape.height * data.info.shape.width;
  for (int c = 0; c < data.info.shape.channels; ++c) {
    double sum = 0.0, sum_squares = 0.0;
    for (Eigen::Index j = 0; j < data.features.cols(); ++j) {
      const float* column = data.features.col(j).data() + c * plane;
      for (int k = 0; k < plane; ++k) {
        const double x = norms[c].mean + norms[c].std * static_cast<double>(column[k]);
        sum += x;
        sum_squares += x * x;
      }
    }
    const double n = static_cast<double>(plane) * data.features.cols();
    mean->push_back(sum / n);
    std->push_back(std::sqrt(sum_squares / n - (sum / n) * (sum / n)));
  }
}

void CheckSplit(const Dataset& data, const Expected& expected, bool check_counts) {
  const int64_t n = data.info.num_samples;
  ASSERT_EQ(data.features.cols(), n);
  ASSERT_EQ(static_cast<int64_t>(data.labels.size()), n);
  EXPECT_TRUE(data.info.checksums_verified);
  for (size_t i = 0; i < expected.first_labels.size(); ++i) {
    EXPECT_EQ(data.labels[i], expected.first_labels[i]) << "label " << i;
  }
  if (check_counts) {
    std::vector<int64_t> counts(kNumClasses, 0);
    for (const int32_t label : data.labels) ++counts[label];
    EXPECT_EQ(counts, expected.class_counts);
  }
  if (expected.pixel_mean.empty()) return;
  std::vector<double> mean, std;
  PixelStatistics(data, &mean, &std);
  for (size_t c = 0; c < mean.size(); ++c) {
    // Published to four decimals: the value must round to it.
    EXPECT_NEAR(mean[c], expected.pixel_mean[c], 5e-5) << "channel " << c;
    EXPECT_NEAR(std[c], expected.pixel_std[c], 5e-5) << "channel " << c;
    std::printf("  channel %zu: mean %.6f std %.6f\n", c, mean[c], std[c]);
  }
}

TEST(RealData, MnistTrainMatchesProtocolConstants) {
  LOAD_OR_SKIP(data, DatasetName::kMnist, Split::kTrain);
  EXPECT_EQ(data->info.num_samples, 60000);
  EXPECT_TRUE(data->info.complete);
  // PROTOCOL.md: mean 0.1307, std 0.3081.
  CheckSplit(*data,
             {DatasetName::kMnist,
              Split::kTrain,
              {5, 0, 4, 1, 9, 2, 1, 3, 1, 4},
              {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
              {0.1307},
              {0.3081}},
             true);
}

TEST(RealData, MnistTest) {
  LOAD_OR_SKIP(data, DatasetName::kMnist, Split::kTest);
  EXPECT_EQ(data->info.num_samples, 10000);
  EXPECT_TRUE(data->info.complete);
  CheckSplit(*data,
             {DatasetName::kMnist,
              Split::kTest,
              {7, 2, 1, 0, 4, 1, 4, 9, 5, 9},
              {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
              {},
              {}},
             true);
}

TEST(RealData, Cifar10TrainMatchesProtocolMeansAndTrueStds) {
  LOAD_OR_SKIP(data, DatasetName::kCifar10, Split::kTrain);
  EXPECT_EQ(data->info.num_samples, 50000);
  EXPECT_TRUE(data->info.complete);
  EXPECT_LT(data_seconds, 30.0);  // sanity only; the measured time is printed above
  // PROTOCOL.md: means (0.4914, 0.4822, 0.4465). Its "std" constants (0.2023, 0.1994,
  // 0.2010) are NOT the pixel standard deviations; the true ones are (0.2470, 0.2435,
  // 0.2616), checked here, so normalized CIFAR-10 pixels have variance ~1.5.
  CheckSplit(*data,
             {DatasetName::kCifar10,
              Split::kTrain,
              {6, 9, 9, 4, 1, 1, 2, 7, 8, 3},
              std::vector<int64_t>(10, 5000),
              {0.4914, 0.4822, 0.4465},
              {0.2470, 0.2435, 0.2616}},
             true);
}

TEST(RealData, Cifar10TestIsCompleteOrTheLabelledPartial) {
  LOAD_OR_SKIP(data, DatasetName::kCifar10, Split::kTest);
  EXPECT_EQ(data->info.canonical_samples, 10000);
  const Expected expected{
      DatasetName::kCifar10,          Split::kTest, {3, 8, 8, 0, 6, 6, 1, 6, 3, 1},
      std::vector<int64_t>(10, 1000), {},           {}};
  if (data->info.num_samples == 10000) {
    EXPECT_TRUE(data->info.complete);
    CheckSplit(*data, expected, true);
  } else {
    // The offline partial: the first 1,000 test images, clearly marked incomplete.
    EXPECT_EQ(data->info.num_samples, 1000);
    EXPECT_FALSE(data->info.complete);
    EXPECT_NE(data->info.note.find("PARTIAL"), std::string::npos) << data->info.note;
    EXPECT_NE(data->info.Summary().find("1000 of 10000 samples (INCOMPLETE)"), std::string::npos);
    CheckSplit(*data, expected, false);
    std::vector<int64_t> counts(kNumClasses, 0);
    for (const int32_t label : data->labels) ++counts[label];
    EXPECT_EQ(counts, (std::vector<int64_t>{103, 89, 100, 103, 90, 86, 112, 102, 106, 109}));
  }
}

TEST(RealData, FashionMnistTrainMatchesItsConstants) {
  LOAD_OR_SKIP(data, DatasetName::kFashionMnist, Split::kTrain);
  EXPECT_EQ(data->info.num_samples, 60000);
  CheckSplit(*data,
             {DatasetName::kFashionMnist,
              Split::kTrain,
              {9, 0, 0, 3, 0, 2, 7, 2, 5, 5},
              std::vector<int64_t>(10, 6000),
              {0.2860},
              {0.3530}},
             true);
}

TEST(RealData, FashionMnistTest) {
  LOAD_OR_SKIP(data, DatasetName::kFashionMnist, Split::kTest);
  EXPECT_EQ(data->info.num_samples, 10000);
  CheckSplit(*data,
             {DatasetName::kFashionMnist,
              Split::kTest,
              {9, 2, 1, 1, 6, 1, 4, 6, 5, 7},
              std::vector<int64_t>(10, 1000),
              {},
              {}},
             true);
}

}  // namespace
}  // namespace vev::data

#include "lib/data/synthetic_dataset.h"

#include <cmath>
#include <cstdint>

#include "gtest/gtest.h"

namespace vev::data {
namespace {

TEST(SyntheticDataset, IsAPureFunctionOfTheOptions) {
  SyntheticDatasetOptions options;
  options.name = DatasetName::kCifar10;
  options.samples = 30;
  options.cifar_archive = true;
  const SyntheticSplit a = *MakeSyntheticSplit(options);
  const SyntheticSplit b = *MakeSyntheticSplit(options);
  ASSERT_EQ(a.files.size(), 1u);
  EXPECT_EQ(a.files[0].second, b.files[0].second);
  EXPECT_EQ(a.manifest.files[0].sha256, b.manifest.files[0].sha256);
  options.seed = 2;
  EXPECT_NE(MakeSyntheticSplit(options)->pixels, a.pixels);
  options.seed = 1;
  options.split = Split::kTest;
  EXPECT_NE(MakeSyntheticSplit(options)->pixels, a.pixels);
}

// Pixels are uniform on 0..255: mean 127.5, variance (256^2 - 1) / 12. With n = 40 * 3072
// pixels the sample mean's SE is sqrt(5461.25 / n) = 0.21; z = 4.42 (two-sided 1e-5).
TEST(SyntheticDataset, PixelsAndLabelsAreUniform) {
  SyntheticDatasetOptions options;
  options.name = DatasetName::kCifar10;
  options.samples = 40;
  options.seed = 20240611;
  const SyntheticSplit split = *MakeSyntheticSplit(options);
  double sum = 0.0;
  for (const char c : split.pixels) sum += static_cast<uint8_t>(c);
  const double n = static_cast<double>(split.pixels.size());
  const double se = std::sqrt((256.0 * 256.0 - 1.0) / 12.0 / n);
  constexpr double kZ = 4.42;
  EXPECT_NEAR(sum / n, 127.5, kZ * se) << "seed=" << options.seed << " n=" << n << " se=" << se;
  for (const uint8_t label : split.labels) EXPECT_LT(label, kNumClasses);
  EXPECT_EQ(split.manifest.samples, 40);
  EXPECT_EQ(split.manifest.origin, "synthetic (seed 20240611)");
}

TEST(SyntheticDataset, RejectsEmptyDatasets) {
  SyntheticDatasetOptions options;
  options.samples = 0;
  EXPECT_FALSE(MakeSyntheticSplit(options).ok());
  options.samples = 5;
  options.cifar_records_per_batch = 0;
  EXPECT_FALSE(MakeSyntheticSplit(options).ok());
}

}  // namespace
}  // namespace vev::data

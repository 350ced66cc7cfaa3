#include "lib/data/dataset_name.h"

#include <string>

#include "absl/flags/marshalling.h"
#include "gtest/gtest.h"

namespace vev::data {
namespace {

TEST(DatasetName, FlagsRoundTrip) {
  for (const DatasetName name :
       {DatasetName::kMnist, DatasetName::kCifar10, DatasetName::kFashionMnist}) {
    DatasetName parsed;
    std::string error;
    ASSERT_TRUE(absl::ParseFlag(absl::UnparseFlag(name), &parsed, &error)) << error;
    EXPECT_EQ(parsed, name);
  }
  EXPECT_EQ(absl::UnparseFlag(DatasetName::kFashionMnist), "fashion_mnist");
  EXPECT_EQ(absl::UnparseFlag(DatasetName::kCifar10), "cifar10");
  for (const Split split : {Split::kTrain, Split::kTest}) {
    Split parsed;
    std::string error;
    ASSERT_TRUE(absl::ParseFlag(absl::UnparseFlag(split), &parsed, &error)) << error;
    EXPECT_EQ(parsed, split);
  }
}

TEST(DatasetName, UnknownNamesAreRejectedWithTheChoices) {
  DatasetName name;
  std::string error;
  EXPECT_FALSE(absl::ParseFlag("cifar100", &name, &error));
  EXPECT_NE(error.find("mnist, cifar10 or fashion_mnist"), std::string::npos) << error;
  Split split;
  EXPECT_FALSE(absl::ParseFlag("validation", &split, &error));
}

TEST(DatasetName, GeometryAndCanonicalSizes) {
  EXPECT_EQ(DatasetImageShape(DatasetName::kMnist).Features(), 784);
  EXPECT_EQ(DatasetImageShape(DatasetName::kFashionMnist).Features(), 784);
  EXPECT_EQ(DatasetImageShape(DatasetName::kCifar10).Features(), 3072);
  EXPECT_EQ(CanonicalSamples(DatasetName::kMnist, Split::kTrain), 60000);
  EXPECT_EQ(CanonicalSamples(DatasetName::kCifar10, Split::kTrain), 50000);
  EXPECT_EQ(CanonicalSamples(DatasetName::kCifar10, Split::kTest), 10000);
  EXPECT_EQ(DatasetRepositoryName(DatasetName::kFashionMnist), "vev_fashion_mnist");
}

}  // namespace
}  // namespace vev::data

#include "lib/data/dataset_record.h"

#include "gtest/gtest.h"
#include "protos/result.pb.h"

namespace vev::data {
namespace {

TEST(RecordDataset, AddsFilesOnceAndTheSampleCounts) {
  Result result;
  DatasetInfo info;
  info.name = DatasetName::kCifar10;
  info.split = Split::kTest;
  info.num_samples = 1000;
  info.canonical_samples = 10000;
  info.complete = false;
  info.files = {{"cifar-10-test-partial/test_batch_first1000.bin", std::string(64, 'a'), 3073000}};
  RecordDataset(info, result);
  RecordDataset(info, result);  // the same file is not listed twice
  const Provenance& provenance = result.provenance();
  ASSERT_EQ(provenance.datasets_size(), 1);
  EXPECT_EQ(provenance.datasets(0).name(), "cifar-10-test-partial/test_batch_first1000.bin");
  EXPECT_EQ(provenance.datasets(0).sha256(), std::string(64, 'a'));
  EXPECT_EQ(provenance.datasets(0).bytes(), 3073000);
  bool found_samples = false, found_complete = false;
  for (const Scalar& scalar : result.scalars()) {
    if (scalar.name() == "cifar10_test_samples") {
      found_samples = true;
      EXPECT_EQ(scalar.value(), 1000);
      EXPECT_NE(scalar.description().find("INCOMPLETE"), std::string::npos);
    }
    if (scalar.name() == "cifar10_test_complete") {
      found_complete = true;
      EXPECT_EQ(scalar.value(), 0);
    }
  }
  EXPECT_TRUE(found_samples);
  EXPECT_TRUE(found_complete);
}

}  // namespace
}  // namespace vev::data

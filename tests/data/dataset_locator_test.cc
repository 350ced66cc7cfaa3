#include "lib/data/dataset_locator.h"

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "lib/data/dataset.h"
#include "tools/cpp/runfiles/runfiles.h"

namespace vev::data {
namespace {

using ::bazel::tools::cpp::runfiles::Runfiles;

// The synthetic CIFAR-10 test split made at build time by //tools/data:make_synthetic_dataset
// (genrule :synthetic_cifar10_test: 50 images in a cifar-10-binary.tar.gz).
TEST(DatasetLocator, LoadsAGeneratedSplitThroughItsManifestInTheRunfiles) {
  std::string error;
  const std::unique_ptr<Runfiles> runfiles(Runfiles::CreateForTest(&error));
  ASSERT_NE(runfiles, nullptr) << error;
  const std::string manifest =
      runfiles->Rlocation("vev/tests/data/synthetic_cifar10/test.manifest");
  const absl::StatusOr<DatasetPaths> paths =
      DatasetPathsFromManifestFile(manifest, DatasetName::kCifar10, Split::kTest);
  ASSERT_TRUE(paths.ok()) << paths.status();
  ASSERT_EQ(paths->files.size(), 1u);
  EXPECT_EQ(paths->files[0].member, "cifar-10-batches-bin/test_batch.bin");
  const absl::StatusOr<Dataset> data = LoadDataset(DatasetName::kCifar10, Split::kTest, *paths);
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ(data->info.num_samples, 50);
  EXPECT_FALSE(data->info.complete);
  EXPECT_TRUE(data->info.checksums_verified);
  EXPECT_EQ(data->info.origin, "synthetic (seed 7)");
}

TEST(DatasetLocator, LocateAndLoadWithAnExplicitManifest) {
  std::string error;
  const std::unique_ptr<Runfiles> runfiles(Runfiles::CreateForTest(&error));
  ASSERT_NE(runfiles, nullptr) << error;
  const absl::StatusOr<Dataset> data = LocateAndLoadDataset(
      DatasetName::kCifar10, Split::kTest, "unused",
      runfiles->Rlocation("vev/tests/data/synthetic_cifar10/test.manifest"));
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ(data->features.cols(), 50);
  EXPECT_EQ(data->features.rows(), 3072);
  // Without a manifest, the runfiles are searched: this test has no real-data dependency.
  EXPECT_EQ(LocateAndLoadDataset(DatasetName::kMnist, Split::kTest, "unused").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(DatasetLocator, SplitNotInTheRunfilesSaysWhichDataDependencyToAdd) {
  const absl::Status status =
      DatasetPathsFromRunfiles(DatasetName::kMnist, Split::kTrain, "dataset_locator_test").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(status.message().find("//datasets:mnist_train"), absl::string_view::npos) << status;
}

TEST(DatasetLocator, ManifestRunfilesPath) {
  EXPECT_EQ(ManifestRunfilesPath(DatasetName::kCifar10, Split::kTest), "vev_cifar10/test.manifest");
}

}  // namespace
}  // namespace vev::data

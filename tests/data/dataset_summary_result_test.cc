// Checks the result of the vev_experiment :synthetic_cifar10_summary: the dataset summary
// program run as a build action with its data passed as "$(location manifest)".
#include <map>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "lib/io/result_file.h"
#include "protos/result.pb.h"
#include "tools/cpp/runfiles/runfiles.h"

namespace vev {
namespace {

using ::bazel::tools::cpp::runfiles::Runfiles;

TEST(DatasetSummaryAction, RecordsSamplesCompletenessAndFiles) {
  std::string error;
  const std::unique_ptr<Runfiles> runfiles(Runfiles::CreateForTest(&error));
  ASSERT_NE(runfiles, nullptr) << error;
  const absl::StatusOr<Result> result =
      io::ReadResultFile(runfiles->Rlocation("vev/tests/data/synthetic_cifar10_summary.pb"));
  ASSERT_TRUE(result.ok()) << result.status();
  std::map<std::string, double> scalars;
  for (const Scalar& scalar : result->scalars()) scalars[scalar.name()] = scalar.value();
  EXPECT_EQ(scalars["cifar10_test_samples"], 50);
  EXPECT_EQ(scalars["cifar10_test_canonical_samples"], 10000);
  EXPECT_EQ(scalars["cifar10_test_complete"], 0);
  ASSERT_EQ(result->provenance().datasets_size(), 1);
  EXPECT_EQ(result->provenance().datasets(0).name(),
            "cifar-10-binary.tar.gz:cifar-10-batches-bin/test_batch.bin");
  EXPECT_EQ(result->provenance().datasets(0).sha256().size(), 64u);
  ASSERT_GE(result->tables_size(), 1);
  EXPECT_EQ(result->tables(0).name(), "channel_stats");
  // Uniform pixels: mean 127.5 / 255 = 0.5 per channel, each over 50 * 1024 pixels with
  // SE sqrt((256^2 - 1) / 12 / 51200) / 255 = 0.0013; z = 4.42 gives 0.0057.
  const Column& means = result->tables(0).columns(1);
  ASSERT_EQ(means.name(), "pixel_mean");
  for (const double mean : means.values()) EXPECT_NEAR(mean, 0.5, 0.0057);
}

}  // namespace
}  // namespace vev

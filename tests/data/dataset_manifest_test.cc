#include "lib/data/dataset_manifest.h"

#include <string>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace vev::data {
namespace {

const char kSha[] = "8314c96d7cd65618193bab23acdd5d4c4af15bf6dd00a1781d55beedf3be1ef5";

TEST(DatasetManifest, FormatThenParseRoundTrips) {
  DatasetManifest manifest;
  manifest.dataset = DatasetName::kCifar10;
  manifest.split = Split::kTest;
  manifest.available = true;
  manifest.samples = 1000;
  manifest.origin = "VEV_DATASETS_DIR=/data";
  manifest.note = "PARTIAL TEST SET: first 1,000 of 10,000";
  manifest.files.push_back({"cifar-10-test-partial/test_batch_first1000.bin",
                            "cifar-10-test-partial/test_batch_first1000.bin", "", kSha, 3073000});
  manifest.files.push_back({"cifar-10-binary.tar.gz:cifar-10-batches-bin/test_batch.bin",
                            "cifar-10-binary.tar.gz", "cifar-10-batches-bin/test_batch.bin", kSha,
                            170052171});
  const std::string text = FormatDatasetManifest(manifest);
  const absl::StatusOr<DatasetManifest> parsed = ParseDatasetManifest(text, "m");
  ASSERT_TRUE(parsed.ok()) << parsed.status() << "\n" << text;
  EXPECT_EQ(parsed->dataset, DatasetName::kCifar10);
  EXPECT_EQ(parsed->split, Split::kTest);
  EXPECT_TRUE(parsed->available);
  EXPECT_EQ(parsed->samples, 1000);
  EXPECT_EQ(parsed->origin, manifest.origin);
  EXPECT_EQ(parsed->note, manifest.note);
  ASSERT_EQ(parsed->files.size(), 2u);
  EXPECT_EQ(parsed->files[0].member, "");
  EXPECT_EQ(parsed->files[1].member, "cifar-10-batches-bin/test_batch.bin");
  EXPECT_EQ(parsed->files[1].bytes, 170052171);
  EXPECT_EQ(FormatDatasetManifest(*parsed), text);
}

TEST(DatasetManifest, UnavailableCarriesTheReason) {
  const absl::StatusOr<DatasetManifest> parsed = ParseDatasetManifest(
      "vev-dataset-manifest\t1\ndataset\tmnist\nsplit\ttrain\nstatus\tunavailable\n"
      "reason\tdownload failed\n",
      "m");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_FALSE(parsed->available);
  EXPECT_EQ(parsed->reason, "download failed");
}

TEST(DatasetManifest, MalformedManifestsAreInvalidArgumentWithLineNumber) {
  const std::string head = "vev-dataset-manifest\t1\ndataset\tmnist\nsplit\ttrain\n";
  const std::string cases[] = {
      "",
      "something else\n",
      head + "status\tmaybe\n",
      head + "status\tavailable\nsamples\t10\nfile\ta\tb\t-\tnothex\t10\n",
      head + "status\tavailable\nsamples\t10\nfile\ta\tb\t-\t" + kSha + "\n",
      head + "status\tavailable\nsamples\t-3\n",
      head + "status\tavailable\nsamples\t10\n",  // no files
      head + "colour\tblue\n",
      "vev-dataset-manifest\t1\ndataset\timagenet\n",
  };
  for (const std::string& text : cases) {
    const absl::Status status = ParseDatasetManifest(text, "m.manifest").status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_NE(status.message().find("m.manifest"), absl::string_view::npos) << status;
  }
  const absl::Status status = ParseDatasetManifest(head + "colour\tblue\n", "m").status();
  EXPECT_NE(status.message().find("m:4:"), absl::string_view::npos) << status;
}

}  // namespace
}  // namespace vev::data

#include "lib/data/dataset.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/data/dataset_locator.h"
#include "lib/data/file_bytes.h"
#include "lib/data/normalization.h"
#include "lib/data/synthetic_dataset.h"

namespace vev::data {
namespace {

uint32_t Bits(float x) {
  uint32_t bits;
  std::memcpy(&bits, &x, sizeof(bits));
  return bits;
}

// A fresh directory under the test's temporary folder.
std::string TempDir(const std::string& name) {
  const char* base = std::getenv("TEST_TMPDIR");
  return absl::StrCat(base != nullptr ? base : "/tmp", "/", name);
}

struct Written {
  SyntheticSplit split;
  std::string manifest_path;
  DatasetPaths paths;
};

Written WriteSplit(const SyntheticDatasetOptions& options, const std::string& dir) {
  Written written;
  written.split = *MakeSyntheticSplit(options);
  const absl::StatusOr<std::string> manifest = WriteSyntheticSplit(options, TempDir(dir));
  EXPECT_TRUE(manifest.ok()) << manifest.status();
  written.manifest_path = *manifest;
  const absl::StatusOr<DatasetPaths> paths =
      DatasetPathsFromManifestFile(written.manifest_path, options.name, options.split);
  EXPECT_TRUE(paths.ok()) << paths.status();
  written.paths = *paths;
  return written;
}

// Every feature equals NormalizePixel of its byte, bit for bit, at the (C, H, W) position.
void ExpectMatchesRaw(const Dataset& data, const SyntheticSplit& split, DatasetName name) {
  const ImageShape shape = DatasetImageShape(name);
  const int64_t features = shape.Features();
  const int plane = shape.height * shape.width;
  const auto norms = ProtocolNormalization(name);
  ASSERT_EQ(data.features.rows(), features);
  ASSERT_EQ(data.features.cols(), static_cast<int64_t>(split.labels.size()));
  ASSERT_EQ(data.labels.size(), split.labels.size());
  for (Eigen::Index j = 0; j < data.features.cols(); ++j) {
    ASSERT_EQ(data.labels[j], split.labels[j]) << "sample " << j;
    for (int64_t k = 0; k < features; ++k) {
      const auto byte = static_cast<uint8_t>(split.pixels[j * features + k]);
      ASSERT_EQ(Bits(data.features(k, j)), Bits(NormalizePixel(byte, norms[k / plane])))
          << "sample " << j << " feature " << k;
    }
  }
}

TEST(LoadDataset, RoundTripsSyntheticMnistStyleGzippedAndPlain) {
  for (const DatasetName name : {DatasetName::kMnist, DatasetName::kFashionMnist}) {
    for (const bool gzip : {true, false}) {
      SyntheticDatasetOptions options;
      options.name = name;
      options.split = Split::kTrain;
      options.samples = 37;
      options.seed = 5;
      options.gzip = gzip;
      const Written written =
          WriteSplit(options, absl::StrCat("rt_", DatasetFlagName(name), gzip ? "_gz" : ""));
      const absl::StatusOr<Dataset> data = LoadDataset(name, Split::kTrain, written.paths);
      ASSERT_TRUE(data.ok()) << data.status();
      ExpectMatchesRaw(*data, written.split, name);
      EXPECT_EQ(data->info.num_samples, 37);
      EXPECT_EQ(data->info.canonical_samples, 60000);
      EXPECT_FALSE(data->info.complete);
      EXPECT_TRUE(data->info.checksums_verified);
      ASSERT_EQ(data->info.files.size(), 2u);
      for (size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(data->info.files[i].name, written.split.manifest.files[i].name);
        EXPECT_EQ(data->info.files[i].sha256, written.split.manifest.files[i].sha256);
        EXPECT_EQ(data->info.files[i].bytes, written.split.manifest.files[i].bytes);
      }
    }
  }
}

TEST(LoadDataset, RoundTripsSyntheticCifarBatchesAndArchive) {
  for (const bool archive : {false, true}) {
    SyntheticDatasetOptions options;
    options.name = DatasetName::kCifar10;
    options.split = Split::kTrain;
    options.samples = 100;
    options.cifar_records_per_batch = 40;  // batches of 40, 40, 20
    options.cifar_archive = archive;
    const Written written = WriteSplit(options, archive ? "rt_cifar_tgz" : "rt_cifar");
    ASSERT_EQ(written.paths.files.size(), 3u);
    const absl::StatusOr<Dataset> data =
        LoadDataset(DatasetName::kCifar10, Split::kTrain, written.paths);
    ASSERT_TRUE(data.ok()) << data.status();
    ExpectMatchesRaw(*data, written.split, DatasetName::kCifar10);
    EXPECT_EQ(data->info.shape.channels, 3);
    EXPECT_EQ(data->info.canonical_samples, 50000);
    EXPECT_FALSE(data->info.complete);
    EXPECT_NE(data->info.Summary().find("100 of 50000 samples (INCOMPLETE)"), std::string::npos)
        << data->info.Summary();
    if (archive) {
      EXPECT_EQ(data->info.files[1].name,
                "cifar-10-binary.tar.gz:cifar-10-batches-bin/data_batch_2.bin");
    }
  }
}

TEST(LoadDataset, FullSizeSplitIsComplete) {
  SyntheticDatasetOptions options;
  options.name = DatasetName::kMnist;
  options.split = Split::kTest;
  options.samples = 10000;
  options.gzip = false;
  const Written written = WriteSplit(options, "complete");
  const absl::StatusOr<Dataset> data =
      LoadDataset(DatasetName::kMnist, Split::kTest, written.paths);
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_TRUE(data->info.complete);
  EXPECT_NE(data->info.Summary().find("10000 of 10000 samples (complete)"), std::string::npos);
}

SyntheticDatasetOptions SmallMnist() {
  SyntheticDatasetOptions options;
  options.samples = 20;
  return options;
}

TEST(LoadDatasetErrors, MissingFileIsNotFoundAndSaysHowToProvideIt) {
  Written written = WriteSplit(SmallMnist(), "missing");
  ASSERT_EQ(std::remove(written.paths.files[1].path.c_str()), 0);
  const absl::Status status =
      LoadDataset(DatasetName::kMnist, Split::kTrain, written.paths).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(status.message().find("mnist/train-labels-idx1-ubyte.gz"), absl::string_view::npos);
  EXPECT_NE(status.message().find("VEV_DATASETS_DIR"), absl::string_view::npos) << status;
  EXPECT_NE(status.message().find("tools/setup.sh --data-dir"), absl::string_view::npos);
}

TEST(LoadDatasetErrors, ChecksumMismatchIsDataLossWithBothHashes) {
  Written written = WriteSplit(SmallMnist(), "checksum");
  const std::string actual = written.paths.files[0].expected_sha256;
  written.paths.files[0].expected_sha256 = std::string(64, '0');
  const absl::Status status =
      LoadDataset(DatasetName::kMnist, Split::kTrain, written.paths).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("checksum mismatch"), absl::string_view::npos) << status;
  EXPECT_NE(status.message().find("mnist/train-images-idx3-ubyte.gz"), absl::string_view::npos);
  EXPECT_NE(status.message().find(std::string(64, '0')), absl::string_view::npos);
  EXPECT_NE(status.message().find(actual), absl::string_view::npos);
}

TEST(LoadDatasetErrors, CorruptFileReportsTheChecksumMismatchAsRootCause) {
  Written written = WriteSplit(SmallMnist(), "corrupt");
  const std::string path = written.paths.files[0].path;
  std::string bytes = *ReadFileBytes(path);
  bytes.resize(bytes.size() / 2);  // truncated: would also fail to gunzip
  ASSERT_TRUE(WriteFileBytes(path, bytes).ok());
  absl::Status status = LoadDataset(DatasetName::kMnist, Split::kTrain, written.paths).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("checksum mismatch"), absl::string_view::npos) << status;
  // Without an expected checksum the truncation itself is reported.
  written.paths.files[0].expected_sha256.clear();
  status = LoadDataset(DatasetName::kMnist, Split::kTrain, written.paths).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("truncated gzip stream"), absl::string_view::npos) << status;
}

TEST(LoadDatasetErrors, ImageAndLabelCountsDisagreeIsDataLoss) {
  Written images = WriteSplit(SmallMnist(), "count_a");
  SyntheticDatasetOptions other = SmallMnist();
  other.samples = 21;
  Written labels = WriteSplit(other, "count_b");
  DatasetPaths paths = images.paths;
  paths.files[1] = labels.paths.files[1];
  paths.expected_samples = -1;
  const absl::Status status = LoadDataset(DatasetName::kMnist, Split::kTrain, paths).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("20 images but"), absl::string_view::npos) << status;
  EXPECT_NE(status.message().find("21 labels"), absl::string_view::npos) << status;
}

TEST(LoadDatasetErrors, SampleCountOtherThanTheManifestsIsDataLoss) {
  Written written = WriteSplit(SmallMnist(), "expected");
  written.paths.expected_samples = 60000;
  const absl::Status status =
      LoadDataset(DatasetName::kMnist, Split::kTrain, written.paths).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("hold 20 samples, the manifest expects 60000"),
            absl::string_view::npos)
      << status;
}

TEST(LoadDatasetErrors, WrongFileRolesAreInvalidArgument) {
  Written written = WriteSplit(SmallMnist(), "roles");
  DatasetPaths one = written.paths;
  one.files.pop_back();
  EXPECT_EQ(LoadDataset(DatasetName::kMnist, Split::kTrain, one).status().code(),
            absl::StatusCode::kInvalidArgument);
  DatasetPaths swapped = written.paths;
  std::swap(swapped.files[0], swapped.files[1]);
  const absl::Status status = LoadDataset(DatasetName::kMnist, Split::kTrain, swapped).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("wrong magic number"), absl::string_view::npos) << status;
  // MNIST files read as CIFAR-10 batches: not whole records.
  EXPECT_FALSE(LoadDataset(DatasetName::kCifar10, Split::kTrain, written.paths).ok());
}

TEST(LoadDatasetErrors, MissingArchiveMemberIsNotFound) {
  SyntheticDatasetOptions options;
  options.name = DatasetName::kCifar10;
  options.samples = 10;
  options.cifar_archive = true;
  Written written = WriteSplit(options, "member");
  written.paths.files[0].member = "cifar-10-batches-bin/test_batch.bin";
  const absl::Status status =
      LoadDataset(DatasetName::kCifar10, Split::kTrain, written.paths).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(status.message().find("data_batch_1.bin"), absl::string_view::npos) << status;
}

TEST(DatasetLocator, UnavailableManifestIsNotFoundWithReason) {
  const std::string dir = TempDir("unavailable");
  DatasetManifest manifest;
  manifest.dataset = DatasetName::kCifar10;
  manifest.split = Split::kTest;
  manifest.available = false;
  manifest.reason = "download of cifar-10-binary.tar.gz failed (no internet access?)";
  const absl::Status status =
      DatasetPathsFromManifest(manifest, DatasetName::kCifar10, Split::kTest, dir).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(status.message().find("CIFAR-10 test is not available"), absl::string_view::npos);
  EXPECT_NE(status.message().find(manifest.reason), absl::string_view::npos) << status;
  EXPECT_EQ(
      DatasetPathsFromManifest(manifest, DatasetName::kMnist, Split::kTest, dir).status().code(),
      absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vev::data

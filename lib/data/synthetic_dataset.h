// Synthetic datasets in the canonical file formats (IDX .gz for MNIST and Fashion-MNIST;
// CIFAR-10 binary batches, loose or in a cifar-10-binary.tar.gz archive), with a manifest,
// so every reader and every experiment has a small offline test. Pixels are i.i.d.
// uniform on 0..255 and labels i.i.d. uniform on 0..9, drawn from
// vev::rng::RandomStream(seed, {kSyntheticStreamKey, dataset, split}): the files are a
// pure function of the options.
#ifndef VEV_LIB_DATA_SYNTHETIC_DATASET_H_
#define VEV_LIB_DATA_SYNTHETIC_DATASET_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/data/dataset_manifest.h"
#include "lib/data/dataset_name.h"

namespace vev::data {

// Random-stream key of synthetic datasets ("SYNTHDAT").
inline constexpr uint64_t kSyntheticStreamKey = 0x53594e5448444154ULL;

struct SyntheticDatasetOptions {
  DatasetName name = DatasetName::kMnist;
  Split split = Split::kTrain;
  // Number of samples, >= 1.
  int64_t samples = 100;
  // Base seed of the random stream.
  uint64_t seed = 1;
  // MNIST-style: gzip the IDX files like the canonical ones (default); false: plain IDX.
  bool gzip = true;
  // CIFAR-10: records per batch file (the canonical files hold 10,000); the split is
  // written as ceil(samples / cifar_records_per_batch) files. >= 1.
  int64_t cifar_records_per_batch = 10000;
  // CIFAR-10: put the batches in "cifar-10-binary.tar.gz" (members
  // "cifar-10-batches-bin/<file>") like the canonical download, instead of loose files.
  bool cifar_archive = false;
};

struct SyntheticSplit {
  // Files to write: path relative to the dataset root, and bytes.
  std::vector<std::pair<std::string, std::string>> files;
  // The manifest describing them (origin "synthetic ...").
  DatasetManifest manifest;
  // The raw data: samples x Features() pixel bytes, each sample channel-major (C, H, W);
  // and the labels.
  std::string pixels;
  std::vector<uint8_t> labels;
};

// Generates the split in memory. Errors: InvalidArgument (samples < 1, records per batch
// < 1), Internal (compression failed).
absl::StatusOr<SyntheticSplit> MakeSyntheticSplit(const SyntheticDatasetOptions& options);

// Writes the split's files under `root` (creating directories) and its manifest as
// "<root>/<split>.manifest"; returns the manifest path. Errors: those of
// MakeSyntheticSplit and of writing files.
absl::StatusOr<std::string> WriteSyntheticSplit(const SyntheticDatasetOptions& options,
                                                absl::string_view root);

}  // namespace vev::data

#endif  // VEV_LIB_DATA_SYNTHETIC_DATASET_H_

// The dataset manifest: a small text file, written by the dataset repository rule
// (datasets/repositories.bzl) for each (dataset, split), or by the synthetic dataset tool,
// that says where the split's files are, their SHA-256 and size, how many samples they
// hold and where they came from; or, when the files could not be had, why, and how to
// provide them. Readers never guess file names: they follow the manifest.
//
// Format (UTF-8 lines, fields separated by one TAB; `#` lines are comments):
//   vev-dataset-manifest	1
//   dataset	cifar10
//   split	test
//   status	available              (or: unavailable)
//   reason	<text>                 (unavailable only: what is missing, how to provide it)
//   samples	1000                   (available only: samples the files hold)
//   origin	<text>                 (e.g. "VEV_DATASETS_DIR=/data", "download", "synthetic")
//   note	<text>                 (optional, e.g. "first 1,000 of the 10,000 test images")
//   file	<name>	<path>	<member>	<sha256>	<bytes>   (one per file, in order)
// <name> is the logical name recorded in results ("mnist/train-images-idx3-ubyte.gz");
// <path> is relative to the manifest's directory (the repository root); <member> is a
// path inside a .tar.gz archive at <path>, or "-"; <sha256> and <bytes> describe the file
// at <path>. Reading order: MNIST-style datasets list the images file then the labels
// file; CIFAR-10 lists its batches in sample order.
#ifndef VEV_LIB_DATA_DATASET_MANIFEST_H_
#define VEV_LIB_DATA_DATASET_MANIFEST_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/data/dataset_name.h"

namespace vev::data {

struct ManifestFile {
  std::string name;    // logical name
  std::string path;    // relative to the manifest's directory
  std::string member;  // tar member inside `path`; empty if `path` is the file itself
  std::string sha256;  // 64 lower-case hex digits, of the file at `path`
  int64_t bytes = 0;   // size of the file at `path`
};

struct DatasetManifest {
  DatasetName dataset = DatasetName::kMnist;
  Split split = Split::kTrain;
  bool available = false;
  std::string reason;  // why not available, and how to provide the files
  int64_t samples = 0;
  std::string origin;
  std::string note;
  std::vector<ManifestFile> files;
};

// Parses manifest text. `name` identifies it in messages. Errors: InvalidArgument (bad
// header line, unknown key, malformed field, with the line number; an available manifest
// without files or samples).
absl::StatusOr<DatasetManifest> ParseDatasetManifest(absl::string_view text,
                                                     absl::string_view name);

// The text form parsed by ParseDatasetManifest.
std::string FormatDatasetManifest(const DatasetManifest& manifest);

}  // namespace vev::data

#endif  // VEV_LIB_DATA_DATASET_MANIFEST_H_

// Loading a dataset split into the layout the network engine uses, with the preprocessing
// of PROTOCOL.md (vanishing-variance paper, Sec. 6: MNIST and CIFAR-10; Fashion-MNIST as a
// third, offline-available dataset).
//
// Result layout: `features` is float32, column-major, features x samples, ONE SAMPLE PER
// COLUMN, each column the image flattened channel-major (C, H, W): MNIST and Fashion-MNIST
// 784 = 1 x 28 x 28, CIFAR-10 3072 = 3 x 32 x 32 (all of R, then G, then B). Values are
// normalized exactly as lib/data/normalization.h says (float32(p) / 255, minus the float32
// mean, divided by the float32 std: torchvision's operation order). Samples keep the
// canonical file order (CIFAR-10: data_batch_1..5).
//
// Where the files come from: a DatasetPaths, normally made from the split's manifest by
// lib/data/dataset_locator.h (from the binary's runfiles, or a manifest path passed as a
// flag). LoadDataset reads every file, computes its SHA-256, checks it against the
// expected value when one is given, and records files and hashes in DatasetInfo (for
// Provenance.datasets: lib/data/dataset_record.h).
//
//   VEV_ASSIGN_OR_RETURN(const DatasetPaths paths,
//                        DatasetPathsFromRunfiles(DatasetName::kCifar10, Split::kTest, argv0));
//   VEV_ASSIGN_OR_RETURN(const Dataset test,
//                        LoadDataset(DatasetName::kCifar10, Split::kTest, paths));
//   if (!test.info.complete) ...  // e.g. the offline CIFAR-10 test partial: 1,000 of 10,000
#ifndef VEV_LIB_DATA_DATASET_H_
#define VEV_LIB_DATA_DATASET_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/base/eigen_types.h"
#include "lib/data/dataset_name.h"

namespace vev::data {

// One input file of a split.
struct DatasetFileRef {
  // Logical name recorded in results, e.g. "mnist/train-images-idx3-ubyte.gz".
  std::string name;
  // Filesystem path of the file (a .gz, a .tar.gz archive or an uncompressed file).
  std::string path;
  // If non-empty: the tar member to read from the (gzipped) archive at `path`.
  std::string member;
  // Expected SHA-256 of the file at `path` (64 lower-case hex digits); empty: not checked.
  std::string expected_sha256;
};

// The files of one split, in reading order: MNIST and Fashion-MNIST {images, labels} (IDX,
// gzipped or not); CIFAR-10 the batches in sample order.
struct DatasetPaths {
  std::vector<DatasetFileRef> files;
  // Number of samples the files must hold; -1: not checked.
  int64_t expected_samples = -1;
  // Where the files came from ("VEV_DATASETS_DIR=...", "download", "synthetic", ...).
  std::string origin;
  // Free-text remark carried into DatasetInfo (e.g. why a split is partial).
  std::string note;
};

// A file that was read, for Provenance.datasets.
struct DatasetFileRecord {
  std::string name;    // logical name (for a tar member: "<archive name>:<member>")
  std::string sha256;  // of the file on disk (for a member: of the archive)
  int64_t bytes = 0;   // size of the file on disk
};

struct DatasetInfo {
  DatasetName name = DatasetName::kMnist;
  Split split = Split::kTrain;
  ImageShape shape{1, 28, 28};
  // Samples loaded (columns of `features`).
  int64_t num_samples = 0;
  // Size of the full canonical split (e.g. 10,000 for every test set).
  int64_t canonical_samples = 0;
  // num_samples == canonical_samples. False for the offline CIFAR-10 test partial (1,000
  // of 10,000 images) and for small synthetic datasets: nothing may present such a split
  // as the full one.
  bool complete = false;
  // Every file had an expected SHA-256 and matched it.
  bool checksums_verified = false;
  std::string origin;
  std::string note;
  std::vector<DatasetFileRecord> files;

  // One line for logs and figure captions, e.g.
  // "CIFAR-10 test: 1000 of 10000 samples (INCOMPLETE), SHA-256 verified, origin ...".
  std::string Summary() const;
};

struct Dataset {
  Matrix features;              // Features() x num_samples, normalized, one sample per column
  std::vector<int32_t> labels;  // num_samples labels in 0..9
  DatasetInfo info;
};

// Reads and normalizes the split described by `paths`. Errors (messages name the file,
// with byte offsets and expected vs. actual values): NotFound (a file is missing; the
// message says how to provide the datasets), DataLoss (checksum mismatch, truncated or
// corrupt file, image and label counts differ, sample count differs from
// `expected_samples`), InvalidArgument (wrong magic number or format, wrong image size,
// label out of range, wrong number of files), ResourceExhausted (absurd decompressed size).
absl::StatusOr<Dataset> LoadDataset(DatasetName name, Split split, const DatasetPaths& paths);

// How to make the datasets available, for error messages (mentions tools/setup.sh
// --data-dir, VEV_DATASETS_DIR and the download fallback).
std::string DatasetProvisionHint();

}  // namespace vev::data

#endif  // VEV_LIB_DATA_DATASET_H_

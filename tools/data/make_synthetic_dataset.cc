// Writes a synthetic dataset split in the canonical file formats, plus its manifest, for
// offline tests of every reader and experiment (lib/data/synthetic_dataset.h).
//
//   bazel run //tools/data:make_synthetic_dataset -- --dataset=cifar10 --split=test
//       --samples=300 --cifar_archive --out_dir=/tmp/synth     (one command line)
//
// Output: <out_dir>/<split>.manifest and the files it lists (e.g. mnist/train-images-idx3-
// ubyte.gz, cifar-10-batches-bin/data_batch_1.bin or cifar-10-binary.tar.gz). Read it with
// vev::data::DatasetPathsFromManifestFile, or give the manifest to an experiment flag.
#include <cstdio>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/statusor.h"
#include "lib/data/dataset_name.h"
#include "lib/data/synthetic_dataset.h"

ABSL_FLAG(vev::data::DatasetName, dataset, vev::data::DatasetName::kMnist,
          "Dataset format: mnist, cifar10 or fashion_mnist.");
ABSL_FLAG(vev::data::Split, split, vev::data::Split::kTrain, "Split: train or test.");
ABSL_FLAG(int64_t, samples, 100, "Number of samples (>= 1).");
ABSL_FLAG(uint64_t, seed, 1, "Seed of the random stream.");
ABSL_FLAG(bool, gzip, true, "MNIST-style: gzip the IDX files like the canonical ones.");
ABSL_FLAG(int64_t, records_per_batch, 10000, "CIFAR-10: records per batch file (>= 1).");
ABSL_FLAG(bool, cifar_archive, false,
          "CIFAR-10: write cifar-10-binary.tar.gz (like the download) instead of loose batches.");
ABSL_FLAG(std::string, out_dir, "", "Output directory (created if needed). Required.");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Writes a synthetic dataset split and its manifest.");
  absl::ParseCommandLine(argc, argv);
  const std::string out_dir = absl::GetFlag(FLAGS_out_dir);
  if (out_dir.empty()) {
    std::fprintf(stderr, "--out_dir is required\n");
    return 2;
  }
  vev::data::SyntheticDatasetOptions options;
  options.name = absl::GetFlag(FLAGS_dataset);
  options.split = absl::GetFlag(FLAGS_split);
  options.samples = absl::GetFlag(FLAGS_samples);
  options.seed = absl::GetFlag(FLAGS_seed);
  options.gzip = absl::GetFlag(FLAGS_gzip);
  options.cifar_records_per_batch = absl::GetFlag(FLAGS_records_per_batch);
  options.cifar_archive = absl::GetFlag(FLAGS_cifar_archive);
  const absl::StatusOr<std::string> manifest = vev::data::WriteSyntheticSplit(options, out_dir);
  if (!manifest.ok()) {
    std::fprintf(stderr, "%s\n", manifest.status().ToString().c_str());
    return 2;
  }
  std::printf("%s\n", manifest->c_str());
  return 0;
}

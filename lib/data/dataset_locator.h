// Finding a dataset split's files from inside a program: through its manifest
// (lib/data/dataset_manifest.h), reached either through the Bazel runfiles of the running
// binary or through an explicit manifest path.
//
// How an experiment gets its data (both ways run the same binary unchanged):
// 1. Runfiles (default). The cc_binary lists the splits it may read in `data`, e.g.
//      data = ["//datasets:cifar10_train", "//datasets:cifar10_test"],
//    and calls DatasetPathsFromRunfiles(name, split, argv[0]). This works for
//    `bazel run //experiments/...:x -- --dataset=cifar10`, `bazel test`, and inside a
//    `vev_experiment` action (the action's inputs include the binary's runfiles).
// 2. Explicit manifest. Give the binary a flag (by convention --dataset_manifest_<split>)
//    and pass "$(location //datasets:cifar10_test_manifest)" from a vev_experiment with the
//    split in its `data`; call DatasetPathsFromManifestFile(path, name, split). File
//    paths in the manifest are relative to the manifest's directory.
// Neither way fetches anything at run time: the files were resolved (local folder from
// VEV_DATASETS_DIR, or download) and checksummed when Bazel fetched the repository; the
// loader checks every SHA-256 again when it reads the files.
#ifndef VEV_LIB_DATA_DATASET_LOCATOR_H_
#define VEV_LIB_DATA_DATASET_LOCATOR_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/data/dataset.h"
#include "lib/data/dataset_manifest.h"
#include "lib/data/dataset_name.h"

namespace vev::data {

// Runfiles path of a split's manifest: "<repository>/<split>.manifest", e.g.
// "vev_cifar10/test.manifest".
std::string ManifestRunfilesPath(DatasetName name, Split split);

// Converts a manifest to DatasetPaths; `root` is prepended (with '/') to every relative
// file path. Errors: InvalidArgument (the manifest is for another dataset or split),
// NotFound (the manifest says the split is unavailable: its reason and how to provide it).
absl::StatusOr<DatasetPaths> DatasetPathsFromManifest(const DatasetManifest& manifest,
                                                      DatasetName name, Split split,
                                                      absl::string_view root);

// Reads the manifest file at `manifest_path`; files resolve against its directory.
// Errors: those of ReadFileBytes, ParseDatasetManifest and DatasetPathsFromManifest.
absl::StatusOr<DatasetPaths> DatasetPathsFromManifestFile(absl::string_view manifest_path,
                                                          DatasetName name, Split split);

// Finds the split's manifest in the runfiles of the running program (`argv0` is argv[0];
// under `bazel test`/`bazel run` the RUNFILES_* environment is used). Errors: NotFound
// (no runfiles, or the binary has no data dependency on //datasets:<name>_<split>; or the
// split is unavailable), and those of DatasetPathsFromManifestFile.
absl::StatusOr<DatasetPaths> DatasetPathsFromRunfiles(DatasetName name, Split split,
                                                      absl::string_view argv0);

// The usual one-liner of an experiment's main(): DatasetPathsFromManifestFile if
// `manifest_path` is non-empty (a --dataset_manifest_* flag), else DatasetPathsFromRunfiles;
// then LoadDataset. Errors: those of the three.
//
//   VEV_ASSIGN_OR_RETURN(const Dataset train,
//                        LocateAndLoadDataset(absl::GetFlag(FLAGS_dataset), Split::kTrain,
//                                             argv[0], absl::GetFlag(FLAGS_train_manifest)));
absl::StatusOr<Dataset> LocateAndLoadDataset(DatasetName name, Split split,
                                             absl::string_view argv0,
                                             absl::string_view manifest_path = "");

// True for the error of a split that this machine does not have (its manifest says "not
// available": offline and no VEV_DATASETS_DIR). A missing data dependency, a corrupt file
// or a bad manifest are other errors, never "unavailable".
bool IsDatasetUnavailable(const absl::Status& status);

// LocateAndLoadDataset for runs that may proceed without the data (smoke scale on a
// machine without datasets): an unavailable split gives nullopt, after one "skipped: ..."
// line on stderr, when `skip_if_unavailable`; the caller then records data_unavailable = 1.
// Every other error, and unavailability without the flag, is returned. A loaded split's
// one-line summary goes to stderr.
absl::StatusOr<std::optional<Dataset>> LocateAndLoadDatasetIfAvailable(
    DatasetName name, Split split, absl::string_view argv0, absl::string_view manifest_path,
    bool skip_if_unavailable);

}  // namespace vev::data

#endif  // VEV_LIB_DATA_DATASET_LOCATOR_H_

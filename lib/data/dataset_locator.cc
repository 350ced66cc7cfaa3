#include "lib/data/dataset_locator.h"

#include <cstdio>
#include <memory>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"
#include "lib/data/file_bytes.h"
#include "tools/cpp/runfiles/runfiles.h"

namespace vev::data {
namespace {

using ::bazel::tools::cpp::runfiles::Runfiles;

// The words that mark an unavailable split in its NotFound error (IsDatasetUnavailable).
constexpr absl::string_view kUnavailable = " is not available: ";

std::string DirectoryOf(absl::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash == absl::string_view::npos) return ".";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

}  // namespace

std::string ManifestRunfilesPath(DatasetName name, Split split) {
  return absl::StrCat(DatasetRepositoryName(name), "/", SplitFlagName(split), ".manifest");
}

absl::StatusOr<DatasetPaths> DatasetPathsFromManifest(const DatasetManifest& manifest,
                                                      DatasetName name, Split split,
                                                      absl::string_view root) {
  if (manifest.dataset != name || manifest.split != split) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the manifest is for ", DatasetFlagName(manifest.dataset), " ",
        SplitFlagName(manifest.split), ", not ", DatasetFlagName(name), " ", SplitFlagName(split)));
  }
  if (!manifest.available) {
    return absl::NotFoundError(absl::StrCat(DatasetDisplayName(name), " ", SplitFlagName(split),
                                            kUnavailable, manifest.reason, ". ",
                                            DatasetProvisionHint()));
  }
  DatasetPaths paths;
  paths.expected_samples = manifest.samples;
  paths.origin = manifest.origin;
  paths.note = manifest.note;
  for (const ManifestFile& file : manifest.files) {
    DatasetFileRef ref;
    ref.name = file.name;
    ref.path = (!file.path.empty() && file.path[0] == '/') ? file.path
                                                           : absl::StrCat(root, "/", file.path);
    ref.member = file.member;
    ref.expected_sha256 = file.sha256;
    paths.files.push_back(std::move(ref));
  }
  return paths;
}

absl::StatusOr<DatasetPaths> DatasetPathsFromManifestFile(absl::string_view manifest_path,
                                                          DatasetName name, Split split) {
  VEV_ASSIGN_OR_RETURN(const std::string text, ReadFileBytes(manifest_path));
  VEV_ASSIGN_OR_RETURN(const DatasetManifest manifest, ParseDatasetManifest(text, manifest_path));
  return DatasetPathsFromManifest(manifest, name, split, DirectoryOf(manifest_path));
}

absl::StatusOr<DatasetPaths> DatasetPathsFromRunfiles(DatasetName name, Split split,
                                                      absl::string_view argv0) {
  std::string error;
  const std::unique_ptr<Runfiles> runfiles(Runfiles::Create(std::string(argv0), &error));
  if (runfiles == nullptr) {
    return absl::NotFoundError(absl::StrCat("cannot find the runfiles of ", argv0, " (", error,
                                            "); run the program with bazel "
                                            "run/test, or pass a dataset manifest path"));
  }
  const std::string manifest_runfile = ManifestRunfilesPath(name, split);
  const std::string manifest_path = runfiles->Rlocation(manifest_runfile);
  absl::StatusOr<std::string> text =
      manifest_path.empty() ? absl::NotFoundError("") : ReadFileBytes(manifest_path);
  if (absl::IsNotFound(text.status())) {
    return absl::NotFoundError(
        absl::StrCat("the dataset manifest ", manifest_runfile, " is not in the runfiles of ",
                     argv0, ": add \"//datasets:", DatasetFlagName(name), "_", SplitFlagName(split),
                     "\" to the binary's data = [...]"));
  }
  if (!text.ok()) return text.status();
  VEV_ASSIGN_OR_RETURN(const DatasetManifest manifest, ParseDatasetManifest(*text, manifest_path));
  VEV_ASSIGN_OR_RETURN(DatasetPaths paths, DatasetPathsFromManifest(manifest, name, split, ""));
  // Resolve each file through the runfiles too (works with a runfiles manifest and no
  // symlink tree as well as with a directory).
  for (size_t i = 0; i < paths.files.size(); ++i) {
    const ManifestFile& file = manifest.files[i];
    if (file.path[0] == '/') continue;
    const std::string runfile = absl::StrCat(DatasetRepositoryName(name), "/", file.path);
    const std::string resolved = runfiles->Rlocation(runfile);
    paths.files[i].path = resolved.empty() ? runfile : resolved;
  }
  return paths;
}

absl::StatusOr<Dataset> LocateAndLoadDataset(DatasetName name, Split split,
                                             absl::string_view argv0,
                                             absl::string_view manifest_path) {
  VEV_ASSIGN_OR_RETURN(const DatasetPaths paths,
                       manifest_path.empty()
                           ? DatasetPathsFromRunfiles(name, split, argv0)
                           : DatasetPathsFromManifestFile(manifest_path, name, split));
  return LoadDataset(name, split, paths);
}

bool IsDatasetUnavailable(const absl::Status& status) {
  return absl::IsNotFound(status) && absl::StrContains(status.message(), kUnavailable);
}

absl::StatusOr<std::optional<Dataset>> LocateAndLoadDatasetIfAvailable(
    DatasetName name, Split split, absl::string_view argv0, absl::string_view manifest_path,
    bool skip_if_unavailable) {
  absl::StatusOr<Dataset> dataset = LocateAndLoadDataset(name, split, argv0, manifest_path);
  if (dataset.ok()) {
    std::fprintf(stderr, "%s\n", dataset->info.Summary().c_str());
    return std::optional<Dataset>(std::move(*dataset));
  }
  if (skip_if_unavailable && IsDatasetUnavailable(dataset.status())) {
    std::fprintf(stderr, "skipped: %s\n", dataset.status().ToString().c_str());
    return std::optional<Dataset>();
  }
  return dataset.status();
}

}  // namespace vev::data

#include "lib/data/synthetic_dataset.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"
#include "lib/data/cifar_reader.h"
#include "lib/data/file_bytes.h"
#include "lib/data/gzip.h"
#include "lib/data/idx_reader.h"
#include "lib/data/tar_reader.h"
#include "lib/hash/sha256.h"
#include "lib/rng/random_stream.h"

namespace vev::data {
namespace {

constexpr char kCifarArchive[] = "cifar-10-binary.tar.gz";
constexpr char kCifarFolder[] = "cifar-10-batches-bin";

std::string MnistFolder(DatasetName name) {
  return name == DatasetName::kMnist ? "mnist" : "fashion-mnist";
}

// Creates every directory of `path` up to its last '/'.
absl::Status MakeParentDirectories(absl::string_view path) {
  for (size_t slash = path.find('/', 1); slash != absl::string_view::npos;
       slash = path.find('/', slash + 1)) {
    const std::string directory(path.substr(0, slash));
    if (::mkdir(directory.c_str(), 0755) != 0 && errno != EEXIST) {
      return absl::InternalError(
          absl::StrCat("cannot create directory ", directory, ": ", std::strerror(errno)));
    }
  }
  return absl::OkStatus();
}

void AddFile(SyntheticSplit& split, const std::string& name, const std::string& path,
             const std::string& member, std::string bytes) {
  ManifestFile file;
  file.name = name;
  file.path = path;
  file.member = member;
  file.sha256 = hash::Sha256Hex(bytes);
  file.bytes = static_cast<int64_t>(bytes.size());
  split.manifest.files.push_back(std::move(file));
  if (split.files.empty() || split.files.back().first != path) {
    split.files.emplace_back(path, std::move(bytes));
  }
}

}  // namespace

absl::StatusOr<SyntheticSplit> MakeSyntheticSplit(const SyntheticDatasetOptions& options) {
  if (options.samples < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("synthetic dataset: samples must be >= 1, got ", options.samples));
  }
  if (options.cifar_records_per_batch < 1) {
    return absl::InvalidArgumentError("synthetic dataset: records per batch must be >= 1");
  }
  const ImageShape shape = DatasetImageShape(options.name);
  const int64_t features = shape.Features();
  SyntheticSplit split;
  rng::RandomStream stream(options.seed, {kSyntheticStreamKey, static_cast<uint64_t>(options.name),
                                          static_cast<uint64_t>(options.split)});
  split.pixels.resize(options.samples * features);
  split.labels.resize(options.samples);
  for (int64_t i = 0; i < options.samples; ++i) {
    split.labels[i] = static_cast<uint8_t>(stream.UniformInt(kNumClasses));
    for (int64_t k = 0; k < features; ++k) {
      split.pixels[i * features + k] = static_cast<char>(stream.UniformInt(256));
    }
  }

  DatasetManifest& manifest = split.manifest;
  manifest.dataset = options.name;
  manifest.split = options.split;
  manifest.available = true;
  manifest.samples = options.samples;
  manifest.origin = absl::StrCat("synthetic (seed ", options.seed, ")");
  manifest.note = "synthetic data: uniform random pixels and labels, for tests only";

  const bool train = options.split == Split::kTrain;
  if (options.name != DatasetName::kCifar10) {
    const std::string prefix =
        absl::StrCat(MnistFolder(options.name), "/", train ? "train" : "t10k");
    std::string images = MakeIdxBytes({options.samples, shape.height, shape.width}, split.pixels);
    std::string labels = MakeIdxBytes(
        {options.samples},
        absl::string_view(reinterpret_cast<const char*>(split.labels.data()), options.samples));
    std::string suffix = "";
    if (options.gzip) {
      VEV_ASSIGN_OR_RETURN(images, Gzip(images));
      VEV_ASSIGN_OR_RETURN(labels, Gzip(labels));
      suffix = ".gz";
    }
    const std::string images_path = absl::StrCat(prefix, "-images-idx3-ubyte", suffix);
    const std::string labels_path = absl::StrCat(prefix, "-labels-idx1-ubyte", suffix);
    AddFile(split, images_path, images_path, "", std::move(images));
    AddFile(split, labels_path, labels_path, "", std::move(labels));
    return split;
  }

  // CIFAR-10 batches of at most cifar_records_per_batch records each.
  std::vector<std::pair<std::string, std::string>> batches;
  const int64_t per_batch = options.cifar_records_per_batch;
  for (int64_t first = 0, index = 1; first < options.samples; first += per_batch, ++index) {
    const int64_t count = std::min(per_batch, options.samples - first);
    const std::vector<uint8_t> labels(split.labels.begin() + first,
                                      split.labels.begin() + first + count);
    const absl::string_view images =
        absl::string_view(split.pixels).substr(first * features, count * features);
    const std::string file_name = train ? absl::StrCat("data_batch_", index, ".bin")
                                        : (index == 1 ? std::string("test_batch.bin")
                                                      : absl::StrCat("test_batch_", index, ".bin"));
    batches.emplace_back(file_name, MakeCifarBatchBytes(labels, images));
  }
  if (!options.cifar_archive) {
    for (auto& [file_name, bytes] : batches) {
      const std::string path = absl::StrCat(kCifarFolder, "/", file_name);
      AddFile(split, path, path, "", std::move(bytes));
    }
    return split;
  }
  std::vector<std::pair<std::string, std::string>> members;
  for (auto& [file_name, bytes] : batches) {
    members.emplace_back(absl::StrCat(kCifarFolder, "/", file_name), std::move(bytes));
  }
  members.emplace_back(absl::StrCat(kCifarFolder, "/batches.meta.txt"),
                       "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
  VEV_ASSIGN_OR_RETURN(const std::string archive, Gzip(MakeTar(members)));
  for (size_t i = 0; i + 1 < members.size(); ++i) {
    AddFile(split, absl::StrCat(kCifarArchive, ":", members[i].first), kCifarArchive,
            members[i].first, archive);
  }
  return split;
}

absl::StatusOr<std::string> WriteSyntheticSplit(const SyntheticDatasetOptions& options,
                                                absl::string_view root) {
  VEV_ASSIGN_OR_RETURN(const SyntheticSplit split, MakeSyntheticSplit(options));
  for (const auto& [path, bytes] : split.files) {
    const std::string full = absl::StrCat(root, "/", path);
    VEV_RETURN_IF_ERROR(MakeParentDirectories(full));
    VEV_RETURN_IF_ERROR(WriteFileBytes(full, bytes));
  }
  const std::string manifest_path =
      absl::StrCat(root, "/", SplitFlagName(options.split), ".manifest");
  VEV_RETURN_IF_ERROR(MakeParentDirectories(manifest_path));
  VEV_RETURN_IF_ERROR(WriteFileBytes(manifest_path, FormatDatasetManifest(split.manifest)));
  return manifest_path;
}

}  // namespace vev::data

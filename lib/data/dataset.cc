#include "lib/data/dataset.h"

#include <sys/mman.h>

#include <array>
#include <cstdint>
#include <map>
#include <thread>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/base/check.h"
#include "lib/base/status_macros.h"
#include "lib/data/cifar_reader.h"
#include "lib/data/file_bytes.h"
#include "lib/data/gzip.h"
#include "lib/data/idx_reader.h"
#include "lib/data/normalization.h"
#include "lib/data/tar_reader.h"
#include "lib/hash/sha256.h"

namespace vev::data {
namespace {

// A file on disk, mapped once even when several DatasetFileRefs name members of it.
struct LoadedFile {
  const DatasetFileRef* ref = nullptr;  // the first reference to this path
  MappedFile mapped;                    // bytes on disk
  std::string sha256;                   // of the mapped bytes (filled by the hash thread)
  std::string decompressed;             // Gunzip(bytes) if gzipped, else empty
  absl::string_view Content() const {
    return decompressed.empty() ? mapped.bytes() : absl::string_view(decompressed);
  }
};

absl::Status MapDatasetFile(const DatasetFileRef& ref, LoadedFile& file) {
  absl::StatusOr<MappedFile> mapped = MapFile(ref.path);
  if (!mapped.ok()) {
    if (absl::IsNotFound(mapped.status())) {
      return absl::NotFoundError(absl::StrCat("dataset file ", ref.name,
                                              " is missing: ", mapped.status().message(), ". ",
                                              DatasetProvisionHint()));
    }
    return absl::Status(mapped.status().code(),
                        absl::StrCat("dataset file ", ref.name, ": ", mapped.status().message()));
  }
  file.ref = &ref;
  file.mapped = *std::move(mapped);
  return absl::OkStatus();
}

// The first checksum mismatch among `files` (hashes computed), or OK.
absl::Status VerifyChecksums(const std::vector<LoadedFile>& files,
                             const std::vector<DatasetFileRef>& refs,
                             const std::map<std::string, size_t>& index) {
  for (const DatasetFileRef& ref : refs) {
    const LoadedFile& file = files[index.at(ref.path)];
    if (!ref.expected_sha256.empty() && file.sha256 != ref.expected_sha256) {
      return absl::DataLossError(
          absl::StrCat("checksum mismatch for dataset file ", ref.name, " (", ref.path, ", ",
                       file.mapped.bytes().size(), " bytes): expected SHA-256 ",
                       ref.expected_sha256, ", actual ", file.sha256,
                       ". Replace it with the canonical file; ", DatasetProvisionHint()));
    }
  }
  return absl::OkStatus();
}

// Asks the kernel for transparent huge pages under a large, not yet touched buffer: on
// virtual machines first-touch faults of 4 KiB pages dominate the load time of CIFAR-10's
// 614 MB feature matrix. Only a hint; errors are ignored.
void AdviseHugePages(void* data, size_t bytes) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kHuge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

// The bytes `ref` designates inside its loaded file: the whole content, or a tar member.
absl::StatusOr<absl::string_view> RefContent(const DatasetFileRef& ref, const LoadedFile& file) {
  if (ref.member.empty()) return file.Content();
  return FindTarMember(file.Content(), ref.path, ref.member);
}

std::string ErrorName(const DatasetFileRef& ref) {
  return ref.member.empty() ? ref.path : absl::StrCat(ref.path, ":", ref.member);
}

// Writes normalized samples into features.col(first..): `records` holds `count` records of
// `record_bytes` bytes whose image starts at `image_offset`; channel c of the image is the
// `plane`-byte run starting at c * plane.
void ConvertImages(absl::string_view records, int64_t count, int record_bytes, int image_offset,
                   int plane, const std::vector<std::array<float, 256>>& tables, int64_t first,
                   Matrix& features) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(records.data());
  for (int64_t j = 0; j < count; ++j) {
    const uint8_t* image = bytes + j * record_bytes + image_offset;
    float* column = features.col(first + j).data();
    for (size_t c = 0; c < tables.size(); ++c) {
      const std::array<float, 256>& table = tables[c];
      const uint8_t* src = image + c * plane;
      float* dst = column + c * plane;
      for (int k = 0; k < plane; ++k) dst[k] = table[src[k]];
    }
  }
}

// Decompresses, parses, checks and converts the mapped files into `dataset` (whose info
// has name, split and shape set).
absl::Status ParseAndConvert(const DatasetPaths& paths, std::vector<LoadedFile>& loaded,
                             const std::map<std::string, size_t>& index, Dataset& dataset) {
  const DatasetName name = dataset.info.name;
  const Split split = dataset.info.split;
  DatasetInfo& info = dataset.info;
  for (LoadedFile& file : loaded) {
    if (HasGzipMagic(file.mapped.bytes())) {
      VEV_ASSIGN_OR_RETURN(file.decompressed, Gunzip(file.mapped.bytes(), file.ref->path));
    }
  }
  auto file_of = [&](const DatasetFileRef& ref) -> const LoadedFile& {
    return loaded[index.at(ref.path)];
  };
  std::vector<std::array<float, 256>> tables;
  for (const ChannelNormalization& channel : ProtocolNormalization(name)) {
    tables.push_back(NormalizationTable(channel));
  }
  const int features = info.shape.Features();
  const int plane = info.shape.height * info.shape.width;

  if (name != DatasetName::kCifar10) {
    const DatasetFileRef& images_ref = paths.files[0];
    const DatasetFileRef& labels_ref = paths.files[1];
    VEV_ASSIGN_OR_RETURN(const absl::string_view images_bytes,
                         RefContent(images_ref, file_of(images_ref)));
    VEV_ASSIGN_OR_RETURN(const absl::string_view labels_bytes,
                         RefContent(labels_ref, file_of(labels_ref)));
    VEV_ASSIGN_OR_RETURN(
        const IdxArray images,
        ParseIdxImages(images_bytes, ErrorName(images_ref), info.shape.height, info.shape.width));
    VEV_ASSIGN_OR_RETURN(const IdxArray labels,
                         ParseIdxLabels(labels_bytes, ErrorName(labels_ref), kNumClasses));
    if (images.dims[0] != labels.dims[0]) {
      return absl::DataLossError(absl::StrCat(ErrorName(images_ref), " holds ", images.dims[0],
                                              " images but ", ErrorName(labels_ref), " holds ",
                                              labels.dims[0], " labels"));
    }
    info.num_samples = images.dims[0];
    dataset.features.resize(features, info.num_samples);
    AdviseHugePages(dataset.features.data(), dataset.features.size() * sizeof(float));
    ConvertImages(images.payload, info.num_samples, features, 0, plane, tables, 0,
                  dataset.features);
    dataset.labels.assign(labels.payload.begin(), labels.payload.end());
  } else {
    std::vector<CifarBatch> batches;
    for (const DatasetFileRef& ref : paths.files) {
      VEV_ASSIGN_OR_RETURN(const absl::string_view bytes, RefContent(ref, file_of(ref)));
      VEV_ASSIGN_OR_RETURN(const CifarBatch batch, ParseCifarBatch(bytes, ErrorName(ref)));
      batches.push_back(batch);
      info.num_samples += batch.num_records;
    }
    dataset.features.resize(features, info.num_samples);
    AdviseHugePages(dataset.features.data(), dataset.features.size() * sizeof(float));
    dataset.labels.reserve(info.num_samples);
    int64_t first = 0;
    for (const CifarBatch& batch : batches) {
      ConvertImages(batch.records, batch.num_records, kCifarRecordBytes, 1, plane, tables, first,
                    dataset.features);
      for (int64_t j = 0; j < batch.num_records; ++j) {
        dataset.labels.push_back(static_cast<uint8_t>(batch.records[j * kCifarRecordBytes]));
      }
      first += batch.num_records;
    }
  }

  if (paths.expected_samples >= 0 && info.num_samples != paths.expected_samples) {
    return absl::DataLossError(
        absl::StrCat(DatasetDisplayName(name), " ", SplitFlagName(split), ": the files hold ",
                     info.num_samples, " samples, the manifest expects ", paths.expected_samples));
  }
  info.complete = (info.num_samples == info.canonical_samples);
  return absl::OkStatus();
}

}  // namespace

std::string DatasetProvisionHint() {
  return "To provide the datasets: with internet access, leave VEV_DATASETS_DIR unset and "
         "Bazel downloads and verifies them on first use; offline, run "
         "`tools/setup.sh --data-dir DIR` (it writes `common --repo_env=VEV_DATASETS_DIR=DIR` "
         "to user.bazelrc) with DIR laid out as datasets/README.md says (mnist/*.gz, "
         "cifar-10-batches-bin/*.bin, ...); Fashion-MNIST also comes from the Debian package "
         "dataset-fashion-mnist";
}

std::string DatasetInfo::Summary() const {
  return absl::StrCat(DatasetDisplayName(name), " ", SplitFlagName(split), ": ", num_samples,
                      " of ", canonical_samples, " samples",
                      complete ? " (complete)" : " (INCOMPLETE)",
                      checksums_verified ? ", SHA-256 verified" : ", checksums NOT verified",
                      origin.empty() ? "" : absl::StrCat(", origin: ", origin),
                      note.empty() ? "" : absl::StrCat("; ", note));
}

absl::StatusOr<Dataset> LoadDataset(DatasetName name, Split split, const DatasetPaths& paths) {
  const bool is_cifar = (name == DatasetName::kCifar10);
  if (!is_cifar && paths.files.size() != 2) {
    return absl::InvalidArgumentError(absl::StrCat(DatasetDisplayName(name), " ",
                                                   SplitFlagName(split),
                                                   ": expected 2 files (images, "
                                                   "labels), got ",
                                                   paths.files.size()));
  }
  if (is_cifar && paths.files.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("CIFAR-10 ", SplitFlagName(split), ": no batch files given"));
  }

  Dataset dataset;
  DatasetInfo& info = dataset.info;
  info.name = name;
  info.split = split;
  info.shape = DatasetImageShape(name);
  info.canonical_samples = CanonicalSamples(name, split);
  info.origin = paths.origin;
  info.note = paths.note;
  info.checksums_verified = true;

  // Map every distinct file once.
  std::vector<LoadedFile> loaded;
  std::map<std::string, size_t> index;  // path -> position in `loaded`
  loaded.reserve(paths.files.size());
  for (const DatasetFileRef& ref : paths.files) {
    if (index.count(ref.path) == 0) {
      index.emplace(ref.path, loaded.size());
      loaded.emplace_back();
      VEV_RETURN_IF_ERROR(MapDatasetFile(ref, loaded.back()));
    }
    if (ref.expected_sha256.empty()) info.checksums_verified = false;
  }
  // SHA-256 on a second thread while this one decompresses, parses and converts; the
  // result is returned only after every checksum matched. A parse error of a file whose
  // checksum also mismatches is reported as the checksum mismatch (the root cause).
  std::thread hasher([&loaded] {
    for (LoadedFile& file : loaded) file.sha256 = hash::Sha256Hex(file.mapped.bytes());
  });
  const absl::Status parsed = ParseAndConvert(paths, loaded, index, dataset);
  hasher.join();
  VEV_RETURN_IF_ERROR(VerifyChecksums(loaded, paths.files, index));
  VEV_RETURN_IF_ERROR(parsed);
  for (const DatasetFileRef& ref : paths.files) {
    const LoadedFile& file = loaded[index.at(ref.path)];
    info.files.push_back(
        DatasetFileRecord{ref.name, file.sha256, static_cast<int64_t>(file.mapped.bytes().size())});
  }
  return dataset;
}

}  // namespace vev::data

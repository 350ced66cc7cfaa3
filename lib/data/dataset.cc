#include "lib/data/dataset.h"

#include <array>
#include <map>
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
#include "lib/data/sha256.h"
#include "lib/data/tar_reader.h"

namespace vev::data {
namespace {

// A file on disk, read once even when several DatasetFileRefs name members of it.
struct LoadedFile {
  std::string raw;           // bytes on disk
  std::string sha256;        // of `raw`
  std::string decompressed;  // Gunzip(raw) if `raw` is gzipped, else empty
  absl::string_view Content() const { return decompressed.empty() ? raw : decompressed; }
};

absl::StatusOr<LoadedFile> ReadAndVerify(const DatasetFileRef& ref) {
  absl::StatusOr<std::string> raw = ReadFileBytes(ref.path);
  if (!raw.ok()) {
    if (absl::IsNotFound(raw.status())) {
      return absl::NotFoundError(absl::StrCat("dataset file ", ref.name, " is missing: ",
                                              raw.status().message(), ". ",
                                              DatasetProvisionHint()));
    }
    return absl::Status(raw.status().code(),
                        absl::StrCat("dataset file ", ref.name, ": ", raw.status().message()));
  }
  LoadedFile file;
  file.raw = *std::move(raw);
  file.sha256 = Sha256Hex(file.raw);
  if (!ref.expected_sha256.empty() && file.sha256 != ref.expected_sha256) {
    return absl::DataLossError(absl::StrCat(
        "checksum mismatch for dataset file ", ref.name, " (", ref.path, ", ", file.raw.size(),
        " bytes): expected SHA-256 ", ref.expected_sha256, ", actual ", file.sha256,
        ". Replace it with the canonical file; ", DatasetProvisionHint()));
  }
  if (HasGzipMagic(file.raw)) {
    VEV_ASSIGN_OR_RETURN(file.decompressed, Gunzip(file.raw, ref.path));
  }
  return file;
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
  return absl::StrCat(
      DatasetDisplayName(name), " ", SplitFlagName(split), ": ", num_samples, " of ",
      canonical_samples, " samples", complete ? " (complete)" : " (INCOMPLETE)",
      checksums_verified ? ", SHA-256 verified" : ", checksums NOT verified",
      origin.empty() ? "" : absl::StrCat(", origin: ", origin),
      note.empty() ? "" : absl::StrCat("; ", note));
}

absl::StatusOr<Dataset> LoadDataset(DatasetName name, Split split, const DatasetPaths& paths) {
  const bool is_cifar = (name == DatasetName::kCifar10);
  if (!is_cifar && paths.files.size() != 2) {
    return absl::InvalidArgumentError(absl::StrCat(
        DatasetDisplayName(name), " ", SplitFlagName(split), ": expected 2 files (images, "
        "labels), got ", paths.files.size()));
  }
  if (is_cifar && paths.files.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("CIFAR-10 ", SplitFlagName(split),
                                                   ": no batch files given"));
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

  // Read (and hash, and gunzip) every distinct file once.
  std::map<std::string, LoadedFile> loaded;
  for (const DatasetFileRef& ref : paths.files) {
    if (loaded.count(ref.path) == 0) {
      VEV_ASSIGN_OR_RETURN(LoadedFile file, ReadAndVerify(ref));
      loaded.emplace(ref.path, std::move(file));
    }
    const LoadedFile& file = loaded.at(ref.path);
    info.files.push_back(
        DatasetFileRecord{ref.name, file.sha256, static_cast<int64_t>(file.raw.size())});
    if (ref.expected_sha256.empty()) info.checksums_verified = false;
  }

  std::vector<std::array<float, 256>> tables;
  for (const ChannelNormalization& channel : ProtocolNormalization(name)) {
    tables.push_back(NormalizationTable(channel));
  }
  const int features = info.shape.Features();
  const int plane = info.shape.height * info.shape.width;

  if (!is_cifar) {
    const DatasetFileRef& images_ref = paths.files[0];
    const DatasetFileRef& labels_ref = paths.files[1];
    VEV_ASSIGN_OR_RETURN(const absl::string_view images_bytes,
                         RefContent(images_ref, loaded.at(images_ref.path)));
    VEV_ASSIGN_OR_RETURN(const absl::string_view labels_bytes,
                         RefContent(labels_ref, loaded.at(labels_ref.path)));
    VEV_ASSIGN_OR_RETURN(const IdxArray images,
                         ParseIdxImages(images_bytes, ErrorName(images_ref), info.shape.height,
                                        info.shape.width));
    VEV_ASSIGN_OR_RETURN(const IdxArray labels,
                         ParseIdxLabels(labels_bytes, ErrorName(labels_ref), kNumClasses));
    if (images.dims[0] != labels.dims[0]) {
      return absl::DataLossError(absl::StrCat(
          ErrorName(images_ref), " holds ", images.dims[0], " images but ",
          ErrorName(labels_ref), " holds ", labels.dims[0], " labels"));
    }
    info.num_samples = images.dims[0];
    dataset.features.resize(features, info.num_samples);
    ConvertImages(images.payload, info.num_samples, features, 0, plane, tables, 0,
                  dataset.features);
    dataset.labels.assign(labels.payload.begin(), labels.payload.end());
  } else {
    std::vector<CifarBatch> batches;
    for (const DatasetFileRef& ref : paths.files) {
      VEV_ASSIGN_OR_RETURN(const absl::string_view bytes, RefContent(ref, loaded.at(ref.path)));
      VEV_ASSIGN_OR_RETURN(const CifarBatch batch, ParseCifarBatch(bytes, ErrorName(ref)));
      batches.push_back(batch);
      info.num_samples += batch.num_records;
    }
    dataset.features.resize(features, info.num_samples);
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
    return absl::DataLossError(absl::StrCat(
        DatasetDisplayName(name), " ", SplitFlagName(split), ": the files hold ",
        info.num_samples, " samples, the manifest expects ", paths.expected_samples));
  }
  info.complete = (info.num_samples == info.canonical_samples);
  return dataset;
}

}  // namespace vev::data

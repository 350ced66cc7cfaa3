#include "lib/data/dataset_record.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "protos/result.pb.h"

namespace vev::data {
namespace {

void AddScalar(Result& result, const std::string& name, double value,
               const std::string& description) {
  Scalar* scalar = result.add_scalars();
  scalar->set_name(name);
  scalar->set_value(value);
  scalar->set_std_error(0.0);
  scalar->set_description(description);
}

}  // namespace

void RecordDataset(const DatasetInfo& info, Result& result) {
  Provenance& provenance = *result.mutable_provenance();
  for (const DatasetFileRecord& file : info.files) {
    bool seen = false;
    for (const DatasetFile& existing : provenance.datasets()) {
      if (existing.name() == file.name) seen = true;
    }
    if (seen) continue;
    DatasetFile* entry = provenance.add_datasets();
    entry->set_name(file.name);
    entry->set_sha256(file.sha256);
    entry->set_bytes(file.bytes);
  }
  const std::string prefix =
      absl::StrCat(DatasetFlagName(info.name), "_", SplitFlagName(info.split));
  AddScalar(result, absl::StrCat(prefix, "_samples"), static_cast<double>(info.num_samples),
            absl::StrCat("Samples of the ", DatasetDisplayName(info.name), " ",
                         SplitFlagName(info.split), " split used: ", info.Summary()));
  AddScalar(result, absl::StrCat(prefix, "_canonical_samples"),
            static_cast<double>(info.canonical_samples), "Samples of the full canonical split");
  AddScalar(result, absl::StrCat(prefix, "_complete"), info.complete ? 1.0 : 0.0,
            "1 if the full canonical split was used, 0 if only part of it");
}

}  // namespace vev::data

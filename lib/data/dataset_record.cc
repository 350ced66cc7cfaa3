#include "lib/data/dataset_record.h"

#include "absl/strings/str_cat.h"
#include "protos/result.pb.h"

namespace vev::data {

void RecordDataset(const DatasetInfo& info, io::ExperimentRun& run) {
  Provenance& provenance = *run.result().mutable_provenance();
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
  run.AddScalar(absl::StrCat(prefix, "_samples"), static_cast<double>(info.num_samples), 0.0,
                absl::StrCat("Samples of the ", DatasetDisplayName(info.name), " ",
                             SplitFlagName(info.split), " split used: ", info.Summary()));
  run.AddScalar(absl::StrCat(prefix, "_canonical_samples"),
                static_cast<double>(info.canonical_samples), 0.0,
                "Samples of the full canonical split");
  run.AddScalar(absl::StrCat(prefix, "_complete"), info.complete ? 1.0 : 0.0, 0.0,
                "1 if the full canonical split was used, 0 if only part of it");
}

}  // namespace vev::data

#include "experiments/theory_checks/training_data.h"

#include <cstdio>
#include <utility>

#include "absl/strings/match.h"
#include "lib/data/dataset_locator.h"

namespace vev::theory_checks {

bool IsDatasetUnavailable(const absl::Status& status) {
  return absl::IsNotFound(status) && absl::StrContains(status.message(), "is not available");
}

absl::StatusOr<std::optional<data::Dataset>> LoadTrainingSet(data::DatasetName name,
                                                             absl::string_view argv0,
                                                             bool skip_if_unavailable) {
  const absl::StatusOr<data::DatasetPaths> paths =
      data::DatasetPathsFromRunfiles(name, data::Split::kTrain, argv0);
  if (!paths.ok()) {
    if (skip_if_unavailable && IsDatasetUnavailable(paths.status())) {
      std::fprintf(stderr, "skipped: dataset not available: %s\n",
                   paths.status().ToString().c_str());
      return std::optional<data::Dataset>();
    }
    return paths.status();
  }
  absl::StatusOr<data::Dataset> dataset = data::LoadDataset(name, data::Split::kTrain, *paths);
  if (!dataset.ok()) return dataset.status();
  std::fprintf(stderr, "%s\n", dataset->info.Summary().c_str());
  return std::optional<data::Dataset>(std::move(*dataset));
}

}  // namespace vev::theory_checks

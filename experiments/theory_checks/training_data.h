// Loading the training split an experiment of this folder needs, with the opt-out of
// smoke-scale runs on machines without the datasets: a split whose manifest says it is
// not available (offline, no VEV_DATASETS_DIR) is reported as absent instead of an error
// when `skip_if_unavailable` is set; the experiment then writes `data_unavailable = 1`.
#ifndef VEV_EXPERIMENTS_THEORY_CHECKS_TRAINING_DATA_H_
#define VEV_EXPERIMENTS_THEORY_CHECKS_TRAINING_DATA_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/data/dataset.h"
#include "lib/data/dataset_name.h"

namespace vev::theory_checks {

// True for the locator's "split is not available" error (NotFound naming the reason).
bool IsDatasetUnavailable(const absl::Status& status);

// The training split of `name`, found through the runfiles of `argv0`. Returns nullopt if
// it is unavailable and `skip_if_unavailable`; other errors (and unavailability without
// the flag) are returned. Prints the split's summary line to stderr.
absl::StatusOr<std::optional<data::Dataset>> LoadTrainingSet(data::DatasetName name,
                                                             absl::string_view argv0,
                                                             bool skip_if_unavailable);

}  // namespace vev::theory_checks

#endif  // VEV_EXPERIMENTS_THEORY_CHECKS_TRAINING_DATA_H_

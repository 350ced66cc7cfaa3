// Recording which data an experiment used, in its result (protos/result.proto): every file
// with its SHA-256 and size in Provenance.datasets, and, as scalars, how many samples of
// the split were used and whether the split is complete. Issue item 5: a result computed
// on the offline CIFAR-10 test partial says so (cifar10_test_samples = 1000,
// cifar10_test_complete = 0), and figures print it from there.
#ifndef VEV_LIB_DATA_DATASET_RECORD_H_
#define VEV_LIB_DATA_DATASET_RECORD_H_

#include "lib/data/dataset.h"
#include "protos/result.pb.h"

namespace vev::data {

// Adds to `result` (an experiment's, e.g. io::ExperimentRun::result(); taking the proto
// keeps lib/data independent of lib/io): one Provenance.datasets entry per file of `info`
// (skipping a name already recorded), and the scalars "<dataset>_<split>_samples" (samples
// used), "<dataset>_<split>_canonical_samples" and "<dataset>_<split>_complete" (1 or 0),
// e.g. "cifar10_test_samples". Call once per split used.
void RecordDataset(const DatasetInfo& info, Result& result);

}  // namespace vev::data

#endif  // VEV_LIB_DATA_DATASET_RECORD_H_

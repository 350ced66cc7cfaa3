// The datasets of the experiments (vanishing-variance paper, Sec. 6: MNIST and CIFAR-10;
// Fashion-MNIST as an extra offline check) and their splits, with the facts every reader
// needs: image geometry, class count and the size of each canonical split.
//
// DatasetName and Split are flag types: `--dataset=mnist|cifar10|fashion_mnist`,
// `--split=train|test` (AbslParseFlag / AbslUnparseFlag below).
#ifndef VEV_LIB_DATA_DATASET_NAME_H_
#define VEV_LIB_DATA_DATASET_NAME_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace vev::data {

enum class DatasetName { kMnist, kCifar10, kFashionMnist };
enum class Split { kTrain, kTest };

// Image geometry. Features of one sample are flattened channel-major (C, H, W): index
// c * height * width + y * width + x.
struct ImageShape {
  int channels;
  int height;
  int width;
  int Features() const { return channels * height * width; }
};

inline constexpr int kNumClasses = 10;

// The flag spelling: "mnist", "cifar10", "fashion_mnist"; "train", "test".
std::string DatasetFlagName(DatasetName name);
std::string SplitFlagName(Split split);
// Human-readable name: "MNIST", "CIFAR-10", "Fashion-MNIST".
std::string DatasetDisplayName(DatasetName name);
// Bazel repository holding the dataset's files (datasets/repositories.bzl), e.g. "vev_mnist".
std::string DatasetRepositoryName(DatasetName name);

// MNIST and Fashion-MNIST: 1 x 28 x 28; CIFAR-10: 3 x 32 x 32.
ImageShape DatasetImageShape(DatasetName name);

// Number of samples of the full canonical split: 60,000 / 10,000 (MNIST, Fashion-MNIST),
// 50,000 / 10,000 (CIFAR-10).
int64_t CanonicalSamples(DatasetName name, Split split);

// Flag support (found by ADL). Parse accepts exactly the flag spellings above.
bool AbslParseFlag(absl::string_view text, DatasetName* name, std::string* error);
std::string AbslUnparseFlag(DatasetName name);
bool AbslParseFlag(absl::string_view text, Split* split, std::string* error);
std::string AbslUnparseFlag(Split split);

}  // namespace vev::data

#endif  // VEV_LIB_DATA_DATASET_NAME_H_

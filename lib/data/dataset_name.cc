#include "lib/data/dataset_name.h"

#include "absl/strings/str_cat.h"
#include "lib/base/check.h"

namespace vev::data {

std::string DatasetFlagName(DatasetName name) {
  switch (name) {
    case DatasetName::kMnist:
      return "mnist";
    case DatasetName::kCifar10:
      return "cifar10";
    case DatasetName::kFashionMnist:
      return "fashion_mnist";
  }
  VEV_CHECK(false);
  return "";
}

std::string SplitFlagName(Split split) { return split == Split::kTrain ? "train" : "test"; }

std::string DatasetDisplayName(DatasetName name) {
  switch (name) {
    case DatasetName::kMnist:
      return "MNIST";
    case DatasetName::kCifar10:
      return "CIFAR-10";
    case DatasetName::kFashionMnist:
      return "Fashion-MNIST";
  }
  VEV_CHECK(false);
  return "";
}

std::string DatasetRepositoryName(DatasetName name) {
  return absl::StrCat("vev_", DatasetFlagName(name));
}

ImageShape DatasetImageShape(DatasetName name) {
  if (name == DatasetName::kCifar10) return ImageShape{3, 32, 32};
  return ImageShape{1, 28, 28};
}

int64_t CanonicalSamples(DatasetName name, Split split) {
  if (split == Split::kTest) return 10000;
  return name == DatasetName::kCifar10 ? 50000 : 60000;
}

bool AbslParseFlag(absl::string_view text, DatasetName* name, std::string* error) {
  for (const DatasetName candidate :
       {DatasetName::kMnist, DatasetName::kCifar10, DatasetName::kFashionMnist}) {
    if (text == DatasetFlagName(candidate)) {
      *name = candidate;
      return true;
    }
  }
  *error = absl::StrCat("unknown dataset '", text, "'; expected mnist, cifar10 or fashion_mnist");
  return false;
}

std::string AbslUnparseFlag(DatasetName name) { return DatasetFlagName(name); }

bool AbslParseFlag(absl::string_view text, Split* split, std::string* error) {
  if (text == "train") {
    *split = Split::kTrain;
    return true;
  }
  if (text == "test") {
    *split = Split::kTest;
    return true;
  }
  *error = absl::StrCat("unknown split '", text, "'; expected train or test");
  return false;
}

std::string AbslUnparseFlag(Split split) { return SplitFlagName(split); }

}  // namespace vev::data

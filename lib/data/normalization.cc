#include "lib/data/normalization.h"

namespace vev::data {

std::vector<ChannelNormalization> ProtocolNormalization(DatasetName name) {
  switch (name) {
    case DatasetName::kMnist:
      return {{0.1307, 0.3081}};
    case DatasetName::kCifar10:
      return {{0.4914, 0.2023}, {0.4822, 0.1994}, {0.4465, 0.2010}};
    case DatasetName::kFashionMnist:
      return {{0.2860, 0.3530}};
  }
  return {};
}

float NormalizePixel(uint8_t pixel, const ChannelNormalization& channel) {
  // Spelled out one rounding step at a time; -ffp-contract=off (tools/copts.bzl) keeps the
  // compiler from fusing anything, and there is no multiply to fuse anyway.
  const float x = static_cast<float>(pixel) / 255.0f;
  const float mean = static_cast<float>(channel.mean);
  const float std = static_cast<float>(channel.std);
  const float centered = x - mean;
  return centered / std;
}

std::array<float, 256> NormalizationTable(const ChannelNormalization& channel) {
  std::array<float, 256> table;
  for (int p = 0; p < 256; ++p) table[p] = NormalizePixel(static_cast<uint8_t>(p), channel);
  return table;
}

}  // namespace vev::data

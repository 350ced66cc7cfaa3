// The input preprocessing of PROTOCOL.md ("Preprocessing"), bit for bit as the reference
// code computes it with torchvision 0.14: ToTensor gives x = float32(p) / 255 (one float32
// division), then Normalize gives (x - mean) / std with mean and std rounded to float32
// (one float32 subtraction, then one float32 division; not a multiplication by 1/std).
// Each pixel byte p therefore maps to exactly one float per channel; readers apply that map
// through a 256-entry table per channel, which gives the same bits as the formula.
#ifndef VEV_LIB_DATA_NORMALIZATION_H_
#define VEV_LIB_DATA_NORMALIZATION_H_

#include <array>
#include <cstdint>
#include <vector>

#include "lib/data/dataset_name.h"

namespace vev::data {

// Per-channel constants, as written in PROTOCOL.md (double literals; rounded to float32
// when used, like torch.as_tensor(mean, dtype=float32)).
struct ChannelNormalization {
  double mean;
  double std;
};

// MNIST: mean 0.1307, std 0.3081. CIFAR-10: mean (0.4914, 0.4822, 0.4465), std (0.2023,
// 0.1994, 0.2010) (the reference's widely copied values; the true per-channel standard
// deviations are about 0.2470, 0.2435, 0.2616, so normalized CIFAR-10 pixels have variance
// about 1.5). Fashion-MNIST (not in PROTOCOL.md; its training-set mean and population std to
// four digits, as commonly used): mean 0.2860, std 0.3530. One entry per channel.
std::vector<ChannelNormalization> ProtocolNormalization(DatasetName name);

// The normalized value of pixel byte `pixel`: ((float)pixel / 255.0f - (float)mean) /
// (float)std, each operation rounded to float32.
float NormalizePixel(uint8_t pixel, const ChannelNormalization& channel);

// NormalizePixel for all 256 byte values.
std::array<float, 256> NormalizationTable(const ChannelNormalization& channel);

}  // namespace vev::data

#endif  // VEV_LIB_DATA_NORMALIZATION_H_

#include "lib/data/normalization.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "gtest/gtest.h"

namespace vev::data {
namespace {

uint32_t Bits(float x) {
  uint32_t bits;
  std::memcpy(&bits, &x, sizeof(bits));
  return bits;
}

TEST(Normalization, ProtocolConstants) {
  const auto mnist = ProtocolNormalization(DatasetName::kMnist);
  ASSERT_EQ(mnist.size(), 1u);
  EXPECT_EQ(mnist[0].mean, 0.1307);
  EXPECT_EQ(mnist[0].std, 0.3081);
  const auto cifar = ProtocolNormalization(DatasetName::kCifar10);
  ASSERT_EQ(cifar.size(), 3u);
  EXPECT_EQ(cifar[0].mean, 0.4914);
  EXPECT_EQ(cifar[1].mean, 0.4822);
  EXPECT_EQ(cifar[2].mean, 0.4465);
  EXPECT_EQ(cifar[0].std, 0.2023);
  EXPECT_EQ(cifar[1].std, 0.1994);
  EXPECT_EQ(cifar[2].std, 0.2010);
  EXPECT_EQ(ProtocolNormalization(DatasetName::kFashionMnist).size(), 1u);
}

// Bit patterns of fl32(fl32(fl32(p / 255) - mean32) / std32), computed independently in
// Python by rounding each exact double operation to float32 (correct for +, -, / since
// 53 >= 2 * 24 + 2). Several of these differ from the multiply-by-1/std variant
// (p = 1 for MNIST; 255 for CIFAR red; 1 and 128 for CIFAR blue), so the test pins the
// operation order torchvision uses.
TEST(Normalization, MatchesTorchvisionFloat32OperationOrderBitForBit) {
  const ChannelNormalization mnist{0.1307, 0.3081};
  EXPECT_EQ(Bits(NormalizePixel(0, mnist)), 0xbed93271u);
  EXPECT_EQ(Bits(NormalizePixel(1, mnist)), 0xbed2ae20u);
  EXPECT_EQ(Bits(NormalizePixel(128, mnist)), 0x3f9a3d7au);
  EXPECT_EQ(Bits(NormalizePixel(255, mnist)), 0x4034933du);
  const ChannelNormalization red{0.4914, 0.2023};
  EXPECT_EQ(Bits(NormalizePixel(0, red)), 0xc01b75d0u);
  EXPECT_EQ(Bits(NormalizePixel(1, red)), 0xc01a3836u);
  EXPECT_EQ(Bits(NormalizePixel(128, red)), 0x3d55d38fu);
  EXPECT_EQ(Bits(NormalizePixel(255, red)), 0x4020e6d1u);
  const ChannelNormalization blue{0.4465, 0.2010};
  EXPECT_EQ(Bits(NormalizePixel(0, blue)), 0xc00e2b4eu);
  EXPECT_EQ(Bits(NormalizePixel(1, blue)), 0xc00ceba5u);
  EXPECT_EQ(Bits(NormalizePixel(128, blue)), 0x3e8d45f7u);
  EXPECT_EQ(Bits(NormalizePixel(255, blue)), 0x40303d22u);
}

TEST(Normalization, TableEqualsFormulaForEveryByte) {
  for (const ChannelNormalization& channel : ProtocolNormalization(DatasetName::kCifar10)) {
    const std::array<float, 256> table = NormalizationTable(channel);
    for (int p = 0; p < 256; ++p) {
      EXPECT_EQ(Bits(table[p]), Bits(NormalizePixel(static_cast<uint8_t>(p), channel)));
      // And within float rounding of the exact value: the roundings of p/255 (<= 2^-24),
      // of the mean (<= 2^-25) and of the difference (<= 2^-24), divided by std >= 0.19,
      // plus the std's and the quotient's relative roundings: < 1e-6 * max(1, |value|).
      const double exact = (p / 255.0 - channel.mean) / channel.std;
      EXPECT_NEAR(table[p], exact, 1e-6 * std::max(1.0, std::abs(exact))) << "p=" << p;
    }
  }
}

}  // namespace
}  // namespace vev::data

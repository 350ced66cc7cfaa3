#include "lib/base/flush_denormals.h"

#include <cmath>
#include <limits>

#include "gtest/gtest.h"

namespace vev {
namespace {

// volatile keeps the compiler from folding the products at compile time.
float Product(float a, float b) {
  volatile float x = a, y = b;
  return x * y;
}

constexpr float kMinNormal = std::numeric_limits<float>::min();  // 2^-126

TEST(ScopedFlushDenormals, FlushesSubnormalResultsAndInputsOnlyWhileAlive) {
  // 2^-126 * 2^-3 = 2^-129 is subnormal under IEEE rules.
  EXPECT_EQ(std::fpclassify(Product(kMinNormal, 0.125f)), FP_SUBNORMAL);
  const float subnormal = Product(kMinNormal, 0.125f);
  {
    const ScopedFlushDenormals flush;
    EXPECT_EQ(Product(kMinNormal, 0.125f), 0.0f);             // FTZ: the result
    EXPECT_EQ(Product(subnormal, 1024.0f), 0.0f);             // DAZ: the operand (else 2^-119)
    EXPECT_EQ(Product(kMinNormal, 2.0f), 2.0f * kMinNormal);  // normal values untouched
  }
  EXPECT_EQ(Product(subnormal, 1024.0f), std::ldexp(1.0f, -119));
}

TEST(ScopedFlushDenormals, NestsAndRestoresThePreviousMode) {
  const ScopedFlushDenormals outer;
  { const ScopedFlushDenormals inner; }
  EXPECT_EQ(Product(kMinNormal, 0.125f), 0.0f);  // still flushed after the inner one
}

}  // namespace
}  // namespace vev

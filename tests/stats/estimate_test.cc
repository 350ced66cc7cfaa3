// Tests of the batch-means standard error (lib/stats/estimate.h).
#include "lib/stats/estimate.h"

#include <cmath>
#include <limits>
#include <vector>

#include "gtest/gtest.h"

namespace vev::stats {
namespace {

// {1, 2, 3, 4, 10}: mean 4, sample variance 12.5 (ddof = 1), SE sqrt(12.5 / 5).
TEST(BatchMeans, HandComputed) {
  const Estimate e = BatchMeans(std::vector<double>{1, 2, 3, 4, 10});
  EXPECT_DOUBLE_EQ(e.value, 4.0);
  EXPECT_DOUBLE_EQ(e.std_error, std::sqrt(2.5));
  EXPECT_DOUBLE_EQ(e.ZScore(4.0 + 2.0 * std::sqrt(2.5)), -2.0);
}

TEST(BatchMeans, ConstantBatchesHaveZeroError) {
  const Estimate e = BatchMeans(std::vector<double>{0.25, 0.25, 0.25});
  EXPECT_EQ(e.value, 0.25);
  EXPECT_EQ(e.std_error, 0.0);
  EXPECT_TRUE(std::isinf(e.ZScore(0.0)));
}

}  // namespace
}  // namespace vev::stats

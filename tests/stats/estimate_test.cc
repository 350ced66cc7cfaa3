// Tests of the batch-means standard error and inverse-variance pooling (lib/stats/estimate.h).
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

// (1 +- 1) and (4 +- 0.5): weights 1 and 4, value (1 + 16) / 5 = 3.4, SE 1 / sqrt(5).
TEST(InverseVarianceMean, HandComputed) {
  const Estimate e = InverseVarianceMean(std::vector<Estimate>{{1.0, 1.0}, {4.0, 0.5}});
  EXPECT_DOUBLE_EQ(e.value, 3.4);
  EXPECT_DOUBLE_EQ(e.std_error, 1.0 / std::sqrt(5.0));
}

// Equal SEs: the plain mean, with SE se / sqrt(k) (the SE of the mean of k independent
// estimates); a single estimate is returned unchanged.
TEST(InverseVarianceMean, EqualErrorsGiveThePlainMean) {
  const Estimate e =
      InverseVarianceMean(std::vector<Estimate>{{2.0, 0.3}, {5.0, 0.3}, {-1.0, 0.3}, {6.0, 0.3}});
  EXPECT_DOUBLE_EQ(e.value, 3.0);
  EXPECT_DOUBLE_EQ(e.std_error, 0.15);
  const Estimate one = InverseVarianceMean(std::vector<Estimate>{{7.5, 0.2}});
  EXPECT_DOUBLE_EQ(one.value, 7.5);
  EXPECT_DOUBLE_EQ(one.std_error, 0.2);
}

}  // namespace
}  // namespace vev::stats

#include "lib/stats/rank_correlation.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"

namespace vev::stats {
namespace {

TEST(AverageRanks, AveragesTies) {
  EXPECT_EQ(AverageRanks(std::vector<double>{10, 20, 20, 5}),
            (std::vector<double>{2, 3.5, 3.5, 1}));
}

// Hand-computed: x = {1, 2, 3, 4, 5}, y = {5, 6, 7, 8, 7}: ranks y = {1, 2, 3.5, 5, 3.5};
// centered x ranks {-2, -1, 0, 1, 2}, y ranks {-2, -1, 0.5, 2, 0.5}:
// sxy = 4 + 1 + 0 + 2 + 1 = 8, sxx = 10, syy = 4 + 1 + 0.25 + 4 + 0.25 = 9.5,
// rho = 8 / sqrt(95) = 0.820782681668123 (scipy.stats.spearmanr gives the same).
TEST(SpearmanCorrelation, HandComputedWithTies) {
  EXPECT_NEAR(SpearmanCorrelation(std::vector<double>{1, 2, 3, 4, 5},
                                  std::vector<double>{5, 6, 7, 8, 7}),
              8.0 / std::sqrt(95.0), 1e-15);
}

TEST(SpearmanCorrelation, MonotoneMapsGivePlusMinusOne) {
  const std::vector<double> x = {0.1, 3, 7, 1e6, 2};
  std::vector<double> up, down;
  for (double v : x) up.push_back(std::log(v)), down.push_back(-v * v);
  EXPECT_DOUBLE_EQ(SpearmanCorrelation(x, up), 1.0);
  EXPECT_DOUBLE_EQ(SpearmanCorrelation(x, down), -1.0);
  EXPECT_TRUE(std::isnan(SpearmanCorrelation(x, std::vector<double>(5, 1.0))));
}

}  // namespace
}  // namespace vev::stats

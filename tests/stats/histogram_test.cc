// Tests of the fixed-bin histogram (lib/stats/histogram.h): numpy's edges and bin rules,
// under/overflow, density normalization and merging.
#include "lib/stats/histogram.h"

#include <cmath>
#include <limits>

#include "gtest/gtest.h"
#include "lib/rng/random_stream.h"

namespace vev::stats {
namespace {

// numpy.histogram([0.3, 0.0, 1.0, 0.7, 0.3], bins=10, range=(0, 1)) gives
// [1, 0, 2, 0, 0, 0, 1, 0, 0, 1]: the edges are 3 * 0.1 = 0.30000000000000004 and
// 7 * 0.1 = 0.7000000000000001, so 0.3 and 0.7 fall *below* them; 1.0 is in the last bin.
TEST(Histogram, MatchesNumpyBinning) {
  Histogram h(0.0, 1.0, 10);
  h.AddAll({0.3, 0.0, 1.0, 0.7, 0.3});
  const std::vector<int64_t> expected = {1, 0, 2, 0, 0, 0, 1, 0, 0, 1};
  EXPECT_EQ(h.counts(), expected);
  EXPECT_EQ(h.Edge(3), 0.30000000000000004);
  EXPECT_EQ(h.Edge(10), 1.0);
  EXPECT_EQ(h.underflow(), 0);
  EXPECT_EQ(h.overflow(), 0);
}

TEST(Histogram, EdgesAreHalfOpenExceptTheLast) {
  Histogram h(-2.0, 2.0, 4);  // edges -2, -1, 0, 1, 2
  EXPECT_EQ(h.BinIndex(-2.0), 0);
  EXPECT_EQ(h.BinIndex(std::nextafter(-1.0, -5.0)), 0);
  EXPECT_EQ(h.BinIndex(-1.0), 1);
  EXPECT_EQ(h.BinIndex(0.0), 2);
  EXPECT_EQ(h.BinIndex(2.0), 3);
  EXPECT_EQ(h.BinIndex(std::nextafter(-2.0, -5.0)), -1);
  EXPECT_EQ(h.BinIndex(std::nextafter(2.0, 5.0)), 4);
  EXPECT_EQ(h.BinCenter(0), -1.5);
  EXPECT_EQ(h.BinWidth(3), 1.0);
}

// Every value lands in the bin whose edges bracket it, for awkward ranges and bin counts.
TEST(Histogram, BinIndexConsistentWithEdges) {
  rng::RandomStream stream(3, {1});
  for (const int bins : {1, 3, 7, 100, 999}) {
    Histogram h(-0.1, 0.7, bins);
    for (int i = 0; i < 2000; ++i) {
      const double x = -0.1 + 0.8 * stream.Uniform01();
      const int b = h.BinIndex(x);
      ASSERT_GE(b, 0);
      ASSERT_LT(b, bins);
      EXPECT_LE(h.Edge(b), x);
      if (b < bins - 1) {
        EXPECT_LT(x, h.Edge(b + 1));
      }
    }
    // Exact edges go to the bin they open.
    for (int i = 0; i < bins; ++i) EXPECT_EQ(h.BinIndex(h.Edge(i)), i);
  }
}

TEST(Histogram, OutOfRangeAndNanCountInTotalAndDensity) {
  Histogram h(0.0, 1.0, 2);
  h.AddAll({-1.0, 0.25, 0.75, 0.8, 2.0, std::numeric_limits<double>::quiet_NaN(),
            std::numeric_limits<double>::infinity()});
  EXPECT_EQ(h.underflow(), 1);
  EXPECT_EQ(h.overflow(), 2);
  EXPECT_EQ(h.nan_count(), 1);
  EXPECT_EQ(h.total(), 7);
  // 1 of 7 values in [0, 0.5), width 0.5: density 2/7; 2 of 7 in [0.5, 1]: 4/7.
  EXPECT_DOUBLE_EQ(h.Density(0), 2.0 / 7.0);
  EXPECT_DOUBLE_EQ(h.Density(1), 4.0 / 7.0);
}

TEST(Histogram, MergeAddsCounts) {
  Histogram a(0.0, 1.0, 4), b(0.0, 1.0, 4), whole(0.0, 1.0, 4);
  rng::RandomStream stream(4, {2});
  for (int i = 0; i < 100; ++i) {
    const double x = 1.2 * stream.Uniform01() - 0.1;
    (i < 37 ? a : b).Add(x);
    whole.Add(x);
  }
  a.Merge(b);
  EXPECT_EQ(a.counts(), whole.counts());
  EXPECT_EQ(a.underflow(), whole.underflow());
  EXPECT_EQ(a.overflow(), whole.overflow());
}

}  // namespace
}  // namespace vev::stats

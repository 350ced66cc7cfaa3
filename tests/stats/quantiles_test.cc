// Tests of the mquantiles definition (lib/stats/quantiles.h). Reference values were
// computed by hand from the formula and agree with scipy 1.10.1's
// scipy.stats.mstats.mquantiles (alphap = betap = 0.4 and 1, 1).
#include "lib/stats/quantiles.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/distributions.h"

namespace vev::stats {
namespace {

// Sorted x = {1, 2, 3, 4, 10}, n = 5, m = 0.4 + 0.2 p, aleph = 5 p + m:
//   p = 0.25: aleph = 1.7  -> k = 1, gamma = 0.7  -> 0.3 * 1 + 0.7 * 2  = 1.7
//   p = 0.5:  aleph = 3.0  -> k = 3, gamma = 0    -> 3
//   p = 0.6:  aleph = 3.52 -> k = 3, gamma = 0.52 -> 0.48 * 3 + 0.52 * 4 = 3.52
//   p = 0.75: aleph = 4.3  -> k = 4, gamma = 0.3  -> 0.7 * 4 + 0.3 * 10 = 5.8
//   p = 0.1:  aleph = 0.92 -> k = 1 (clipped), gamma = 0 (clipped) -> 1
//   p = 0.9:  aleph = 5.08 -> k = 4 (clipped), gamma = 1 (clipped) -> 10
//   p = 0, 1: 1 and 10.
TEST(MQuantiles, HandComputedFiveElementsPinConvention) {
  const std::vector<double> data = {10, 1, 4, 3, 2};  // unsorted on purpose
  const std::vector<double> q =
      MQuantiles(data, {0.0, 0.1, 0.25, 0.5, 0.6, 0.75, 0.9, 1.0});
  const std::vector<double> expected = {1, 1, 1.7, 3, 3.52, 5.8, 10, 10};
  ASSERT_EQ(q.size(), expected.size());
  for (size_t i = 0; i < q.size(); ++i) EXPECT_NEAR(q[i], expected[i], 1e-14) << "i=" << i;
}

// alphap = betap = 1 is numpy's linear interpolation: p = 0.25 -> 2, p = 0.6 -> 3.4.
TEST(MQuantiles, OtherPlottingPositions) {
  const std::vector<double> q = MQuantiles({10, 1, 4, 3, 2}, {0.25, 0.6}, {1.0, 1.0});
  EXPECT_NEAR(q[0], 2.0, 1e-14);
  EXPECT_NEAR(q[1], 3.4, 1e-14);
}

TEST(MQuantiles, TinySamples) {
  EXPECT_EQ(MQuantiles({7.0}, {0.3})[0], 7.0);
  const std::vector<double> q = MQuantiles({2.0, 1.0}, {0.1, 0.5, 0.9});
  EXPECT_NEAR(q[0], 1.0, 1e-15);
  EXPECT_NEAR(q[1], 1.5, 1e-15);
  EXPECT_NEAR(q[2], 2.0, 1e-15);
}

// Sample quantiles of n = 1e5 standard Cauchy draws (the activation paper's Fig. 1
// reference) are near the true ones with the order-statistic SE
// sqrt(p (1 - p) / n) / f(Q(p)). Five quantiles, budget 1e-5: z = 4.9 each.
TEST(MQuantiles, CauchySampleQuantilesMonteCarlo) {
  constexpr int kN = 100000;
  constexpr double kZ = 4.9;
  rng::RandomStream stream(20240611, {1});
  std::vector<double> data(kN);
  for (double& x : data) x = stream.Normal() / stream.Normal();  // ratio of normals: Cauchy
  const std::vector<double> probs = {0.1, 0.25, 0.5, 0.75, 0.9};
  const std::vector<double> q = MQuantiles(data, probs);
  for (size_t i = 0; i < probs.size(); ++i) {
    const double truth = CauchyQuantile(probs[i]);
    const double se = std::sqrt(probs[i] * (1 - probs[i]) / kN) / CauchyPdf(truth);
    EXPECT_NEAR(q[i], truth, kZ * se) << "p=" << probs[i] << " se=" << se;
  }
}

}  // namespace
}  // namespace vev::stats

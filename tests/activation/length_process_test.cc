// Tests of the length process against the length map (Theorem 2 of the activation paper;
// lib/activation/length_process.h): ReLU is exactly unbiased at every width, permissible
// phi converge at rate 1/sqrt(N), and for phi = 1/z q_2 / N and q_3 have N-independent
// non-degenerate laws (Levy and squared Cauchy), so nothing converges.
#include "lib/activation/length_process.h"

#include <cmath>
#include <optional>
#include <vector>

#include "gtest/gtest.h"
#include "lib/activation/gaussian_moment.h"
#include "lib/activation/length_map.h"
#include "lib/stats/distributions.h"
#include "lib/stats/moments.h"

namespace vev::activation {
namespace {

LengthProcessOptions Options(const char* phi, int n, int depth, double sw, double sb,
                             int repeats) {
  LengthProcessOptions options;
  options.spec.phi = *Activation::Parse(phi);
  options.spec.width = n;
  options.spec.depth = depth;
  options.spec.sigma_w = sw;
  options.spec.sigma_b = sb;
  options.spec.sampler = NetworkSampler::kConditionalGaussian;
  options.repeats = repeats;
  options.seed = 20240611;
  options.key = ConfigurationKey(options.spec);
  options.threads = 2;
  return options;
}

// ReLU: E[q_l] = q~_l exactly at every N (E[q_l | x_{l-1}] = sigma_w^2 r_{l-1} + sigma_b^2
// and E[relu(h)^2] = Var(h) / 2 is linear, so the expectations follow the length-map
// recursion). N = 20, 4000 networks, 5 layers: z = 4.9 per layer, budget 5e-6.
TEST(LengthProcess, ReluIsUnbiasedAtEveryWidth) {
  const LengthProcessOptions options = Options("relu", 20, 5, std::sqrt(2.0), 0.3, 4000);
  const MatrixD q = SimulateLengthProcess(options);
  const LengthMap map =
      *ComputeLengthMap(options.spec.phi, options.spec.sigma_w, options.spec.sigma_b, 5,
                        GaussianMomentCalculator());
  for (int l = 1; l <= 5; ++l) {
    stats::Moments m;
    for (int r = 0; r < options.repeats; ++r) m.Add(q(l - 1, r));
    EXPECT_NEAR(m.Mean(), map.q[l], 4.9 * m.StdErrorOfMean())
        << "layer " << l << " seed " << options.seed;
  }
}

// Theorem 2 for tanh and a polynomial: with 60 networks per width, the root-mean-square
// distance to q~_l at N = 10^4 is at least 5 times smaller than at N = 100 for every layer
// (the 1/sqrt(N) rate predicts 10; the RMS of 60 values has relative SE ~9%, so a factor 2
// shortfall is > 7 SE of the log-ratio), and at N = 10^4 the mean of q_l is within
// z = 4.9 SE of q~_l (the O(1/N) bias from the curvature of phi^2, ~1e-4 q~, is < 0.1 SE).
TEST(LengthProcess, PermissibleConvergeAtRootNRate) {
  struct Case {
    const char* phi;
    double sw, sb;
  };
  for (const Case& c : {Case{"tanh", 2.5, 0.3}, Case{"poly:0:1:0.25", 0.9, 0.1}}) {
    const LengthMap map = *ComputeLengthMap(*Activation::Parse(c.phi), c.sw, c.sb, 10,
                                            GaussianMomentCalculator());
    std::vector<double> rms_small(10), rms_large(10);
    for (const int n : {100, 10000}) {
      const MatrixD q = SimulateLengthProcess(Options(c.phi, n, 10, c.sw, c.sb, 60));
      for (int l = 1; l <= 10; ++l) {
        double sum_sq = 0.0;
        stats::Moments m;
        for (int r = 0; r < q.cols(); ++r) {
          sum_sq += std::pow(q(l - 1, r) - map.q[l], 2);
          m.Add(q(l - 1, r));
        }
        (n == 100 ? rms_small : rms_large)[l - 1] = std::sqrt(sum_sq / q.cols());
        if (n == 10000) {
          EXPECT_NEAR(m.Mean(), map.q[l], 4.9 * m.StdErrorOfMean()) << c.phi << " layer " << l;
        }
      }
    }
    for (int l = 0; l < 10; ++l) {
      EXPECT_LT(rms_large[l], rms_small[l] / 5.0)
          << c.phi << " layer " << l + 1 << ": " << rms_small[l] << " -> " << rms_large[l];
    }
  }
}

// phi = 1/z, sigma_w = 1: q_2 = (1/N) sum h_2^2 = s^2 chi2_N / N with s^2 = N L,
// L ~ Levy(0, 1), so q_2 / N -> Levy(0, 1): q_2 grows like N. And q_3 = r_2 chi2_N / N with
// r_2 = L'' / L = (Z / Z'')^2 exactly, a squared standard Cauchy whatever N: median 1, no
// concentration. Binomial tests of the medians with 2000 networks at N = 100 and 1000
// (SE 0.5 / sqrt(2000) = 0.011; the chi-square factor shifts the probabilities by < 1e-3):
// 4 assertions at z = 4.9.
TEST(LengthProcess, ReciprocalDoesNotConverge) {
  for (const int n : {100, 1000}) {
    const MatrixD q = SimulateLengthProcess(Options("reciprocal", n, 3, 1.0, 0.0, 2000));
    const double levy_median = stats::LevyQuantile(0.5);
    int below2 = 0, below3 = 0;
    for (int r = 0; r < q.cols(); ++r) {
      below2 += q(1, r) / n <= levy_median;
      below3 += q(2, r) <= 1.0;
    }
    const double se = 0.5 / std::sqrt(static_cast<double>(q.cols()));
    EXPECT_NEAR(below2 / static_cast<double>(q.cols()), 0.5, 4.9 * se) << "N=" << n;
    EXPECT_NEAR(below3 / static_cast<double>(q.cols()), 0.5, 4.9 * se) << "N=" << n;
  }
}

TEST(LengthProcess, ThreadCountDoesNotChangeBits) {
  LengthProcessOptions options = Options("tanh", 50, 4, 1.5, 0.2, 64);
  options.threads = 1;
  const MatrixD one = SimulateLengthProcess(options);
  options.threads = 3;
  EXPECT_EQ(one, SimulateLengthProcess(options));
}

// SummarizeLengthLayer by hand: q = {1, ..., 5}, q~ = 2, so e = {-1/2, 0, 1/2, 1, 3/2} and
// |e| sorted = {0, 1/2, 1/2, 1, 3/2}. mquantiles (alphap = betap = 0.4) of n = 5 values:
// aleph = 5.2 p + 0.4, linear between order statistics (quantiles_test.cc).
TEST(LengthProcess, SummarizeLayerByHand) {
  const std::vector<double> q = {3, 1, 5, 2, 4};
  const LengthLayerSummary s = SummarizeLengthLayer(q, 2.0);
  EXPECT_NEAR(s.q25, 1.7, 1e-14);
  EXPECT_NEAR(s.q50, 3.0, 1e-14);
  EXPECT_NEAR(s.q75, 4.3, 1e-14);
  EXPECT_NEAR(s.mean, 0.5, 1e-15);
  EXPECT_NEAR(s.rms, std::sqrt(0.75), 1e-15);  // mean e^2 = 3.75 / 5
  EXPECT_NEAR(s.median_abs, 0.5, 1e-15);        // aleph = 3: the third, 1/2
  const double band = std::sqrt(0.25 / 5);
  // 1/2 - band: aleph = 1.837..., between 0 and 1/2; 1/2 + band: 4.163..., between 1 and 3/2.
  EXPECT_NEAR(s.median_abs_lo, 0.5 * (5.2 * (0.5 - band) + 0.4 - 1.0), 1e-14);
  EXPECT_NEAR(s.median_abs_hi, 1.0 + 0.5 * (5.2 * (0.5 + band) + 0.4 - 4.0), 1e-14);
  EXPECT_NEAR(s.p90_abs, 1.5, 1e-15);  // aleph = 5.08 > n: the largest
  // Without the length map only the quartiles are computed.
  const LengthLayerSummary u = SummarizeLengthLayer(q, std::nullopt);
  EXPECT_NEAR(u.q50, 3.0, 1e-14);
  EXPECT_EQ(u.median_abs, 0.0);
  EXPECT_EQ(u.rms, 0.0);
}

}  // namespace
}  // namespace vev::activation

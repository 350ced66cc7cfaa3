// Tests of the Sec. 5 demos of the activation paper (lib/activation/second_layer_demo.h):
// Proposition 9 (h_2 is Cauchy(0, sqrt(N))), the pooled goodness of fit of Fig. 1 (small KS
// distance to the Cauchy, large to the fitted Gaussian), and the per-initialization scale of
// Fig. 2 (sqrt(N) / |Z'| in law: values within one initialization move together).
#include "lib/activation/second_layer_demo.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"
#include "lib/stats/distributions.h"
#include "lib/stats/ks_distance.h"
#include "lib/stats/moments.h"
#include "lib/stats/quantiles.h"

namespace vev::activation {
namespace {

SecondLayerSampleOptions DemoOptions(int n, int initializations, double sigma_w,
                                     NetworkSampler sampler) {
  SecondLayerSampleOptions options;
  options.spec.phi = Activation::Reciprocal();
  options.spec.width = n;
  options.spec.depth = 2;
  options.spec.sigma_w = sigma_w;
  options.spec.sigma_b = 0.0;
  options.spec.sampler = sampler;
  options.initializations = initializations;
  options.seed = 20240611;
  options.key = ConfigurationKey(options.spec);
  return options;
}

// Proposition 9: h_{2,1} ~ Cauchy(0, sqrt(N)) for every sigma_w > 0. One value per
// initialization (independent), explicit weights, N = 10, 20000 initializations, two
// sigma_w. Five sample quantiles against sqrt(N) tan(pi (p - 1/2)) with the order-statistic
// SE sqrt(p (1 - p) / M) / f(Q(p)), z = 5.0, and one KS test at sqrt(M) D < 2.9
// (Q(2.9) = 10e-7): 12 assertions, false-failure budget < 1e-5.
TEST(SecondLayerDemo, MarginalIsCauchySqrtN) {
  constexpr int kN = 10, kM = 20000;
  const double gamma = std::sqrt(static_cast<double>(kN));
  for (const double sigma_w : {1.0, 0.3}) {
    const SecondLayerSample s =
        SampleSecondLayers(DemoOptions(kN, kM, sigma_w, NetworkSampler::kExplicitWeights));
    std::vector<double> first(kM);
    for (int m = 0; m < kM; ++m) first[m] = s.h2(0, m);
    const std::vector<double> probs = {0.1, 0.25, 0.5, 0.75, 0.9};
    const std::vector<double> q = stats::MQuantiles(first, probs);
    for (size_t i = 0; i < probs.size(); ++i) {
      const double truth = stats::CauchyQuantile(probs[i], 0.0, gamma);
      const double se =
          std::sqrt(probs[i] * (1 - probs[i]) / kM) / stats::CauchyPdf(truth, 0.0, gamma);
      EXPECT_NEAR(q[i], truth, 5.0 * se) << "sigma_w=" << sigma_w << " p=" << probs[i];
    }
    const double d =
        stats::KsDistance(first, [gamma](double x) { return stats::CauchyCdf(x, 0, gamma); });
    EXPECT_LT(std::sqrt(static_cast<double>(kM)) * d, 2.9) << "sigma_w=" << sigma_w;
  }
}

// Fig. 1 at N = 1000 with M = 2000 initializations (conditional sampler). The pooled values
// are dependent within an initialization, so the Kolmogorov distribution does not apply;
// the bounds are derived from the independence across initializations instead:
// - Each initialization's empirical CDF F_m(x) lies in [0, 1] and has mean F(x), the
//   Cauchy(0, sqrt(N)) CDF (Proposition 9 holds for every coordinate). At the K - 1 = 39
//   Cauchy quantiles k/40, Hoeffding and a union bound give |F_pooled - F| <= t with
//   probability >= 1 - 2 * 39 * exp(-2 M t^2) = 1 - 1e-5 for t = 0.0630; monotonicity then
//   gives D_Cauchy <= t + 1/40 = 0.088 everywhere.
// - The fitted Gaussian's sd: given h_1 the values of initialization m are N(0, s_m^2) with
//   s_m^2 = N L_m, L_m ~ Levy(0, 1) i.i.d. (second_layer_demo.h), and the mean of their
//   squares is at least s_m^2 / 2 except with probability ~1e-40 (chi-square with 1000
//   degrees of freedom), so sd^2 / N >= (1 / (2M)) sum L_m, and sum L_m ~ M^2 Levy(0, 1):
//   P(sd < 5 sqrt(N)) <= P(Levy < 50 / M = 0.025) = erfc(sqrt(20)) = 2.4e-10.
// - Then at x = sqrt(N) (the 3/4 Cauchy quantile, one of the grid points):
//   D_Gauss >= F_pooled(x) - Phi(x / sd) >= 0.75 - 0.0630 - Phi(0.2) = 0.108.
// Total false-failure probability < 1.1e-5. (Typical values: D_Cauchy ~ 0.01, D_Gauss ~ 0.4.)
TEST(SecondLayerDemo, PooledFitAtPaperWidth) {
  constexpr int kN = 1000, kM = 2000;
  const SecondLayerSample s =
      SampleSecondLayers(DemoOptions(kN, kM, 1.0, NetworkSampler::kConditionalGaussian));
  const PooledFit fit = FitPooled(s.h2, std::sqrt(static_cast<double>(kN)));
  EXPECT_EQ(fit.values, int64_t{kN} * kM);
  EXPECT_LT(fit.ks_cauchy, 0.088);
  EXPECT_GT(fit.gaussian_sd, 5.0 * std::sqrt(static_cast<double>(kN)));
  EXPECT_GT(fit.ks_gaussian, 0.108);
  EXPECT_GT(fit.ks_gaussian, fit.ks_cauchy);
}

// Fig. 2's dependence, quantitatively: the conditional sd of initialization m is
// s_m = sqrt(N) / |Z'_m| in law, i.e. (s_m / sqrt(N))^2 ~ Levy(0, 1), whatever sigma_w;
// KS of M = 3000 independent s_m against it, sqrt(M) D < 2.9 (Q = 1e-7). And the IQR of the
// N = 500 values of an initialization is 2 Q_normal(3/4) s_m up to sampling noise: the
// mean of IQR_m / (1.349 s_m) over initializations is 1 within z = 5 SE (its bias, O(1/N),
// is ~1e-3, far below the 5 SE of ~0.012). Under independence (if the values were N
// i.i.d. Cauchy(0, sqrt(N))) every IQR would be 2 sqrt(N) +- 6%; here log IQR has the spread
// of log(1/|Z|), sd sqrt(pi^2 / 8) = 1.11: the sample sd must exceed 0.8 (it has relative SE
// ~3% at M = 3000; 0.8 is > 9 of those below 1.11).
TEST(SecondLayerDemo, PerInitializationScaleIsLevy) {
  constexpr int kN = 500, kM = 3000;
  const double sqrt_n = std::sqrt(static_cast<double>(kN));
  const SecondLayerSample s =
      SampleSecondLayers(DemoOptions(kN, kM, 0.7, NetworkSampler::kConditionalGaussian));
  std::vector<double> scale_sq(kM);
  for (int m = 0; m < kM; ++m) scale_sq[m] = std::pow(s.conditional_sd(m) / sqrt_n, 2);
  EXPECT_LT(std::sqrt(static_cast<double>(kM)) *
                stats::KsDistance(scale_sq, [](double x) { return stats::LevyCdf(x); }),
            2.9);
  const VectorD iqr = ColumnInterquartileRanges(s.h2);
  const double normal_iqr = 2.0 * stats::NormalQuantile(0.75);
  stats::Moments ratio, log_iqr;
  for (int m = 0; m < kM; ++m) {
    ratio.Add(iqr(m) / (normal_iqr * s.conditional_sd(m)));
    log_iqr.Add(std::log(iqr(m) / (2.0 * sqrt_n)));
  }
  EXPECT_NEAR(ratio.Mean(), 1.0, 5.0 * ratio.StdErrorOfMean());
  EXPECT_GT(std::sqrt(log_iqr.Variance()), 0.8);
}

TEST(SecondLayerDemo, ColumnInterquartileRangesByHand) {
  MatrixD h(5, 2);
  h << 10, 1, 1, 2, 4, 3, 3, 4, 2, 5;
  const VectorD iqr = ColumnInterquartileRanges(h);
  // Column 0 = {1, 2, 3, 4, 10}: quartiles 1.7 and 5.8 (quantiles_test.cc).
  EXPECT_NEAR(iqr(0), 5.8 - 1.7, 1e-14);
  // Column 1 = {1, ..., 5}: aleph = 1.7 -> 1.7, aleph = 4.3 -> 4.3.
  EXPECT_NEAR(iqr(1), 4.3 - 1.7, 1e-14);
}

// SdLogIqr by hand: width 4 (2 sqrt(N) = 4), IQRs 4 e^0, 4 e^1, 4 e^2: logs {0, 1, 2},
// sample sd (ddof = 1) exactly 1.
TEST(SecondLayerDemo, SdLogIqrByHand) {
  VectorD iqr(3);
  iqr << 4.0, 4.0 * std::exp(1.0), 4.0 * std::exp(2.0);
  EXPECT_NEAR(SdLogIqr(iqr, 4), 1.0, 1e-14);
}

// The control groups are i.i.d. Cauchy(0, sqrt(N)): P(|X| <= sqrt(N)) = 1/2 and
// P(X <= -sqrt(N)) = 1/4, against binomial SEs over 20000 values, z = 4.9 (two assertions,
// two-sided 1e-6 each); and column k depends only on (seed, k), not on the group count.
TEST(SecondLayerDemo, IidCauchyGroupsAreCauchySqrtN) {
  constexpr int kN = 5, kGroups = 4000;
  const MatrixD x = IidCauchyGroups(kN, kGroups, 20240611);
  ASSERT_EQ(x.rows(), kN);
  ASSERT_EQ(x.cols(), kGroups);
  const double gamma = std::sqrt(static_cast<double>(kN));
  const double m = static_cast<double>(x.size());
  int inside = 0, below = 0;
  for (int k = 0; k < x.cols(); ++k) {
    for (int i = 0; i < x.rows(); ++i) {
      inside += std::fabs(x(i, k)) <= gamma;
      below += x(i, k) <= -gamma;
    }
  }
  EXPECT_NEAR(inside / m, 0.5, 4.9 * std::sqrt(0.25 / m));
  EXPECT_NEAR(below / m, 0.25, 4.9 * std::sqrt(0.25 * 0.75 / m));
  EXPECT_EQ(IidCauchyGroups(kN, 3, 20240611), x.leftCols(3));
}

// Q(p) = 1 / Q_normal(1 - p/2) is the quantile of 1/|Z|: P(1/|Z| <= Q(p)) =
// P(|Z| >= 1/Q(p)) = 2 (1 - Phi(1/Q(p))) = p; the median is 1 / Q_normal(3/4) = 1.4826...
TEST(SecondLayerDemo, ReciprocalScaleQuantileInvertsTheLaw) {
  for (const double p : {0.01, 0.1, 0.25, 0.5, 0.9, 0.99}) {
    EXPECT_NEAR(2.0 * (1.0 - stats::NormalCdf(1.0 / ReciprocalScaleQuantile(p))), p, 1e-13)
        << "p=" << p;
  }
  EXPECT_NEAR(ReciprocalScaleQuantile(0.5), 1.482602218505602, 1e-13);
}

}  // namespace
}  // namespace vev::activation

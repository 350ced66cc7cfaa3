// Sec. 5 of the vanishing-variance paper: the empirical variance S_n^2 (ddof = 1) of n
// outputs of He-initialized networks, its variance and its Gamma approximation, and the
// simulation of S_n^2 at every layer of random networks (lib/theory/he_network_sampler.h,
// Gaussian He random vector inputs, so the theoretical variance is sigma^2 = 1 at every
// layer by Proposition 1).
//
// For n i.i.d. values with variance sigma^2 and kurtosis kappa (O'Neill 2014, the paper's
// [21]):
//   E[S_n^2] = sigma^2,   Var[S_n^2] = (kappa - (n - 3) / (n - 1)) sigma^4 / n,
// and Sec. 5 approximates S_n^2 / sigma^2 ~ Gamma(k = DF_n / 2, theta = 2 / DF_n) with
//   DF_n = 2 sigma^4 / Var[S_n^2] = 2 n / (kappa - (n - 3) / (n - 1)).
//
// Two ways of drawing the n values, at every layer l (unit 0 of z_l):
//   kIndependent:   each value from its own network and input: n i.i.d. draws of the
//                   output distribution, the setting of the formulas above (kappa = the
//                   kappa_l of Proposition 3).
//   kSharedNetwork: one network and n independent inputs: the practical setting of Fig. 2
//                   (the empirical variance of one network over a data set). The values are
//                   exchangeable but dependent (they share the network; e.g. at layer 1
//                   two inputs' outputs have correlation 1/pi), so E[S_n^2] = sigma^2 (1 -
//                   rho_l) < sigma^2 and the formulas above do not apply exactly.
#ifndef VEV_LIB_THEORY_EMPIRICAL_VARIANCE_H_
#define VEV_LIB_THEORY_EMPIRICAL_VARIANCE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/estimate.h"
#include "lib/theory/he_network_sampler.h"

namespace vev::theory {

// Var[S_n^2] = (kappa - (n - 3) / (n - 1)) sigma^4 / n, for n >= 2.
double EmpiricalVarianceVariance(double kurtosis, int n, double variance);

// DF_n = 2 n / (kappa - (n - 3) / (n - 1)), for n >= 2 and kappa > (n - 3) / (n - 1).
double EmpiricalVarianceDegreesOfFreedom(double kurtosis, int n);

// The Sec. 5 approximation of the law of S_n^2 / sigma^2: Gamma(DF_n / 2, 2 / DF_n).
struct GammaApproximation {
  double shape = 0;  // k = DF_n / 2
  double scale = 0;  // theta = 2 / DF_n = 1 / k
  double Cdf(double x) const;
  double Pdf(double x) const;
  double LogPdf(double x) const;
};
GammaApproximation SectionFiveGamma(double kurtosis, int n);

enum class VarianceSampling { kIndependent, kSharedNetwork };

// "independent" / "shared_network", and the inverse (InvalidArgument otherwise).
absl::string_view VarianceSamplingName(VarianceSampling sampling);
absl::StatusOr<VarianceSampling> ParseVarianceSampling(absl::string_view name);

// S_n^2 (ddof = 1, two-pass in double) of `values`; n = values.size() >= 2.
double EmpiricalVariance(absl::Span<const double> values);

// The n values of unit 0 at every layer, drawn as `sampling` says, for sample sizes that are
// prefixes of the same draw: for each n in `sample_sizes` (each >= 2 and dividing n_max =
// max(sample_sizes) for kIndependent; each <= n_max for kSharedNetwork).
//
// One call simulates one block: kIndependent runs n_max networks with one input each
// (networks block * n_max + k of `config_stream`, k < n_max) and splits them into
// n_max / n consecutive groups per n; kSharedNetwork runs network `block` of
// `config_stream` with n_max inputs and uses the first n inputs for each n. Result:
// out[i][g][l] = S^2 of group g (one group for kSharedNetwork) of sample size
// sample_sizes[i] at layer l (0..depth).
class EmpiricalVarianceSimulator {
 public:
  // `network` gives width, depth, slope and init (its input must be kGaussian and its
  // inputs_per_network is ignored). Checks the arguments.
  EmpiricalVarianceSimulator(const HeNetworkOptions& network, VarianceSampling sampling,
                             std::vector<int> sample_sizes);

  int max_sample_size() const { return n_max_; }
  const std::vector<int>& sample_sizes() const { return sample_sizes_; }
  // Groups per block for sample size index i: n_max / n (kIndependent) or 1.
  int GroupsPerBlock(int i) const;

  std::vector<std::vector<std::vector<double>>> SimulateBlock(
      const rng::RandomStream& config_stream, int64_t block);

 private:
  VarianceSampling sampling_;
  std::vector<int> sample_sizes_;
  int n_max_;
  int depth_;
  HeNetworkSampler sampler_;
};

// Statistics of R i.i.d. replicates of S_n^2 (one layer): R >= 2 * batches, batches >= 2.
struct EmpiricalVarianceSummary {
  int64_t replicates = 0;
  // E[S_n^2]: the sample mean, SE = batch means over the same batches as below, and the
  // skewness of the batch means.
  stats::Estimate mean;
  double mean_batch_skewness = 0;
  // Var[S_n^2]: the mean over `batches` contiguous batches of their ddof = 1 variances
  // (unbiased), SE = batch means; and the skewness of those batch values (as in
  // lib/stats/exchangeable_moments.h: large values mean the SE is not reliable).
  stats::Estimate variance;
  double variance_batch_skewness = 0;
  // P(S_n^2 < threshold): the fraction, binomial SE sqrt(p (1 - p) / R).
  stats::Estimate below_threshold;
  // The sample median (mquantiles 0.4 / 0.4).
  double median = 0;
  // Kolmogorov-Smirnov distance of the replicates to `gamma` (NaN if none given).
  double ks_distance = 0;
};

EmpiricalVarianceSummary SummarizeEmpiricalVariances(absl::Span<const double> replicates,
                                                     int batches, double threshold,
                                                     const GammaApproximation* gamma);

}  // namespace vev::theory

#endif  // VEV_LIB_THEORY_EMPIRICAL_VARIANCE_H_

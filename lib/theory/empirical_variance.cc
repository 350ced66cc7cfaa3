#include "lib/theory/empirical_variance.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/base/check.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/relu_mlp.h"
#include "lib/stats/gamma_distribution.h"
#include "lib/stats/ks_distance.h"
#include "lib/stats/moments.h"
#include "lib/stats/quantiles.h"

namespace vev::theory {
namespace {

HeNetworkOptions WithInputs(HeNetworkOptions options, int inputs) {
  options.inputs_per_network = inputs;
  return options;
}

// Records unit 0 of every layer for every input: values[l][j].
class UnitZeroObserver : public nn::LayerObserver {
 public:
  explicit UnitZeroObserver(std::vector<std::vector<double>>* values) : values_(values) {}
  void OnLayerOutput(int layer, const Eigen::Ref<const Matrix>& z) override {
    std::vector<double>& row = (*values_)[layer];
    row.resize(z.cols());
    for (Eigen::Index j = 0; j < z.cols(); ++j) row[j] = z(0, j);
  }

 private:
  std::vector<std::vector<double>>* values_;
};

// Sample skewness m_3 / m_2^(3/2) (1/B moments); 0 without spread.
double Skewness(const std::vector<double>& values) {
  stats::Moments m;
  m.AddAll(values);
  const double skew = m.SkewnessRaw();
  return std::isfinite(skew) ? skew : 0.0;
}

}  // namespace

double EmpiricalVarianceVariance(double kurtosis, int n, double variance) {
  VEV_CHECK(n >= 2);
  return (kurtosis - (n - 3.0) / (n - 1.0)) * variance * variance / n;
}

double EmpiricalVarianceDegreesOfFreedom(double kurtosis, int n) {
  VEV_CHECK(n >= 2);
  const double excess = kurtosis - (n - 3.0) / (n - 1.0);
  VEV_CHECK(excess > 0.0);
  return 2.0 * n / excess;
}

double GammaApproximation::Cdf(double x) const { return stats::GammaCdf(x, shape, scale); }
double GammaApproximation::Pdf(double x) const { return stats::GammaPdf(x, shape, scale); }
double GammaApproximation::LogPdf(double x) const { return stats::GammaLogPdf(x, shape, scale); }

GammaApproximation SectionFiveGamma(double kurtosis, int n) {
  const double df = EmpiricalVarianceDegreesOfFreedom(kurtosis, n);
  return {df / 2.0, 2.0 / df};
}

absl::string_view VarianceSamplingName(VarianceSampling sampling) {
  return sampling == VarianceSampling::kIndependent ? "independent" : "shared_network";
}

absl::StatusOr<VarianceSampling> ParseVarianceSampling(absl::string_view name) {
  if (name == "independent") return VarianceSampling::kIndependent;
  if (name == "shared_network") return VarianceSampling::kSharedNetwork;
  return absl::InvalidArgumentError(absl::StrCat("unknown variance sampling '", name,
                                                 "' (expected independent or shared_network)"));
}

double EmpiricalVariance(absl::Span<const double> values) {
  VEV_CHECK(values.size() >= 2);
  double mean = 0.0;
  for (const double v : values) mean += v;
  mean /= static_cast<double>(values.size());
  double sum = 0.0;
  for (const double v : values) sum += (v - mean) * (v - mean);
  return sum / static_cast<double>(values.size() - 1);
}

EmpiricalVarianceSimulator::EmpiricalVarianceSimulator(const HeNetworkOptions& network,
                                                       VarianceSampling sampling,
                                                       std::vector<int> sample_sizes)
    : sampling_(sampling),
      sample_sizes_(std::move(sample_sizes)),
      n_max_(sample_sizes_.empty() ? 0
                                   : *std::max_element(sample_sizes_.begin(), sample_sizes_.end())),
      depth_(network.depth),
      sampler_(
          WithInputs(network, sampling == VarianceSampling::kIndependent ? 1 : std::max(1, n_max_)),
          nullptr) {
  VEV_CHECK(network.input == InputKind::kGaussian);
  VEV_CHECK(!sample_sizes_.empty());
  for (const int n : sample_sizes_) {
    VEV_CHECK(n >= 2);
    VEV_CHECK(sampling_ == VarianceSampling::kSharedNetwork || n_max_ % n == 0);
  }
}

int EmpiricalVarianceSimulator::GroupsPerBlock(int i) const {
  return sampling_ == VarianceSampling::kIndependent ? n_max_ / sample_sizes_[i] : 1;
}

std::vector<std::vector<std::vector<double>>> EmpiricalVarianceSimulator::SimulateBlock(
    const rng::RandomStream& config_stream, int64_t block) {
  const int layers = depth_ + 1;
  // values[l][j]: unit 0 of layer l for the j-th value of the block (j < n_max).
  std::vector<std::vector<double>> values(layers, std::vector<double>(n_max_));
  std::vector<std::vector<double>> one(layers);
  UnitZeroObserver observer(&one);
  if (sampling_ == VarianceSampling::kIndependent) {
    for (int k = 0; k < n_max_; ++k) {
      const uint64_t network = static_cast<uint64_t>(block) * n_max_ + k;
      sampler_.Run(config_stream.Child(network), &observer);
      for (int l = 0; l < layers; ++l) values[l][k] = one[l][0];
    }
  } else {
    sampler_.Run(config_stream.Child(static_cast<uint64_t>(block)), &observer);
    values = one;
  }
  std::vector<std::vector<std::vector<double>>> out(sample_sizes_.size());
  for (size_t i = 0; i < sample_sizes_.size(); ++i) {
    const int n = sample_sizes_[i];
    const int groups = GroupsPerBlock(static_cast<int>(i));
    out[i].assign(groups, std::vector<double>(layers));
    for (int g = 0; g < groups; ++g) {
      for (int l = 0; l < layers; ++l) {
        out[i][g][l] = EmpiricalVariance(absl::Span<const double>(values[l].data() + g * n, n));
      }
    }
  }
  return out;
}

EmpiricalVarianceSummary SummarizeEmpiricalVariances(absl::Span<const double> replicates,
                                                     int batches, double threshold,
                                                     const GammaApproximation* gamma) {
  const int64_t r = static_cast<int64_t>(replicates.size());
  VEV_CHECK(batches >= 2 && r >= 2 * static_cast<int64_t>(batches));
  EmpiricalVarianceSummary out;
  out.replicates = r;
  std::vector<double> batch_means(batches), batch_variances(batches);
  for (int b = 0; b < batches; ++b) {
    // Contiguous batches [b R / B, (b + 1) R / B).
    const int64_t begin = b * r / batches, end = (b + 1) * r / batches;
    stats::Moments m;
    m.AddAll(replicates.subspan(begin, end - begin));
    batch_means[b] = m.Mean();
    batch_variances[b] = m.Variance();
  }
  stats::Moments all;
  all.AddAll(replicates);
  out.mean = {all.Mean(), stats::BatchMeans(batch_means).std_error};
  out.mean_batch_skewness = Skewness(batch_means);
  out.variance = stats::BatchMeans(batch_variances);
  out.variance_batch_skewness = Skewness(batch_variances);
  int64_t below = 0;
  for (const double v : replicates) below += v < threshold ? 1 : 0;
  const double p = static_cast<double>(below) / r;
  out.below_threshold = {p, std::sqrt(p * (1.0 - p) / r)};
  std::vector<double> sorted(replicates.begin(), replicates.end());
  std::sort(sorted.begin(), sorted.end());
  out.median = stats::MQuantileSorted(sorted, 0.5);
  out.ks_distance = gamma == nullptr ? std::nan("")
                                     : stats::KsDistanceSorted(
                                           sorted, [gamma](double x) { return gamma->Cdf(x); });
  return out;
}

}  // namespace vev::theory

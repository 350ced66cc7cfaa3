#include "lib/activation/second_layer_demo.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "lib/base/check.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/distributions.h"
#include "lib/stats/ks_distance.h"
#include "lib/stats/moments.h"
#include "lib/stats/quantiles.h"

namespace vev::activation {

SecondLayerSample SampleSecondLayers(const SecondLayerSampleOptions& options) {
  VEV_CHECK(options.spec.depth == 2);
  VEV_CHECK(options.initializations >= 1);
  const int n = options.spec.width;
  const int m = options.initializations;
  RandomNetworkSampler sampler(options.spec);
  const VectorD x0 = VectorD::Ones(n);
  MatrixD h(n, 2);
  SecondLayerSample sample;
  sample.h2.resize(n, m);
  sample.conditional_sd.resize(m);
  sample.min_abs_h1.resize(m);
  const double sw2 = options.spec.sigma_w * options.spec.sigma_w;
  const double sb2 = options.spec.sigma_b * options.spec.sigma_b;
  for (int k = 0; k < m; ++k) {
    rng::RandomStream stream(options.seed, {options.key, static_cast<uint64_t>(k)});
    sampler.Sample(x0, stream, h);
    sample.h2.col(k) = h.col(1);
    double r1 = 0.0;
    for (int i = 0; i < n; ++i) {
      const double x = options.spec.phi(h(i, 0));
      r1 += x * x;
    }
    sample.conditional_sd(k) = std::sqrt(sw2 * r1 / n + sb2);
    sample.min_abs_h1(k) = h.col(0).cwiseAbs().minCoeff();
  }
  return sample;
}

PooledFit FitPooled(const Eigen::Ref<const MatrixD>& h2, double cauchy_scale) {
  VEV_CHECK(h2.size() > 0);
  VEV_CHECK(cauchy_scale > 0.0);
  std::vector<double> values(h2.size());
  int64_t k = 0;
  for (int c = 0; c < h2.cols(); ++c) {
    for (int r = 0; r < h2.rows(); ++r) values[k++] = h2(r, c);
  }
  for (const double v : values) VEV_CHECK(!std::isnan(v));
  std::sort(values.begin(), values.end());
  PooledFit fit;
  fit.values = static_cast<int64_t>(values.size());
  fit.cauchy_scale = cauchy_scale;
  // Mean of squares, summed in sorted-by-magnitude order would be more accurate, but the
  // value is dominated by the few largest terms anyway; plain order is ample here.
  double sum_sq = 0.0;
  for (const double v : values) sum_sq += v * v;
  fit.gaussian_sd = std::sqrt(sum_sq / static_cast<double>(values.size()));
  fit.ks_cauchy = stats::KsDistanceSorted(
      values, [cauchy_scale](double x) { return stats::CauchyCdf(x, 0.0, cauchy_scale); });
  const double sd = fit.gaussian_sd;
  fit.ks_gaussian = stats::KsDistanceSorted(
      values, [sd](double x) { return stats::NormalCdf(x, 0.0, sd); });
  return fit;
}

VectorD ColumnInterquartileRanges(const Eigen::Ref<const MatrixD>& h2) {
  VectorD iqr(h2.cols());
  std::vector<double> column(h2.rows());
  for (int c = 0; c < h2.cols(); ++c) {
    for (int r = 0; r < h2.rows(); ++r) column[r] = h2(r, c);
    const std::vector<double> q = stats::MQuantiles(column, {0.25, 0.75});
    iqr(c) = q[1] - q[0];
  }
  return iqr;
}

double SdLogIqr(const Eigen::Ref<const VectorD>& iqr, int width) {
  VEV_CHECK(iqr.size() >= 2);
  VEV_CHECK(width >= 1);
  const double sqrt_n = std::sqrt(static_cast<double>(width));
  stats::Moments m;
  for (int k = 0; k < iqr.size(); ++k) m.Add(std::log(iqr(k) / (2.0 * sqrt_n)));
  return std::sqrt(m.Variance());
}

MatrixD IidCauchyGroups(int width, int groups, uint64_t seed) {
  VEV_CHECK(width >= 1);
  VEV_CHECK(groups >= 0);
  const double sqrt_n = std::sqrt(static_cast<double>(width));
  MatrixD iid(width, groups);
  for (int k = 0; k < groups; ++k) {
    rng::RandomStream stream(seed, {kIidCauchyKey, static_cast<uint64_t>(k)});
    for (int i = 0; i < width; ++i) {
      const double z = stream.Normal();
      const double z_prime = stream.Normal();
      iid(i, k) = sqrt_n * z / z_prime;
    }
  }
  return iid;
}

double ReciprocalScaleQuantile(double p) {
  VEV_CHECK(p > 0.0 && p < 1.0);
  return 1.0 / stats::NormalQuantile(1.0 - 0.5 * p);
}

}  // namespace vev::activation

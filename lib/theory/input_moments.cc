#include "lib/theory/input_moments.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/types/span.h"
#include "lib/base/check.h"
#include "lib/nn/eigen_blocking.h"

namespace vev::theory {

double TransformMoments::Kurtosis(double weight_kurtosis) const {
  return 3.0 * (1.0 + normalized_cov_squares) + (weight_kurtosis - 3.0) * fourth_power_ratio;
}

KurtosisState TransformMoments::State(double weight_kurtosis) const {
  return {Kurtosis(weight_kurtosis), normalized_cov_squares};
}

TransformMoments DatasetTransformMoments(const Eigen::Ref<const Matrix>& features) {
  const Eigen::Index n = features.cols();
  VEV_CHECK(n >= 1);
  // Two passes over the squared norms (the mean first) for an accurate variance.
  std::vector<double> norms(n);
  double sum_norm = 0.0, sum_fourth = 0.0;
  for (Eigen::Index j = 0; j < n; ++j) {
    double norm = 0.0, fourth = 0.0;
    for (Eigen::Index k = 0; k < features.rows(); ++k) {
      const double v2 = static_cast<double>(features(k, j)) * features(k, j);
      norm += v2;
      fourth += v2 * v2;
    }
    norms[j] = norm;
    sum_norm += norm;
    sum_fourth += fourth;
  }
  const double mean = sum_norm / n;
  double sum_dev = 0.0;
  for (const double v : norms) sum_dev += (v - mean) * (v - mean);
  TransformMoments m;
  m.dimension = static_cast<int>(features.rows());
  m.mean_squared_norm = mean;
  m.normalized_cov_squares = (sum_dev / n) / (mean * mean);
  m.fourth_power_ratio = (sum_fourth / n) / (mean * mean);
  return m;
}

TransformMoments GaussianTransformMoments(int dimension) {
  VEV_CHECK(dimension >= 1);
  TransformMoments m;
  m.dimension = dimension;
  m.mean_squared_norm = dimension;
  m.normalized_cov_squares = 2.0 / dimension;
  m.fourth_power_ratio = 3.0 / dimension;
  return m;
}

stats::ExchangeableMomentSums SampleTransformGroup(const Eigen::Ref<const Matrix>& features,
                                                   const InputMomentOptions& options,
                                                   const rng::RandomStream& group_stream) {
  VEV_CHECK(options.rows >= 2 && options.points_per_group >= 1 && options.chunk >= 1);
  const Eigen::Index dim = features.rows(), n = features.cols();
  VEV_CHECK(dim >= 1 && n >= 1);
  nn::PinEigenCacheSizes();  // the GEMM's summation order must not depend on the CPU
  rng::RandomStream weight_stream = group_stream.Child(0);
  rng::RandomStream point_stream = group_stream.Child(1);
  const double std = std::sqrt(2.0 / dim);
  Matrix w(options.rows, dim);
  for (Eigen::Index k = 0; k < dim; ++k) {
    for (int r = 0; r < options.rows; ++r)
      w(r, k) = static_cast<float>(std * weight_stream.Normal());
  }
  const int chunk = std::min(options.chunk, options.points_per_group);
  Matrix x(dim, chunk), z(options.rows, chunk);
  stats::ExchangeableMomentSums sums;
  for (int done = 0; done < options.points_per_group; done += chunk) {
    const int m = std::min(chunk, options.points_per_group - done);
    for (int j = 0; j < m; ++j) x.col(j) = features.col(point_stream.UniformInt(n));
    z.leftCols(m).noalias() = w * x.leftCols(m);
    for (int j = 0; j < m; ++j) {
      sums.Add(absl::Span<const float>(z.col(j).data(), options.rows));
    }
  }
  return sums;
}

}  // namespace vev::theory

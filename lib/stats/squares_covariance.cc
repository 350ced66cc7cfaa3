#include "lib/stats/squares_covariance.h"

#include <cmath>

#include "lib/base/check.h"

namespace vev::stats {

void SquaresCovariance::Add(absl::Span<const double> y) {
  const int d = static_cast<int>(y.size());
  VEV_CHECK(d >= 2);
  VEV_CHECK(dimension_ == 0 || dimension_ == d);
  dimension_ = d;
  double s2 = 0.0, s4 = 0.0;
  for (const double v : y) {
    const double v2 = v * v;
    s2 += v2;
    s4 += v2 * v2;
  }
  const double dd = static_cast<double>(d);
  // (sum y^2)^2 - sum y^4 = sum_{i != j} y_i^2 y_j^2 >= 0; clamp the rounding of the
  // difference (it can only matter when one coordinate dominates all others).
  const double pairs = std::fmax(s2 * s2 - s4, 0.0);
  ab_.Add(pairs / (dd * (dd - 1.0)), s2 / dd);
}

void SquaresCovariance::Merge(const SquaresCovariance& other) {
  if (other.replicates() == 0) return;
  VEV_CHECK(dimension_ == 0 || dimension_ == other.dimension_);
  dimension_ = other.dimension_;
  ab_.Merge(other.ab_);
}

Estimate SquaresCovariance::CovSquares() const {
  const double m = static_cast<double>(ab_.count());
  VEV_CHECK(ab_.count() >= 2);
  const double mu = ab_.MeanY();
  const double var_a = ab_.VarianceX(), var_b = ab_.VarianceY(), cov_ab = ab_.Cov();
  const double value = ab_.MeanX() - (mu * mu - var_b / m);
  const double var_if = var_a - 4.0 * mu * cov_ab + 4.0 * mu * mu * var_b;
  return {value, std::sqrt(std::fmax(var_if, 0.0) / m)};
}

Estimate SquaresCovariance::SecondMoment() const {
  VEV_CHECK(ab_.count() >= 2);
  return {ab_.MeanY(), std::sqrt(ab_.VarianceY() / static_cast<double>(ab_.count()))};
}

Estimate SquaresCovariance::MixedFourthMoment() const {
  VEV_CHECK(ab_.count() >= 2);
  return {ab_.MeanX(), std::sqrt(ab_.VarianceX() / static_cast<double>(ab_.count()))};
}

Estimate SquaresCovariance::NormalizedCovSquares() const {
  const Estimate theta = CovSquares();
  const double m = static_cast<double>(ab_.count());
  const double mu = ab_.MeanY();
  // c = theta / mu^2 = E[A] / mu^2 - 1: dc/dE[A] = 1 / mu^2, dc/dmu = -(2 mu + 2 theta / mu)
  // / mu^2, so the influence function is (IF_A - g IF_B) / mu^2 with g = 2 mu + 2 theta / mu.
  const double g = 2.0 * mu + 2.0 * theta.value / mu;
  const double var_if =
      ab_.VarianceX() - 2.0 * g * ab_.Cov() + g * g * ab_.VarianceY();
  const double mu2 = mu * mu;
  return {theta.value / mu2, std::sqrt(std::fmax(var_if, 0.0) / m) / mu2};
}

}  // namespace vev::stats

#include "lib/stats/moments.h"

#include <cmath>
#include <limits>

namespace vev::stats {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void Moments::Add(double x) {
  // Merge() with n_b = 1, M_2b = M_3b = M_4b = 0, written out (Terriberry's form).
  const double n_a = static_cast<double>(count_);
  ++count_;
  const double n = static_cast<double>(count_);
  const double delta = x - mean_;
  const double delta_n = delta / n;
  const double delta_n2 = delta_n * delta_n;
  const double term = delta * delta_n * n_a;  // d^2 n_a n_b / n with n_b = 1
  mean_ += delta_n;
  m4_ += term * delta_n2 * (n * n - 3.0 * n + 3.0) + 6.0 * delta_n2 * m2_ - 4.0 * delta_n * m3_;
  m3_ += term * delta_n * (n - 2.0) - 3.0 * delta_n * m2_;
  m2_ += term;
}

void Moments::AddAll(absl::Span<const double> values) {
  for (const double x : values) Add(x);
}

void Moments::Merge(const Moments& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  const double na = static_cast<double>(count_);
  const double nb = static_cast<double>(other.count_);
  const double n = na + nb;
  const double d = other.mean_ - mean_;
  const double d2 = d * d;
  const double m2a = m2_, m3a = m3_, m4a = m4_;
  const double m2b = other.m2_, m3b = other.m3_, m4b = other.m4_;

  mean_ += d * (nb / n);
  m2_ = m2a + m2b + d2 * (na * nb / n);
  m3_ = m3a + m3b + d2 * d * (na * nb * (na - nb) / (n * n)) +
        3.0 * d * (na * m2b - nb * m2a) / n;
  m4_ = m4a + m4b + d2 * d2 * (na * nb * (na * na - na * nb + nb * nb) / (n * n * n)) +
        6.0 * d2 * (na * na * m2b + nb * nb * m2a) / (n * n) + 4.0 * d * (na * m3b - nb * m3a) / n;
  count_ += other.count_;
}

double Moments::Mean() const { return count_ > 0 ? mean_ : kNaN; }

double Moments::Variance() const {
  return count_ > 1 ? m2_ / static_cast<double>(count_ - 1) : kNaN;
}

double Moments::PopulationVariance() const {
  return count_ > 0 ? m2_ / static_cast<double>(count_) : kNaN;
}

double Moments::StdErrorOfMean() const {
  return std::sqrt(Variance() / static_cast<double>(count_));
}

double Moments::SkewnessRaw() const {
  if (count_ < 1 || !(m2_ > 0.0)) return kNaN;
  const double n = static_cast<double>(count_);
  const double var = m2_ / n;
  return (m3_ / n) / (var * std::sqrt(var));
}

double Moments::KurtosisRaw() const {
  if (count_ < 1 || !(m2_ > 0.0)) return kNaN;
  const double n = static_cast<double>(count_);
  const double var = m2_ / n;
  return (m4_ / n) / (var * var);
}

}  // namespace vev::stats

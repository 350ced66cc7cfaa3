#include "lib/stats/covariance.h"

#include <cmath>
#include <limits>

namespace vev::stats {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void Covariance::Add(double x, double y) {
  ++count_;
  const double n = static_cast<double>(count_);
  const double dx = x - mean_x_;
  const double dy = y - mean_y_;
  mean_x_ += dx / n;
  mean_y_ += dy / n;
  // (x - old mean) * (x - new mean) = d^2 (n - 1) / n: the one-point merge, stable form.
  m_xx_ += dx * (x - mean_x_);
  m_yy_ += dy * (y - mean_y_);
  c_xy_ += dx * (y - mean_y_);
}

void Covariance::Merge(const Covariance& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  const double na = static_cast<double>(count_);
  const double nb = static_cast<double>(other.count_);
  const double n = na + nb;
  const double dx = other.mean_x_ - mean_x_;
  const double dy = other.mean_y_ - mean_y_;
  const double f = na * nb / n;
  mean_x_ += dx * (nb / n);
  mean_y_ += dy * (nb / n);
  m_xx_ += other.m_xx_ + dx * dx * f;
  m_yy_ += other.m_yy_ + dy * dy * f;
  c_xy_ += other.c_xy_ + dx * dy * f;
  count_ += other.count_;
}

double Covariance::MeanX() const { return count_ > 0 ? mean_x_ : kNaN; }
double Covariance::MeanY() const { return count_ > 0 ? mean_y_ : kNaN; }

double Covariance::VarianceX() const {
  return count_ > 1 ? m_xx_ / static_cast<double>(count_ - 1) : kNaN;
}
double Covariance::VarianceY() const {
  return count_ > 1 ? m_yy_ / static_cast<double>(count_ - 1) : kNaN;
}
double Covariance::Cov() const {
  return count_ > 1 ? c_xy_ / static_cast<double>(count_ - 1) : kNaN;
}

double Covariance::Correlation() const {
  if (count_ < 2 || !(m_xx_ > 0.0) || !(m_yy_ > 0.0)) return kNaN;
  return c_xy_ / std::sqrt(m_xx_ * m_yy_);
}

}  // namespace vev::stats

#include "lib/stats/histogram.h"

#include <cmath>
#include <limits>

#include "lib/base/check.h"

namespace vev::stats {

Histogram::Histogram(double lo, double hi, int bins) : lo_(lo), hi_(hi) {
  VEV_CHECK(std::isfinite(lo) && std::isfinite(hi) && lo < hi);
  VEV_CHECK(bins >= 1);
  counts_.assign(bins, 0);
}

double Histogram::Edge(int i) const {
  const int b = bins();
  VEV_CHECK(i >= 0 && i <= b);
  if (i == b) return hi_;
  // numpy.linspace: lo + i * step with step = (hi - lo) / bins.
  return lo_ + static_cast<double>(i) * ((hi_ - lo_) / b);
}

int Histogram::BinIndex(double x) const {
  const int b = bins();
  if (std::isnan(x) || x < lo_) return -1;
  if (x > hi_) return b;
  // The scaled position picks a bin; rounding can put x one bin off near an edge, so the
  // index is then corrected against the edges themselves (numpy does the same).
  int i = static_cast<int>((x - lo_) * (b / (hi_ - lo_)));
  if (i >= b) i = b - 1;
  if (i < 0) i = 0;
  if (x < Edge(i)) --i;
  else if (i < b - 1 && x >= Edge(i + 1)) ++i;
  return i;
}

void Histogram::Add(double x) {
  if (std::isnan(x)) {
    ++nan_count_;
    return;
  }
  const int i = BinIndex(x);
  if (i < 0) {
    ++underflow_;
  } else if (i >= bins()) {
    ++overflow_;
  } else {
    ++counts_[i];
  }
}

void Histogram::AddAll(absl::Span<const double> values) {
  for (const double x : values) Add(x);
}

void Histogram::Merge(const Histogram& other) {
  VEV_CHECK(other.lo_ == lo_ && other.hi_ == hi_ && other.bins() == bins());
  for (int i = 0; i < bins(); ++i) counts_[i] += other.counts_[i];
  underflow_ += other.underflow_;
  overflow_ += other.overflow_;
  nan_count_ += other.nan_count_;
}

int64_t Histogram::total() const {
  int64_t total = underflow_ + overflow_ + nan_count_;
  for (const int64_t c : counts_) total += c;
  return total;
}

double Histogram::Density(int i) const {
  const int64_t n = total();
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(counts_[i]) / (static_cast<double>(n) * BinWidth(i));
}

}  // namespace vev::stats

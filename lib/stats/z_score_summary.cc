#include "lib/stats/z_score_summary.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vev::stats {

void ZScoreSummary::Add(double z) {
  ++count;
  const double a = std::fabs(z);
  max_abs = std::max(max_abs, a);  // std::max(m, NaN) is m
  sum_squares += z * z;
  if (a > 2) ++above_2;
  if (a > kLargeZ) ++above_large;
}

void ZScoreSummary::Merge(const ZScoreSummary& other) {
  count += other.count;
  max_abs = std::max(max_abs, other.max_abs);
  sum_squares += other.sum_squares;
  above_2 += other.above_2;
  above_large += other.above_large;
}

double ZScoreSummary::Rms() const {
  if (count == 0) return std::numeric_limits<double>::quiet_NaN();
  return std::sqrt(sum_squares / static_cast<double>(count));
}

double ZScoreSummary::FractionAbove2() const {
  if (count == 0) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(above_2) / static_cast<double>(count);
}

}  // namespace vev::stats

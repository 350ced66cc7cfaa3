#include "lib/stats/log10_density.h"

#include <cmath>
#include <vector>

#include "lib/base/check.h"

namespace vev::stats {

std::vector<double> Log10Grid(double log10_min, int decades, int points_per_decade) {
  VEV_CHECK(decades >= 1 && points_per_decade >= 1);
  std::vector<double> x(decades * points_per_decade + 1);
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = std::pow(10.0, log10_min + static_cast<double>(i) / points_per_decade);
  }
  return x;
}

Histogram Log10Histogram(absl::Span<const double> values, double log10_min, double log10_max,
                         int bins) {
  Histogram histogram(log10_min, log10_max, bins);
  for (const double v : values) histogram.Add(v > 0 ? std::log10(v) : -INFINITY);
  return histogram;
}

double Log10Density(absl::FunctionRef<double(double)> log_pdf, double u) {
  return std::exp(log_pdf(std::pow(10.0, u)) + u * std::log(10.0) + std::log(std::log(10.0)));
}

}  // namespace vev::stats

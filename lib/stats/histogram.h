// Fixed-bin histograms with numpy.histogram's binning, mergeable across shards.
//
// `bins` equal bins over [lo, hi]: edges e_i = lo + i (hi - lo) / bins (e_bins = hi exactly),
// bin i = [e_i, e_{i+1}) for i < bins - 1 and the last bin [e_{bins-1}, hi] closed, as in
// numpy. Values below lo or above hi are counted as underflow / overflow, NaN separately;
// all of them count in total(), so Density() is the fraction of *all* observations per unit
// length (for a clipped range, the density of the full distribution restricted to it).
#ifndef VEV_LIB_STATS_HISTOGRAM_H_
#define VEV_LIB_STATS_HISTOGRAM_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"

namespace vev::stats {

class Histogram {
 public:
  // lo < hi, both finite; bins >= 1 (checked).
  Histogram(double lo, double hi, int bins);

  void Add(double x);
  void AddAll(absl::Span<const double> values);
  // Adds the counts of `other`, which must have the same lo, hi and bins (checked).
  void Merge(const Histogram& other);

  int bins() const { return static_cast<int>(counts_.size()); }
  double lo() const { return lo_; }
  double hi() const { return hi_; }
  // Index of the bin holding x, or -1 below lo / bins() above hi (and -1 for NaN).
  int BinIndex(double x) const;
  // e_i for i in [0, bins].
  double Edge(int i) const;
  double BinCenter(int i) const { return 0.5 * (Edge(i) + Edge(i + 1)); }
  double BinWidth(int i) const { return Edge(i + 1) - Edge(i); }

  const std::vector<int64_t>& counts() const { return counts_; }
  int64_t underflow() const { return underflow_; }
  int64_t overflow() const { return overflow_; }
  int64_t nan_count() const { return nan_count_; }
  // All observations: in range, under- and overflow and NaN.
  int64_t total() const;
  // counts[i] / (total() * width_i); NaN when empty.
  double Density(int i) const;

 private:
  double lo_;
  double hi_;
  std::vector<int64_t> counts_;
  int64_t underflow_ = 0;
  int64_t overflow_ = 0;
  int64_t nan_count_ = 0;
};

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_HISTOGRAM_H_

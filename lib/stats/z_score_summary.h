// Summaries of z-scores z_i = (theta_hat_i - theta_i) / SE_i, comparisons of estimates with
// what a theory predicts (vanishing-variance paper, Proposition 3 against simulation). If
// the theory and the standard errors are right, each z_i is about N(0, 1), so
//   rms = sqrt(sum_i z_i^2 / n) ~ 1,   P(|z| > 2) = 0.0455,   P(|z| > 4.42) = 1e-5.
// Comparisons along one trajectory (the layers of one network family) are correlated, so
// these numbers describe the agreement; they are not a test with a known level.
#ifndef VEV_LIB_STATS_Z_SCORE_SUMMARY_H_
#define VEV_LIB_STATS_Z_SCORE_SUMMARY_H_

#include <cstdint>

namespace vev::stats {

// |z| above which a comparison is a large deviation: two-sided 1e-5 under N(0, 1), the
// per-check budget of the project's Monte-Carlo tests (STYLE.md, section 3).
inline constexpr double kLargeZ = 4.42;

struct ZScoreSummary {
  int64_t count = 0;        // z-scores added
  double max_abs = 0;       // max |z_i|, 0 when empty (a NaN z_i does not change it)
  double sum_squares = 0;   // sum z_i^2, in the order added
  int64_t above_2 = 0;      // #{i : |z_i| > 2}
  int64_t above_large = 0;  // #{i : |z_i| > kLargeZ}

  void Add(double z);
  // Adds the counts and sums of `other` (sum_squares: this sum plus other's), keeps the
  // larger max_abs.
  void Merge(const ZScoreSummary& other);
  // sqrt(sum_squares / count); NaN when empty.
  double Rms() const;
  // above_2 / count; NaN when empty.
  double FractionAbove2() const;
};

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_Z_SCORE_SUMMARY_H_

#include "lib/activation/length_process.h"

#include <cmath>
#include <vector>

#include "lib/activation/parallel_chunks.h"
#include "lib/base/check.h"
#include "lib/stats/moments.h"
#include "lib/stats/quantiles.h"

namespace vev::activation {

MatrixD SimulateLengthProcess(const LengthProcessOptions& options) {
  VEV_CHECK(options.repeats >= 1);
  const int n = options.spec.width;
  const int d = options.spec.depth;
  MatrixD q(d, options.repeats);
  // One chunk per network: each writes its own column, no reduction needed.
  ParallelForChunks(options.repeats, options.threads, [&](int64_t r) {
    RandomNetworkSampler sampler(options.spec);
    const VectorD x0 = VectorD::Ones(n);
    MatrixD h(n, d);
    rng::RandomStream stream(options.seed, {options.key, static_cast<uint64_t>(r)});
    sampler.Sample(x0, stream, h);
    q.col(r) = LengthProcess(h);
  });
  return q;
}

LengthLayerSummary SummarizeLengthLayer(absl::Span<const double> q,
                                        std::optional<double> q_tilde) {
  VEV_CHECK(q.size() >= 2);
  LengthLayerSummary s;
  const std::vector<double> quartiles = stats::MQuantiles(q, {0.25, 0.5, 0.75});
  s.q25 = quartiles[0];
  s.q50 = quartiles[1];
  s.q75 = quartiles[2];
  if (!q_tilde.has_value()) return s;
  const double target = *q_tilde;
  std::vector<double> abs_error(q.size());
  stats::Moments sq, rel;
  for (size_t r = 0; r < q.size(); ++r) {
    const double e = (q[r] - target) / target;
    abs_error[r] = std::fabs(e);
    sq.Add(e * e);
    rel.Add(e);
  }
  // A 1-SE band for the median of R values: the quantiles at 1/2 -+ sqrt(1/4 / R).
  const double band = std::sqrt(0.25 / static_cast<double>(q.size()));
  const std::vector<double> aq =
      stats::MQuantiles(abs_error, {0.5 - band, 0.5, 0.5 + band, 0.9});
  s.median_abs_lo = aq[0];
  s.median_abs = aq[1];
  s.median_abs_hi = aq[2];
  s.p90_abs = aq[3];
  s.rms = std::sqrt(sq.Mean());
  s.mean = rel.Mean();
  return s;
}

}  // namespace vev::activation

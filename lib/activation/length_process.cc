#include "lib/activation/length_process.h"

#include "lib/activation/parallel_chunks.h"
#include "lib/base/check.h"

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

}  // namespace vev::activation

#include "lib/nn/init/zero.h"

#include <cmath>
#include <cstdint>

#include "absl/numeric/bits.h"
#include "lib/nn/initializer_registry.h"
#include "lib/nn/relu_mlp.h"
#include "lib/nn/weight_fills.h"
#include "lib/rng/random_stream.h"

namespace vev::nn {
namespace {

void FillZerOLayer(const MlpShape&, int, rng::RandomStream&, Eigen::Ref<Matrix> w) { FillZerO(w); }

[[maybe_unused]] const bool kRegistered =
    RegisterInitializer(InitializerKind::kZerO, {nullptr, &FillZerOLayer});

}  // namespace

void FillZerO(Eigen::Ref<Matrix> w) {
  const Eigen::Index m = w.rows(), n = w.cols();
  if (m <= n) {
    FillIdentity(w);
    return;
  }
  // c = ceil(log2 m); p = 2^c >= m > n. (I(m x p) H_p I(p x n))[i, j] = H_p[i, j] =
  // (-1)^popcount(i & j) for Sylvester's construction H_2k = [[H_k, H_k], [H_k, -H_k]].
  int c = 0;
  while ((Eigen::Index{1} << c) < m) ++c;
  const double scale = 1.0 / std::pow(2.0, c / 2.0);
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index i = 0; i < m; ++i) {
      const int parity = absl::popcount(static_cast<uint64_t>(i & j)) & 1;
      w(i, j) = static_cast<float>(parity == 0 ? scale : -scale);
    }
  }
}

}  // namespace vev::nn

#include "lib/nn/init/orthogonal.h"

#include <cmath>

#include "Eigen/Householder"
#include "Eigen/QR"
#include "lib/nn/initializer_registry.h"
#include "lib/nn/relu_mlp.h"

namespace vev::nn {
namespace {

void FillOrthogonalLayer(const MlpShape&, int, rng::RandomStream& stream, Eigen::Ref<Matrix> w) {
  FillOrthogonal(std::sqrt(2.0), stream, w);
}

[[maybe_unused]] const bool kRegistered =
    RegisterInitializer(InitializerKind::kOrthogonal, {nullptr, &FillOrthogonalLayer});

}  // namespace

void FillOrthogonal(double gain, rng::RandomStream& stream, Eigen::Ref<Matrix> w) {
  const Eigen::Index rows = w.rows(), cols = w.cols();
  MatrixD gaussian(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j) {
    for (Eigen::Index i = 0; i < rows; ++i) gaussian(i, j) = stream.Normal();
  }
  // QR of the tall orientation (r x c, r >= c); Q is its thin r x c factor.
  const bool transpose = rows < cols;
  const MatrixD tall = transpose ? MatrixD(gaussian.transpose()) : gaussian;
  const Eigen::Index r = tall.rows(), c = tall.cols();
  const Eigen::HouseholderQR<MatrixD> qr(tall);
  MatrixD q = qr.householderQ() * MatrixD::Identity(r, c);
  // sign(diag(R)) makes the factorization unique (torch.sign: 0 for 0, probability 0 here).
  const VectorD signs = qr.matrixQR().diagonal().head(c).array().sign();
  q = q * signs.asDiagonal();
  if (transpose) {
    w = (gain * q.transpose()).cast<float>();
  } else {
    w = (gain * q).cast<float>();
  }
}

}  // namespace vev::nn

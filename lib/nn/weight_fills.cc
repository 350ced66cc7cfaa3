#include "lib/nn/weight_fills.h"

namespace vev::nn {

void FillNormal(double std, rng::RandomStream& stream, Eigen::Ref<Matrix> w) {
  for (Eigen::Index j = 0; j < w.cols(); ++j) {
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
      w(i, j) = static_cast<float>(std * stream.Normal());
    }
  }
}

void FillUniform(double bound, rng::RandomStream& stream, Eigen::Ref<Matrix> w) {
  for (Eigen::Index j = 0; j < w.cols(); ++j) {
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
      w(i, j) = static_cast<float>(-bound + 2.0 * bound * stream.Uniform01());
    }
  }
}

void FillBernoulli(double value, rng::RandomStream& stream, Eigen::Ref<Matrix> w) {
  for (Eigen::Index j = 0; j < w.cols(); ++j) {
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
      w(i, j) = static_cast<float>(value * stream.Sign());
    }
  }
}

void FillIdentity(Eigen::Ref<Matrix> w) { w.setIdentity(); }

}  // namespace vev::nn

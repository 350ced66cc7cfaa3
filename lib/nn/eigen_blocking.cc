#include "lib/nn/eigen_blocking.h"

#include <mutex>

#include "Eigen/Core"

namespace vev::nn {

void PinEigenCacheSizes() {
  static std::once_flag once;
  std::call_once(once, [] {
    Eigen::setCpuCacheSizes(kPinnedL1CacheBytes, kPinnedL2CacheBytes, kPinnedL3CacheBytes);
  });
}

}  // namespace vev::nn

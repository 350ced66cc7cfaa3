// Machine-independent Eigen GEMM blocking, so that the network engine's float results are
// bit-identical on every machine of the same instruction-set level (tools/copts.bzl).
//
// Eigen splits the inner dimension k of a matrix product into blocks of kc, chosen from the
// L1/L2/L3 cache sizes it queries from the CPU at run time, and sums each block's partial
// products into the result: a different kc (e.g. a 32 KB instead of a 48 KB L1 cache) groups
// the sums differently and changes the last bits of every product with k > kc (the first
// Linear layer, k = 784 or 3072). PinEigenCacheSizes() replaces the queried sizes by fixed
// ones, once per process; the engine's workspaces call it on construction.
#ifndef VEV_LIB_NN_EIGEN_BLOCKING_H_
#define VEV_LIB_NN_EIGEN_BLOCKING_H_

#include <cstddef>

namespace vev::nn {

// The cache sizes the engine fixes for Eigen's blocking heuristic, in bytes: those Eigen
// queries on the project's machines (AMD EPYC Zen 5; Intel since Ice Lake has the same 48 KB
// L1d), so the pinned blocking costs nothing there. Only L1 sets kc (and so the summation
// order); L2 and L3 only choose how the output is tiled.
inline constexpr std::ptrdiff_t kPinnedL1CacheBytes = 48 * 1024;
inline constexpr std::ptrdiff_t kPinnedL2CacheBytes = 1024 * 1024;
inline constexpr std::ptrdiff_t kPinnedL3CacheBytes = 32 * 1024 * 1024;

// Sets Eigen's cache sizes to the pinned values (Eigen::setCpuCacheSizes) the first time it
// is called in the process; later calls do nothing. Thread-safe. Affects every Eigen product
// of the process evaluated afterwards.
void PinEigenCacheSizes();

}  // namespace vev::nn

#endif  // VEV_LIB_NN_EIGEN_BLOCKING_H_

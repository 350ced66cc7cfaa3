#include "lib/activation/parallel_chunks.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "lib/base/check.h"

namespace vev::activation {

void ParallelForChunks(int64_t num_chunks, int threads, const std::function<void(int64_t)>& fn) {
  VEV_CHECK(threads >= 1);
  VEV_CHECK(num_chunks >= 0);
  const int64_t workers = std::min<int64_t>(threads, num_chunks);
  if (workers <= 1) {
    for (int64_t c = 0; c < num_chunks; ++c) fn(c);
    return;
  }
  std::atomic<int64_t> next{0};
  auto work = [&]() {
    for (int64_t c = next.fetch_add(1); c < num_chunks; c = next.fetch_add(1)) fn(c);
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (int64_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
}

}  // namespace vev::activation

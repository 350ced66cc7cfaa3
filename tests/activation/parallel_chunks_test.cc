// Tests of the deterministic chunked parallel loop (lib/activation/parallel_chunks.h).
#include "lib/activation/parallel_chunks.h"

#include <atomic>
#include <vector>

#include "gtest/gtest.h"

namespace vev::activation {
namespace {

TEST(ParallelForChunks, EveryChunkExactlyOnce) {
  for (const int threads : {1, 2, 5}) {
    for (const int64_t chunks : {int64_t{0}, int64_t{1}, int64_t{3}, int64_t{100}}) {
      std::vector<std::atomic<int>> hits(chunks);
      ParallelForChunks(chunks, threads, [&](int64_t c) { hits[c].fetch_add(1); });
      for (int64_t c = 0; c < chunks; ++c) EXPECT_EQ(hits[c].load(), 1) << c;
    }
  }
}

TEST(ParallelForChunks, OneThreadRunsInOrder) {
  std::vector<int64_t> order;
  ParallelForChunks(5, 1, [&](int64_t c) { order.push_back(c); });
  EXPECT_EQ(order, (std::vector<int64_t>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace vev::activation

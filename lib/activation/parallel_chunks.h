// A minimal deterministic parallel loop for the Monte-Carlo simulations of this folder:
// work is cut into a fixed number of chunks (independent of the thread count), each chunk
// writes only its own result slot, and the caller reduces the slots in index order. The
// bits of the result therefore never depend on the number of threads (STYLE.md, section 3).
// (General enough for lib/base; kept here until another area needs it.)
#ifndef VEV_LIB_ACTIVATION_PARALLEL_CHUNKS_H_
#define VEV_LIB_ACTIVATION_PARALLEL_CHUNKS_H_

#include <cstdint>
#include <functional>

namespace vev::activation {

// Calls fn(c) once for every chunk c in [0, num_chunks), on min(threads, num_chunks)
// threads (threads >= 1; 1 runs inline, in order). Chunks are handed out dynamically, so
// fn must not depend on which thread runs it or in which order.
void ParallelForChunks(int64_t num_chunks, int threads, const std::function<void(int64_t)>& fn);

}  // namespace vev::activation

#endif  // VEV_LIB_ACTIVATION_PARALLEL_CHUNKS_H_

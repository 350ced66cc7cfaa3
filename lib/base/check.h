// VEV_CHECK: a programming-error check that stays on in optimized builds. It prints
// file:line and the failed condition to stderr and aborts. Recoverable failures (bad input,
// I/O) return absl::Status instead.
#ifndef VEV_LIB_BASE_CHECK_H_
#define VEV_LIB_BASE_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define VEV_CHECK(cond)                                                          \
  do {                                                                           \
    if (!(cond)) {                                                               \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                              \
    }                                                                            \
  } while (false)

#endif  // VEV_LIB_BASE_CHECK_H_

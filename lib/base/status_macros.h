// Status propagation macros (the packaged Abseil 20220623 has none).
//
//   VEV_RETURN_IF_ERROR(WriteFile(path));
//   VEV_ASSIGN_OR_RETURN(const Dataset data, ReadDataset(path));
#ifndef VEV_LIB_BASE_STATUS_MACROS_H_
#define VEV_LIB_BASE_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define VEV_STATUS_CONCAT_INNER_(a, b) a##b
#define VEV_STATUS_CONCAT_(a, b) VEV_STATUS_CONCAT_INNER_(a, b)

// Returns the status of `expr` from the enclosing function if it is not OK.
#define VEV_RETURN_IF_ERROR(expr)                      \
  do {                                                 \
    const ::absl::Status vev_status_ = (expr);         \
    if (!vev_status_.ok()) return vev_status_;         \
  } while (false)

// Evaluates `rexpr` (an absl::StatusOr<T>); on error returns its status, else moves the
// value into `lhs` (a declaration or an assignable expression).
#define VEV_ASSIGN_OR_RETURN(lhs, rexpr) \
  VEV_ASSIGN_OR_RETURN_IMPL_(VEV_STATUS_CONCAT_(vev_statusor_, __LINE__), lhs, rexpr)

#define VEV_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                               \
  if (!statusor.ok()) return statusor.status();          \
  lhs = std::move(statusor).value()

#endif  // VEV_LIB_BASE_STATUS_MACROS_H_

// Golub-Welsch: the nodes of the n-point Gauss rule of a weight function are the
// eigenvalues of its symmetric tridiagonal Jacobi matrix J, built from the three-term
// recurrence of the orthonormal polynomials
//   x p_k = b_{k+1} p_{k+1} + a_k p_k + b_k p_{k-1}:
// J has diagonal a_0..a_{n-1} and off-diagonal b_1..b_{n-1} (Golub and Welsch 1969).
// Examples: probabilists' Hermite a_k = 0, b_k = sqrt(k) (gauss_hermite.h); Legendre
// a_k = 0, b_k = k / sqrt(4k^2 - 1) (gauss_legendre.h). The eigenvalues are accurate to
// ~1e-14 absolutely; callers refine them by Newton on their polynomial for full precision.
#ifndef VEV_LIB_STATS_GOLUB_WELSCH_H_
#define VEV_LIB_STATS_GOLUB_WELSCH_H_

#include "Eigen/Core"

namespace vev::stats {

// Ascending eigenvalues of the Jacobi matrix with `diagonal` (size n >= 1) and
// `off_diagonal` (size n - 1) (checked; also that the eigensolver converged).
Eigen::VectorXd GolubWelschNodes(const Eigen::VectorXd& diagonal,
                                 const Eigen::VectorXd& off_diagonal);

}  // namespace vev::stats

#endif  // VEV_LIB_STATS_GOLUB_WELSCH_H_

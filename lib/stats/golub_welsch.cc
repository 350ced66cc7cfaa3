#include "lib/stats/golub_welsch.h"

#include "Eigen/Eigenvalues"
#include "lib/base/check.h"

namespace vev::stats {

Eigen::VectorXd GolubWelschNodes(const Eigen::VectorXd& diagonal,
                                 const Eigen::VectorXd& off_diagonal) {
  VEV_CHECK(diagonal.size() >= 1 && off_diagonal.size() == diagonal.size() - 1);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver;
  solver.computeFromTridiagonal(diagonal, off_diagonal, Eigen::EigenvaluesOnly);
  VEV_CHECK(solver.info() == Eigen::Success);
  return solver.eigenvalues();  // ascending
}

}  // namespace vev::stats

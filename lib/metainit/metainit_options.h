// The options and the report of MetaInit (lib/metainit/metainit.h), apart from its code:
// libraries that pass MetaInit options along (training grids, the Fig. 2 engine) need not
// link MetaInit itself.
#ifndef VEV_LIB_METAINIT_METAINIT_OPTIONS_H_
#define VEV_LIB_METAINIT_METAINIT_OPTIONS_H_

#include <vector>

namespace vev::metainit {

struct MetaInitOptions {
  // Number of norm-update steps (500 in MetaInit).
  int steps = 500;
  // Samples per random batch (32).
  int batch = 32;
  // Step size of the sign-momentum norm update (0.1).
  double learning_rate = 0.1;
  // Momentum of the norm update (0.9).
  double momentum = 0.9;
  // eps of the gradient quotient's denominator (1e-5).
  double eps = 1e-5;
  // Attempts before giving up on a degenerating run (5).
  int max_attempts = 5;
  // Keep GQ of every step in MetaInitReport::gq_trace.
  bool record_trace = false;
};

struct MetaInitReport {
  // GQ at the first step of the successful attempt, before any update.
  double initial_gq = 0.0;
  // GQ at the last step (evaluated before that step's update), as MetaInit prints it.
  double final_gq = 0.0;
  // Number of attempts used (1 if the first one did not degenerate).
  int attempts = 0;
  // GQ per step of the successful attempt, if options.record_trace.
  std::vector<double> gq_trace;
};

}  // namespace vev::metainit

#endif  // VEV_LIB_METAINIT_METAINIT_OPTIONS_H_

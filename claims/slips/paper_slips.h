// The papers' slips found by this project, measured once as claims (each paper's printed
// statement is the claim; "does not reproduce" is the finding):
//
// - Vanishing-variance paper, Sec. 6.1: (kappa_0, c_0) of MNIST and CIFAR-10. The text
//   gives MNIST (3.95, 0.71) and CIFAR-10 (3.28, 0.10); the public code has the pairs the
//   other way round (MNIST (3.284, 0.0973), CIFAR-10 (3.953, 0.710)). Each pair is compared
//   with the Monte-Carlo estimate of //experiments/theory_checks:input_kurtosis: holds if
//   both |z| <= 4.42 (two-sided 1e-5), else does not reproduce.
// - Activation paper, Theorem 10 (proof): Cov[h_21^2, h_22^2] from Eq. (4), 5 sigma_w^8 /
//   (4N) for ReLU; the text's 3 sigma_w^4 / (4N) for Heaviside contradicts Eq. (4). Pooled
//   ratio estimate / formula of //experiments/activation_distribution:theorem10_cov_squares
//   against 1 (Eq. (4)) and against the text's value, |z| <= 4.42.
// - Activation paper, Proposition 11 (proof): with sigma_w^2 + sigma_b^2 = 1 / (4 alpha^2)
//   the proof says r~_1 diverges, so the length map is undefined after layer 1; the
//   statement: some (sigma_w, sigma_b) make it undefined for all l >= 2. From the length
//   maps of //experiments/activation_distribution:theorem2_length_map (exp_square configs).
#ifndef VEV_CLAIMS_SLIPS_PAPER_SLIPS_H_
#define VEV_CLAIMS_SLIPS_PAPER_SLIPS_H_

#include <vector>

#include "absl/status/statusor.h"
#include "claims/claim.h"
#include "protos/result.pb.h"

namespace vev::claims {

inline constexpr char kSlipsTarget[] = "//claims/slips:paper_slips_test";
inline constexpr double kSlipsZ = 4.42;  // two-sided 1e-5 per comparison

// From input_kurtosis. Errors: NotFound (scalars).
absl::StatusOr<std::vector<Claim>> InputKurtosisClaims(const Result& input_kurtosis);
// From theorem10_cov_squares. Errors: NotFound (scalars).
absl::StatusOr<std::vector<Claim>> Theorem10Claims(const Result& theorem10);
// From theorem2_length_map. Errors: NotFound / InvalidArgument (parameters, scalars).
absl::StatusOr<std::vector<Claim>> Proposition11Claims(const Result& length_map);

}  // namespace vev::claims

#endif  // VEV_CLAIMS_SLIPS_PAPER_SLIPS_H_

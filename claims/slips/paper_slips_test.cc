// The papers' slips (claims/slips/paper_slips.h) on the results of the build's scale: the
// printed values that the data contradict, and the ones they support. Each test also
// checks that //claims:claims_slips holds exactly these claims (what the report shows).
#include <cstdio>
#include <string>
#include <vector>

#include "claims/claim.h"
#include "claims/claims_result_check.h"
#include "claims/slips/paper_slips.h"
#include "gtest/gtest.h"

namespace vev::claims {
namespace {

const Claim& Find(const std::vector<Claim>& claims, const std::string& id) {
  for (const Claim& c : claims) {
    if (c.id == id) return c;
  }
  ADD_FAILURE() << "no claim " << id;
  return claims.front();
}

void Print(const std::vector<Claim>& claims) {
  for (const Claim& c : claims) {
    std::printf("%-26s %-30s %s\n", c.id.c_str(), std::string(VerdictText(c.verdict)).c_str(),
                c.summary.c_str());
  }
}

// The text's (kappa_0, c_0) of MNIST are far from the measured ones at every scale (tens of
// SEs even at smoke scale); the public code's MNIST pair agrees with them. The CIFAR-10
// pairs are reported (the code's kappa_0 is 16 SE off at default scale, 2.8 at smoke).
TEST(PaperSlips, KappaZeroAssignment) {
  const std::vector<Claim>* claims = nullptr;
  const absl::StatusOr<std::vector<Claim>> got =
      InputKurtosisClaims(LoadResult("experiments/theory_checks/input_kurtosis.pb"));
  ASSERT_TRUE(got.ok()) << got.status();
  claims = &*got;
  Print(*claims);
  ExpectClaimsResultContains(*claims, "slips");
  const Claim& text = Find(*claims, "kappa0_mnist_text");
  if (text.verdict == Verdict::kSkipped) GTEST_SKIP() << "skipped: dataset not available";
  EXPECT_EQ(text.verdict, Verdict::kDoesNotReproduce) << text.summary;
  EXPECT_EQ(Find(*claims, "kappa0_mnist_code").verdict, Verdict::kHolds);
  EXPECT_EQ(Find(*claims, "kappa0_cifar10_text").verdict, Verdict::kDoesNotReproduce);
}

// Eq. (4) holds for ReLU and Heaviside; the text's Heaviside constant does not.
TEST(PaperSlips, Theorem10HeavisideConstant) {
  const absl::StatusOr<std::vector<Claim>> claims =
      Theorem10Claims(LoadResult("experiments/activation_distribution/theorem10_cov_squares.pb"));
  ASSERT_TRUE(claims.ok()) << claims.status();
  Print(*claims);
  ExpectClaimsResultContains(*claims, "slips");
  EXPECT_EQ(Find(*claims, "theorem10_relu_eq4").verdict, Verdict::kHolds);
  EXPECT_EQ(Find(*claims, "theorem10_heaviside_eq4").verdict, Verdict::kHolds);
  EXPECT_EQ(Find(*claims, "theorem10_heaviside_text").verdict, Verdict::kDoesNotReproduce);
}

// Proposition 11 holds; its proof's choice of sigma does not diverge at layer 1 for
// alpha = 2 (the length map is finite up to layer 4).
TEST(PaperSlips, Proposition11Proof) {
  const absl::StatusOr<std::vector<Claim>> claims =
      Proposition11Claims(LoadResult("experiments/activation_distribution/theorem2_length_map.pb"));
  ASSERT_TRUE(claims.ok()) << claims.status();
  Print(*claims);
  ExpectClaimsResultContains(*claims, "slips");
  EXPECT_EQ(Find(*claims, "prop11_statement").verdict, Verdict::kHolds);
  EXPECT_EQ(Find(*claims, "prop11_proof").verdict, Verdict::kDoesNotReproduce);
}

}  // namespace
}  // namespace vev::claims

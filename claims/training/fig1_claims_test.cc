// The paper's Fig. 1 claim (claims/training/training_claims.h), checked on the results of
// //experiments/vanishing_variance/training:fig1_<dataset> at the build's scale (smoke under
// a plain `bazel test`, the main job's with --config=default, the paper's with
// --config=paper). The measured values come from the library that also writes them into
// //claims:claims_fig1 (joined into //claims:claims for the report); each check also
// compares with that result. Needs only Fig. 1's experiments.
#include <cmath>
#include <cstdio>
#include <string>

#include "claims/claim.h"
#include "claims/claims_result_check.h"
#include "claims/training/training_claims.h"
#include "gtest/gtest.h"

namespace vev::claims {
namespace {

class Fig1Claim : public testing::TestWithParam<std::string> {};

TEST_P(Fig1Claim, AccuracyFallsWithOutputKurtosis) {
  const Result result = LoadResult("experiments/vanishing_variance/training/fig1_" + GetParam() + ".pb");
  const absl::StatusOr<Fig1Check> check = CheckFig1(GetParam(), result);
  ASSERT_TRUE(check.ok()) << check.status();
  ExpectClaimsResultContains({check->claim}, "fig1");
  if (check->skipped) GTEST_SKIP() << "skipped: dataset not available";
  ASSERT_EQ(check->kurtosis.size(), check->accuracy.size());
  ASSERT_GE(check->kurtosis.size(), 6u);
  for (const double k : check->kurtosis) ASSERT_TRUE(std::isfinite(k)) << "no theoretical kurtosis";
  std::printf("Fig. 1 %s (%s scale): %s: %s\n", GetParam().c_str(),
              result.spec().scale().c_str(),
              std::string(VerdictText(check->claim.verdict)).c_str(),
              check->claim.summary.c_str());
  EXPECT_LT(check->rho, kFig1RhoBound);
  EXPECT_EQ(check->claim.verdict, Verdict::kHolds);
}

INSTANTIATE_TEST_SUITE_P(Datasets, Fig1Claim, testing::Values("mnist", "cifar10"));

}  // namespace
}  // namespace vev::claims

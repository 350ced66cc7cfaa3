// The paper's Fig. 3 claim (claims/training/training_claims.h), checked on the results of
// //experiments/vanishing_variance/training:fig3_<width> at the build's scale (smoke under a
// plain `bazel test`, the main job's with --config=default, the paper's with
// --config=paper), and the verdict's tolerance on synthetic results. The measured values
// come from the library that also writes them into //claims:claims_fig3 (joined into
// //claims:claims for the report); each check also compares with that result.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "claims/claim.h"
#include "claims/claims_result_check.h"
#include "claims/training/training_claims.h"
#include "gtest/gtest.h"
#include "lib/nn/initializer_kind.h"

namespace vev::claims {
namespace {

class Fig3Claim : public testing::TestWithParam<std::string> {};

TEST_P(Fig3Claim, ZerOIsAtLeastAsAccurateAtTheLargestDepth) {
  const Result result = LoadResult("experiments/vanishing_variance/training/fig3_" + GetParam() + ".pb");
  const absl::StatusOr<Fig3Check> check = CheckFig3(GetParam(), result);
  ASSERT_TRUE(check.ok()) << check.status();
  ExpectClaimsResultContains({check->claim}, "fig3");
  if (check->skipped) GTEST_SKIP() << "skipped: dataset not available";
  std::printf("Fig. 3 %s (%s scale): %s: %s\n", GetParam().c_str(),
              result.spec().scale().c_str(),
              std::string(VerdictText(check->claim.verdict)).c_str(),
              check->claim.summary.c_str());
  const double zero = check->at_max_depth.at("zero");
  for (const auto& [name, value] : check->at_max_depth) {
    if (name == "zero" || name == "identity") continue;
    const double se = std::hypot(check->std_error.at("zero"), check->std_error.at(name));
    EXPECT_GE(zero, value - kFig3Margin - 2.0 * se) << "ZerO significantly below " << name;
  }
  EXPECT_NE(check->claim.verdict, Verdict::kDoesNotReproduce);
}

INSTANTIATE_TEST_SUITE_P(Widths, Fig3Claim, testing::Values("width10", "width200"));

// The Fig. 3 verdict's tolerance, on synthetic results: two runs per initializer at the
// largest depth, equal within an initializer, on 1,000 test images, so each SE is the
// binomial sqrt(p (1 - p) / 2000) (worked by hand in the comments).
Result SyntheticFig3(double zero, double he) {
  Result result;
  Table* runs = result.add_tables();
  runs->set_name("runs");
  auto column = [&](const char* name, std::vector<double> values) {
    Column* c = runs->add_columns();
    c->set_name(name);
    for (const double v : values) c->add_values(v);
  };
  const double z = static_cast<double>(nn::InitializerKind::kZerO);
  const double h = static_cast<double>(nn::InitializerKind::kHeNormal);
  column("initializer", {h, h, h, z, z, z});
  column("depth", {0, 9, 9, 0, 9, 9});
  column("test_accuracy", {0.9, he, he, 0.9, zero, zero});
  Scalar* test = result.add_scalars();
  test->set_name("cifar10_test_samples");
  test->set_value(1000);
  return result;
}

TEST(Fig3Tolerance, WithinTheMarginHolds) {
  // d = -0.01 >= -0.02.
  const absl::StatusOr<Fig3Check> check = CheckFig3("width10", SyntheticFig3(0.30, 0.31));
  ASSERT_TRUE(check.ok()) << check.status();
  EXPECT_EQ(check->max_depth, 9);
  EXPECT_EQ(check->runs.at("zero"), 2);
  EXPECT_NEAR(check->std_error.at("zero"), std::sqrt(0.3 * 0.7 / 2000), 1e-12);
  EXPECT_EQ(check->claim.verdict, Verdict::kHolds);
}

TEST(Fig3Tolerance, BelowTheMarginButWithinTwoStandardErrorsIsUndecided) {
  // d = -0.03; SE_d = sqrt(.27 .73 / 2000 + .3 .7 / 2000) = 0.0142; -0.02 - 0.0284 < -0.03.
  const absl::StatusOr<Fig3Check> check = CheckFig3("width10", SyntheticFig3(0.27, 0.30));
  ASSERT_TRUE(check.ok()) << check.status();
  EXPECT_EQ(check->claim.verdict, Verdict::kUndecided);
}

TEST(Fig3Tolerance, SignificantlyBelowDoesNotReproduce) {
  // d = -0.10; SE_d = sqrt(.2 .8 / 2000 + .3 .7 / 2000) = 0.0136; -0.10 < -0.02 - 0.0272.
  const absl::StatusOr<Fig3Check> check = CheckFig3("width10", SyntheticFig3(0.20, 0.30));
  ASSERT_TRUE(check.ok()) << check.status();
  EXPECT_EQ(check->claim.verdict, Verdict::kDoesNotReproduce);
}

}  // namespace
}  // namespace vev::claims

#include "claims/claims_result_check.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/io/result_file.h"

namespace vev::claims {
namespace {

bool SameNumber(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

Result LoadResult(absl::string_view path) {
  const absl::StatusOr<Result> result = io::ReadResultFile(std::string(path));
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *result : Result();
}

void ExpectClaimsResultContains(const std::vector<Claim>& expected, absl::string_view group) {
  const std::string path = absl::StrCat("claims/claims_", group, ".pb");
  const absl::StatusOr<Result> result = io::ReadResultFile(path);
  ASSERT_TRUE(result.ok()) << result.status();
  const absl::StatusOr<std::vector<Claim>> claims = ClaimsFromResult(*result);
  ASSERT_TRUE(claims.ok()) << claims.status();
  for (const Claim& want : expected) {
    const Claim* got = nullptr;
    for (const Claim& c : *claims) {
      if (c.id == want.id) got = &c;
    }
    ASSERT_NE(got, nullptr) << "claim " << want.id << " missing from " << path;
    EXPECT_EQ(got->verdict, want.verdict) << want.id;
    EXPECT_EQ(got->summary, want.summary) << want.id;
    EXPECT_EQ(got->target, want.target) << want.id;
    ASSERT_EQ(got->measurements.size(), want.measurements.size()) << want.id;
    for (size_t i = 0; i < want.measurements.size(); ++i) {
      EXPECT_EQ(got->measurements[i].name, want.measurements[i].name) << want.id;
      EXPECT_TRUE(SameNumber(got->measurements[i].value, want.measurements[i].value))
          << want.id << " " << want.measurements[i].name << ": " << got->measurements[i].value
          << " in the claims result, " << want.measurements[i].value << " here";
      EXPECT_TRUE(SameNumber(got->measurements[i].std_error, want.measurements[i].std_error))
          << want.id << " " << want.measurements[i].name;
    }
  }
  std::printf("%s (scale '%s') holds the %zu claims checked here\n", path.c_str(),
              result->spec().scale().c_str(), expected.size());
}

}  // namespace vev::claims

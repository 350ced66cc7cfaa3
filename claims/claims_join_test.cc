// //claims:claims, the report's claims, is the four group results joined unchanged: its
// claim tables are the groups' tables in order (fig1, fig2, fig3, slips), byte for byte,
// and its counts are theirs summed; so a group's test, which compares with its group's
// result, checks exactly what the report shows.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "claims/claim.h"
#include "claims/claims_result_check.h"
#include "gtest/gtest.h"
#include "protos/result.pb.h"

namespace vev::claims {
namespace {

double ScalarOf(const Result& result, const std::string& name) {
  for (const Scalar& s : result.scalars()) {
    if (s.name() == name) return s.value();
  }
  ADD_FAILURE() << "no scalar " << name;
  return -1.0;
}

std::vector<std::string> ClaimTables(const Result& result) {
  std::vector<std::string> out;
  for (const Table& t : result.tables()) {
    if (absl::StartsWith(t.name(), "claim:")) out.push_back(t.SerializeAsString());
  }
  return out;
}

TEST(ClaimsJoin, ClaimsResultIsTheGroupsUnchanged) {
  const Result joined = LoadResult("claims/claims.pb");
  std::vector<std::string> expected;
  double counts[5] = {0, 0, 0, 0, 0};
  const char* const kCounts[5] = {"claims", "claims_hold", "claims_do_not_reproduce",
                                  "claims_undecided", "claims_skipped"};
  for (const std::string group : {"fig1", "fig2", "fig3", "slips"}) {
    const Result part = LoadResult("claims/claims_" + group + ".pb");
    const std::vector<std::string> tables = ClaimTables(part);
    EXPECT_FALSE(tables.empty()) << group;
    expected.insert(expected.end(), tables.begin(), tables.end());
    for (int i = 0; i < 5; ++i) counts[i] += ScalarOf(part, kCounts[i]);
  }
  EXPECT_EQ(ClaimTables(joined), expected);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(ScalarOf(joined, kCounts[i]), counts[i]) << kCounts[i];
  const absl::StatusOr<std::vector<Claim>> claims = ClaimsFromResult(joined);
  ASSERT_TRUE(claims.ok()) << claims.status();
  EXPECT_EQ(static_cast<double>(claims->size()), counts[0]);
}

}  // namespace
}  // namespace vev::claims

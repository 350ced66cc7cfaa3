// For the claims tests: checks that the claims result of one group at the build's scale
// (//claims:claims_<group>, read from the runfiles as claims/claims_<group>.pb, and joined
// unchanged into //claims:claims for the report) holds exactly `expected` (same verdicts,
// summaries and measured values, bit for bit), so the report and the tests cannot disagree.
#ifndef VEV_CLAIMS_CLAIMS_RESULT_CHECK_H_
#define VEV_CLAIMS_CLAIMS_RESULT_CHECK_H_

#include <vector>

#include "absl/strings/string_view.h"

#include "claims/claim.h"
#include "protos/result.pb.h"

namespace vev::claims {

// The result file at `path` in the runfiles; on error, a gtest failure and an empty Result.
Result LoadResult(absl::string_view path);

// gtest EXPECTs; prints the number of claims compared. `group`: fig1, fig2, fig3 or slips
// (the test's data must include //claims:claims_<group>).
void ExpectClaimsResultContains(const std::vector<Claim>& expected, absl::string_view group);

}  // namespace vev::claims

#endif  // VEV_CLAIMS_CLAIMS_RESULT_CHECK_H_

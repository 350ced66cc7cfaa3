// For the claims tests: checks that the claims result of the build's scale (//claims:claims,
// read from the runfiles as claims/claims.pb) holds exactly `expected` (same verdicts,
// summaries and measured values, bit for bit), so the report and the tests cannot disagree.
#ifndef VEV_CLAIMS_CLAIMS_RESULT_CHECK_H_
#define VEV_CLAIMS_CLAIMS_RESULT_CHECK_H_

#include <vector>

#include "claims/claim.h"

namespace vev::claims {

// gtest EXPECTs; prints the number of claims compared.
void ExpectClaimsResultContains(const std::vector<Claim>& expected);

}  // namespace vev::claims

#endif  // VEV_CLAIMS_CLAIMS_RESULT_CHECK_H_

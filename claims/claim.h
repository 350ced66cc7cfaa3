// One checked claim of the papers: what the paper says, what was measured, the verdict,
// and the target that checks it; and its encoding in a Result (protos/result.proto), so the
// claims tests, the claims result (//claims:claims) and the report (//:report) show the
// same numbers. Serves both papers (issue 15).
//
// Encoding in a Result (result.proto has no string columns): each claim is one table
// named "claim:<id>" whose description holds the text fields as "key: value" lines
// (paper, section, statement, summary, target; values on one line) and whose one-row
// columns hold the verdict code (column "verdict", codes of Verdict below) and every
// measurement (column = measurement name, unit = its description; its standard error, if
// any, in a column "<name>.se").
#ifndef VEV_CLAIMS_CLAIM_H_
#define VEV_CLAIMS_CLAIM_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "protos/result.pb.h"

namespace vev::claims {

// Verdict codes (stable: written into results).
enum class Verdict {
  kHolds = 1,             // the data support the claim (significantly, where tested)
  kDoesNotReproduce = 2,  // the data contradict the claim (significantly, where tested)
  kUndecided = 3,         // neither, at this sample size
  kSkipped = 4,           // dataset not available: nothing was computed
};

// "holds", "does not reproduce", "undecided at this sample size",
// "skipped: dataset not available".
absl::string_view VerdictText(Verdict verdict);

struct Measurement {
  std::string name;         // identifier, e.g. "worst_fraction_below"
  double value = 0.0;
  double std_error = 0.0;   // 0 when not an estimate with a standard error
  std::string description;  // what it is, with units
};

struct Claim {
  std::string id;         // unique, e.g. "fig2_a_he_normal"
  std::string paper;      // "vanishing_variance" or "activation_distribution"
  std::string section;    // e.g. "Sec. 6.2, Fig. 2"
  std::string statement;  // the paper's statement (short quote or paraphrase)
  std::string summary;    // what was measured, in words and numbers
  std::string target;     // the test that checks it, e.g. "//claims/fig2:fig2_claims_test"
  Verdict verdict = Verdict::kUndecided;
  std::vector<Measurement> measurements;

  // The measurement named `name`; VEV_CHECK-fails if absent (a programming error).
  const Measurement& Get(absl::string_view name) const;
  void Add(absl::string_view name, double value, double std_error,
           absl::string_view description);
};

// Appends `claim` to `result` as the table "claim:<id>" (encoding above).
void AddClaimTable(const Claim& claim, Result& result);

// All claims encoded in `result`, in order. Errors: InvalidArgument (a malformed claim table).
absl::StatusOr<std::vector<Claim>> ClaimsFromResult(const Result& result);

// A claim with verdict kSkipped and summary "skipped: dataset not available (<why>)".
Claim SkippedClaim(Claim claim, absl::string_view why);

}  // namespace vev::claims

#endif  // VEV_CLAIMS_CLAIM_H_

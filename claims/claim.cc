#include "claims/claim.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "lib/base/check.h"

namespace vev::claims {
namespace {

constexpr char kPrefix[] = "claim:";

std::string OneLine(absl::string_view s) { return absl::StrReplaceAll(s, {{"\n", " "}}); }

}  // namespace

absl::string_view VerdictText(Verdict verdict) {
  switch (verdict) {
    case Verdict::kHolds:
      return "holds";
    case Verdict::kDoesNotReproduce:
      return "does not reproduce";
    case Verdict::kUndecided:
      return "undecided at this sample size";
    case Verdict::kSkipped:
      return "skipped: dataset not available";
  }
  return "?";
}

const Measurement& Claim::Get(absl::string_view name) const {
  for (const Measurement& m : measurements) {
    if (m.name == name) return m;
  }
  VEV_CHECK(false && "no such measurement");
  return measurements.front();
}

void Claim::Add(absl::string_view name, double value, double std_error,
                absl::string_view description) {
  measurements.push_back({std::string(name), value, std_error, std::string(description)});
}

void AddClaimTable(const Claim& claim, Result& result) {
  Table* t = result.add_tables();
  t->set_name(absl::StrCat(kPrefix, claim.id));
  t->set_description(absl::StrCat("paper: ", OneLine(claim.paper), "\nsection: ",
                                  OneLine(claim.section), "\nstatement: ", OneLine(claim.statement),
                                  "\nsummary: ", OneLine(claim.summary), "\ntarget: ",
                                  OneLine(claim.target)));
  Column* v = t->add_columns();
  v->set_name("verdict");
  v->set_unit("1 holds, 2 does not reproduce, 3 undecided, 4 skipped (data unavailable)");
  v->add_values(static_cast<double>(claim.verdict));
  for (const Measurement& m : claim.measurements) {
    Column* c = t->add_columns();
    c->set_name(m.name);
    c->set_unit(OneLine(m.description));
    c->add_values(m.value);
    if (m.std_error != 0.0) {
      Column* se = t->add_columns();
      se->set_name(absl::StrCat(m.name, ".se"));
      se->set_unit("standard error");
      se->add_values(m.std_error);
    }
  }
}

absl::StatusOr<std::vector<Claim>> ClaimsFromResult(const Result& result) {
  std::vector<Claim> out;
  for (const Table& t : result.tables()) {
    if (!absl::StartsWith(t.name(), kPrefix)) continue;
    Claim c;
    c.id = t.name().substr(sizeof(kPrefix) - 1);
    for (absl::string_view line : absl::StrSplit(t.description(), '\n')) {
      const std::pair<absl::string_view, absl::string_view> kv =
          absl::StrSplit(line, absl::MaxSplits(": ", 1));
      std::string* field = kv.first == "paper"       ? &c.paper
                           : kv.first == "section"   ? &c.section
                           : kv.first == "statement" ? &c.statement
                           : kv.first == "summary"   ? &c.summary
                           : kv.first == "target"    ? &c.target
                                                     : nullptr;
      if (field == nullptr) {
        return absl::InvalidArgumentError(
            absl::StrCat("claim table ", t.name(), ": unknown description line '", line, "'"));
      }
      *field = std::string(kv.second);
    }
    if (t.columns_size() < 1 || t.columns(0).name() != "verdict" ||
        t.columns(0).values_size() != 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("claim table ", t.name(), ": first column must be a one-row 'verdict'"));
    }
    const int code = static_cast<int>(t.columns(0).values(0));
    if (code < 1 || code > 4) {
      return absl::InvalidArgumentError(
          absl::StrCat("claim table ", t.name(), ": verdict code ", code, " not in 1..4"));
    }
    c.verdict = static_cast<Verdict>(code);
    for (int i = 1; i < t.columns_size(); ++i) {
      const Column& col = t.columns(i);
      if (col.values_size() != 1) {
        return absl::InvalidArgumentError(
            absl::StrCat("claim table ", t.name(), ": column ", col.name(), " is not one row"));
      }
      if (absl::EndsWith(col.name(), ".se") && !c.measurements.empty() &&
          absl::StrCat(c.measurements.back().name, ".se") == col.name()) {
        c.measurements.back().std_error = col.values(0);
        continue;
      }
      c.measurements.push_back({col.name(), col.values(0), 0.0, col.unit()});
    }
    out.push_back(std::move(c));
  }
  return out;
}

Claim SkippedClaim(Claim claim, absl::string_view why) {
  claim.verdict = Verdict::kSkipped;
  claim.summary = absl::StrCat("skipped: dataset not available (", why, ")");
  claim.measurements.clear();
  return claim;
}

}  // namespace vev::claims

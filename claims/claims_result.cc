// Measures the claims of the named groups (claims/fig2, claims/training, claims/slips)
// from the experiments' results and writes them as one Result (encoding: claims/claim.h).
// Run as build actions: //claims:claims_<group> measures one group, so that its test needs
// only that figure's experiments; //claims:claims joins the parts unchanged for the report
// (//:report), so the report shows exactly what the tests checked.
//
//   claims_result --groups=fig2 --results=fig2_he_normal.pb,... --out=claims_fig2.pb
//   claims_result --parts=claims_fig1.pb,claims_fig2.pb,... --out=claims.pb
//
// Groups and the inputs they need (recognized by file name, the experiment target's name):
//   fig1: fig1_mnist, fig1_cifar10      fig2: fig2_<init> for every claims::kFig2Inits
//   fig3: fig3_width10, fig3_width200   slips: input_kurtosis, theorem10_cov_squares,
//                                              theorem2_length_map
#include <algorithm>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "claims/claim.h"
#include "claims/fig2/fig2_claims.h"
#include "claims/slips/paper_slips.h"
#include "claims/training/training_claims.h"
#include "lib/base/status_macros.h"
#include "lib/io/experiment_frame.h"
#include "lib/io/result_file.h"

ABSL_FLAG(std::string, groups, "",
          "Comma-separated claim groups to measure from --results: fig1, fig2, fig3, slips.");
ABSL_FLAG(std::string, results, "", "Comma-separated experiment results the groups need.");
ABSL_FLAG(std::string, parts, "",
          "Comma-separated claims results (of this binary) to include unchanged.");

namespace {

std::string Stem(absl::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash != absl::string_view::npos) path.remove_prefix(slash + 1);
  absl::ConsumeSuffix(&path, ".pb");
  return std::string(path);
}

constexpr absl::string_view kGroups[] = {"fig1", "fig2", "fig3", "slips"};

struct Config {
  std::vector<std::string> groups;
  std::vector<std::string> results;
  std::vector<std::string> parts;
};

absl::StatusOr<Config> ConfigFromFlags() {
  Config c;
  for (absl::string_view group :
       absl::StrSplit(absl::GetFlag(FLAGS_groups), ',', absl::SkipEmpty())) {
    if (std::find(std::begin(kGroups), std::end(kGroups), group) == std::end(kGroups)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--groups: unknown group '", group, "' (fig1, fig2, fig3, slips)"));
    }
    c.groups.emplace_back(group);
  }
  for (absl::string_view path :
       absl::StrSplit(absl::GetFlag(FLAGS_results), ',', absl::SkipEmpty())) {
    c.results.push_back(vev::io::ResolveUserPath(path));
  }
  for (absl::string_view path :
       absl::StrSplit(absl::GetFlag(FLAGS_parts), ',', absl::SkipEmpty())) {
    c.parts.push_back(vev::io::ResolveUserPath(path));
  }
  if (c.groups.empty() && c.parts.empty()) {
    return absl::InvalidArgumentError("--groups or --parts is required");
  }
  if (c.groups.empty() && !c.results.empty()) {
    return absl::InvalidArgumentError("--results without --groups: nothing would read them");
  }
  return c;
}

// The claims of one group, from the results by name.
absl::Status MeasureGroup(
    absl::string_view group,
    const std::function<absl::StatusOr<const vev::Result*>(const std::string&)>& get,
    std::vector<vev::claims::Claim>& claims) {
  if (group == "fig1") {
    for (const std::string dataset : {"mnist", "cifar10"}) {
      VEV_ASSIGN_OR_RETURN(const vev::Result* r, get("fig1_" + dataset));
      VEV_ASSIGN_OR_RETURN(const vev::claims::Fig1Check c, vev::claims::CheckFig1(dataset, *r));
      claims.push_back(c.claim);
    }
  } else if (group == "fig2") {
    std::map<std::string, vev::Result> fig2;
    for (const std::string& init : vev::claims::kFig2Inits) {
      VEV_ASSIGN_OR_RETURN(const vev::Result* r, get("fig2_" + init));
      fig2[init] = *r;
    }
    VEV_ASSIGN_OR_RETURN(const vev::claims::Fig2Data data,
                         vev::claims::Fig2DataFromResults(fig2));
    for (const vev::claims::Claim& c : vev::claims::Fig2Claims(data)) claims.push_back(c);
  } else if (group == "fig3") {
    for (const std::string width : {"width10", "width200"}) {
      VEV_ASSIGN_OR_RETURN(const vev::Result* r, get("fig3_" + width));
      VEV_ASSIGN_OR_RETURN(const vev::claims::Fig3Check c, vev::claims::CheckFig3(width, *r));
      claims.push_back(c.claim);
    }
  } else {  // slips
    VEV_ASSIGN_OR_RETURN(const vev::Result* ik, get("input_kurtosis"));
    VEV_ASSIGN_OR_RETURN(std::vector<vev::claims::Claim> k,
                         vev::claims::InputKurtosisClaims(*ik));
    VEV_ASSIGN_OR_RETURN(const vev::Result* t10, get("theorem10_cov_squares"));
    VEV_ASSIGN_OR_RETURN(std::vector<vev::claims::Claim> t,
                         vev::claims::Theorem10Claims(*t10));
    VEV_ASSIGN_OR_RETURN(const vev::Result* lm, get("theorem2_length_map"));
    VEV_ASSIGN_OR_RETURN(std::vector<vev::claims::Claim> p,
                         vev::claims::Proposition11Claims(*lm));
    for (auto* list : {&k, &t, &p}) claims.insert(claims.end(), list->begin(), list->end());
  }
  return absl::OkStatus();
}

absl::Status Compute(const Config& config, const vev::io::FrameContext&,
                     vev::io::ExperimentRun& run) {
  std::map<std::string, vev::Result> by_name;
  for (const std::string& path : config.results) {
    VEV_ASSIGN_OR_RETURN(by_name[Stem(path)], vev::io::ReadResultFile(path));
  }
  std::set<std::string> read;
  auto get = [&](const std::string& name) -> absl::StatusOr<const vev::Result*> {
    const auto it = by_name.find(name);
    if (it == by_name.end()) {
      return absl::NotFoundError(absl::StrCat("--results has no ", name, ".pb"));
    }
    read.insert(name);
    return &it->second;
  };
  // The parts' claim tables are copied as they are; the groups' are encoded here.
  vev::Result result;
  std::vector<vev::claims::Claim> claims;
  for (const std::string& part : config.parts) {
    VEV_ASSIGN_OR_RETURN(const vev::Result part_result, vev::io::ReadResultFile(part));
    VEV_ASSIGN_OR_RETURN(std::vector<vev::claims::Claim> got,
                         vev::claims::ClaimsFromResult(part_result));
    if (got.empty()) return absl::InvalidArgumentError(absl::StrCat(part, " holds no claim"));
    claims.insert(claims.end(), got.begin(), got.end());
    for (const vev::Table& t : part_result.tables()) {
      if (absl::StartsWith(t.name(), "claim:")) *result.add_tables() = t;
    }
  }
  for (const std::string& group : config.groups) {
    std::vector<vev::claims::Claim> measured;
    VEV_RETURN_IF_ERROR(MeasureGroup(group, get, measured));
    for (const vev::claims::Claim& c : measured) vev::claims::AddClaimTable(c, result);
    claims.insert(claims.end(), measured.begin(), measured.end());
  }
  for (const auto& [name, unused] : by_name) {
    if (read.count(name) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("--results: ", name, ".pb is not read by the groups given"));
    }
  }
  std::set<std::string> ids;
  int counts[5] = {0, 0, 0, 0, 0};
  for (const vev::claims::Claim& c : claims) {
    if (!ids.insert(c.id).second) {
      return absl::InvalidArgumentError(absl::StrCat("claim ", c.id, " is measured twice"));
    }
    ++counts[static_cast<int>(c.verdict)];
  }
  for (const vev::Table& t : result.tables()) *run.AddTable(t.name(), t.description()) = t;
  run.AddScalar("claims", static_cast<double>(claims.size()), 0.0, "claims checked");
  run.AddScalar("claims_hold", counts[1], 0.0, "claims with verdict holds");
  run.AddScalar("claims_do_not_reproduce", counts[2], 0.0, "claims with verdict does not reproduce");
  run.AddScalar("claims_undecided", counts[3], 0.0, "claims undecided at this sample size");
  run.AddScalar("claims_skipped", counts[4], 0.0, "claims skipped: dataset not available");
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  vev::io::ExperimentDefinition definition;
  definition.name = "claims_result";
  definition.usage =
      "Measures the claims of the named groups from the experiments' results, or joins "
      "claims results, and writes them as one result (claims/claim.h).";
  return vev::io::RunExperiment<Config>(argc, argv, definition, {ConfigFromFlags, Compute, {}});
}

// Measures every claim once (claims/fig2, claims/training, claims/slips) from the
// experiments' results and writes them as one Result (encoding: claims/claim.h), run as a
// build action by //claims:claims; the report (//:report) and the claims tests read it.
//
//   claims_result --results=fig2_he_normal.pb,...,fig1_mnist.pb,... --out=claims.pb
//
// Inputs are recognized by file name (the experiment target's name): fig2_<init>,
// fig1_<dataset>, fig3_<width>, input_kurtosis, theorem10_cov_squares, theorem2_length_map.
#include <map>
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

ABSL_FLAG(std::string, results, "", "Comma-separated experiment results. Required.");

namespace {

std::string Stem(absl::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash != absl::string_view::npos) path.remove_prefix(slash + 1);
  absl::ConsumeSuffix(&path, ".pb");
  return std::string(path);
}

struct Config {
  std::vector<std::string> results;
};

absl::StatusOr<Config> ConfigFromFlags() {
  Config c;
  for (absl::string_view path :
       absl::StrSplit(absl::GetFlag(FLAGS_results), ',', absl::SkipEmpty())) {
    c.results.push_back(vev::io::ResolveUserPath(path));
  }
  if (c.results.empty()) return absl::InvalidArgumentError("--results is required");
  return c;
}

absl::Status Compute(const Config& config, const vev::io::FrameContext&,
                     vev::io::ExperimentRun& run) {
  std::map<std::string, vev::Result> by_name;
  for (const std::string& path : config.results) {
    VEV_ASSIGN_OR_RETURN(by_name[Stem(path)], vev::io::ReadResultFile(path));
  }
  auto get = [&](const std::string& name) -> absl::StatusOr<const vev::Result*> {
    const auto it = by_name.find(name);
    if (it == by_name.end()) {
      return absl::NotFoundError(absl::StrCat("--results has no ", name, ".pb"));
    }
    return &it->second;
  };
  std::vector<vev::claims::Claim> claims;
  for (const std::string dataset : {"mnist", "cifar10"}) {
    VEV_ASSIGN_OR_RETURN(const vev::Result* r, get("fig1_" + dataset));
    VEV_ASSIGN_OR_RETURN(const vev::claims::Fig1Check c, vev::claims::CheckFig1(dataset, *r));
    claims.push_back(c.claim);
  }
  std::map<std::string, vev::Result> fig2;
  for (const std::string& init : vev::claims::kFig2Inits) {
    VEV_ASSIGN_OR_RETURN(const vev::Result* r, get("fig2_" + init));
    fig2[init] = *r;
  }
  VEV_ASSIGN_OR_RETURN(const vev::claims::Fig2Data data, vev::claims::Fig2DataFromResults(fig2));
  for (const vev::claims::Claim& c : vev::claims::Fig2Claims(data)) claims.push_back(c);
  for (const std::string width : {"width10", "width200"}) {
    VEV_ASSIGN_OR_RETURN(const vev::Result* r, get("fig3_" + width));
    VEV_ASSIGN_OR_RETURN(const vev::claims::Fig3Check c, vev::claims::CheckFig3(width, *r));
    claims.push_back(c.claim);
  }
  VEV_ASSIGN_OR_RETURN(const vev::Result* ik, get("input_kurtosis"));
  VEV_ASSIGN_OR_RETURN(std::vector<vev::claims::Claim> k, vev::claims::InputKurtosisClaims(*ik));
  VEV_ASSIGN_OR_RETURN(const vev::Result* t10, get("theorem10_cov_squares"));
  VEV_ASSIGN_OR_RETURN(std::vector<vev::claims::Claim> t, vev::claims::Theorem10Claims(*t10));
  VEV_ASSIGN_OR_RETURN(const vev::Result* lm, get("theorem2_length_map"));
  VEV_ASSIGN_OR_RETURN(std::vector<vev::claims::Claim> p,
                       vev::claims::Proposition11Claims(*lm));
  for (auto* list : {&k, &t, &p}) claims.insert(claims.end(), list->begin(), list->end());

  vev::Result result;
  int counts[5] = {0, 0, 0, 0, 0};
  for (const vev::claims::Claim& c : claims) {
    vev::claims::AddClaimTable(c, result);
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
      "Measures every claim of both papers once from the experiments' results and writes "
      "them as one result (claims/claim.h).";
  return vev::io::RunExperiment<Config>(argc, argv, definition, {ConfigFromFlags, Compute, {}});
}

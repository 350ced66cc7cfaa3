// The evaluator's report (issue 15): one HTML page per scale with every figure of both
// papers, its statement, its key numbers and claims (from //claims:claims), the papers'
// slips and the provenance of every result, written from the result files and
// template.html. Run as a build action by //:report (tools/report/report.bzl):
//
//   report --template_file=template.html --claims=claims.pb --scale=smoke --out_dir=DIR
//       --results=LABEL=PATH,... --figures=NAME=PNG,...
//
// Writes DIR/index.html and copies each figure's PNG to DIR/NAME.png (links relative, no
// network, no script). Content per figure: kFigures below (statements are the papers';
// numbers come from the results).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "claims/claim.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"
#include "lib/base/status_macros.h"
#include "lib/io/result_file.h"
#include "protos/result.pb.h"

ABSL_FLAG(std::string, template_file, "", "The page template (tools/report/template.html).");
ABSL_FLAG(std::string, claims, "", "The claims result (//claims:claims).");
ABSL_FLAG(std::string, results, "", "Comma-separated LABEL=PATH of experiment results.");
ABSL_FLAG(std::string, figures, "", "Comma-separated NAME=PNG of the figures.");
ABSL_FLAG(std::string, scale, "", "Scale preset of the build.");
ABSL_FLAG(std::string, out_dir, "", "Output folder: index.html and the figures' PNGs.");

namespace vev::report {
namespace {

using claims::Claim;
using claims::Verdict;

// ---------------------------------------------------------------------------------------
// Content: what each paper and figure says. Numbers are never written here.

struct Paper {
  const char* id;
  const char* title;
};
const Paper kPapers[] = {
    {"vanishing_variance",
     "The Vanishing Empirical Variance in Randomly Initialized Deep ReLU Networks "
     "(Grzejdziak-Zdziarski, Tax, Loog)"},
    {"activation_distribution",
     "On the Effect of the Activation Function on the Distribution of Hidden Nodes in a Deep "
     "Network (ICLR 2019 submission)"},
};

struct FigureSpec {
  const char* name;   // gnuplot target name = PNG name
  const char* paper;  // Paper::id
  const char* title;
  const char* section;
  const char* statement;           // the paper's statement (quote or paraphrase)
  std::vector<const char*> claim_prefixes;  // claims shown with the figure
  std::vector<const char*> scalars;         // key numbers: "result-name:scalar"
  // Key tables: "result-name:table" (every row) or "result-name:table@last" (last row).
  std::vector<const char*> tables = {};
};

const FigureSpec kFigures[] = {
    {"fig_kurtosis_vs_depth", "vanishing_variance", "Output kurtosis over depth (Proposition 3)",
     "Sec. 4, Proposition 3, Lemma 4, Theorem 1",
     "\"for bounded-width networks, [the output kurtosis] goes to infinity\" with depth; "
     "Proposition 3 gives the exact recursion from (kappa_0, c_0), Lemma 4 its largest "
     "eigenvalue > 1. (Figure from the paper text's (kappa_0, c_0).)",
     {}, {},
     {"kurtosis_vs_depth:largest_eigenvalue", "kurtosis_vs_depth:kurtosis_cifar10_kw1@last",
      "kurtosis_vs_depth:kurtosis_cifar10_kw3@last"}},
    {"fig1", "vanishing_variance", "Fig. 1: test accuracy against output kurtosis",
     "Sec. 6.1, Fig. 1",
     "\"From the plots, we can see that networks with large output kurtosis at initialization "
     "cannot be effectively trained.\"",
     {"fig1_", "kappa0_"}, {"fig1_mnist:input_kappa0", "fig1_cifar10:input_kappa0",
                             "fig1_cifar10:cifar10_test_samples"}},
    {"fig_fig2", "vanishing_variance", "Fig. 2: quantiles of the empirical variance over depth",
     "Sec. 6.2, Fig. 2",
     "\"for all random initialization methods except MetaInit 90% networks will have empirical "
     "variance lower than 10^-3 after 80 layers and all quantiles monotonously decrease after 40 "
     "layers. For MetaInit, empirical variances explode. [...] [ZerO] keeps the empirical "
     "variance constant after the first layer.\"",
     {"fig2_"}, {}},
    {"fig3", "vanishing_variance", "Fig. 3: test accuracy over depth, six initializers",
     "Sec. 6.3, Fig. 3",
     "\"all random initialization methods fail to train in very deep regimes and are inferior "
     "to ZerO\"; \"ZerO [...] is superior to all these methods in very deep regimes.\"",
     {"fig3_"}, {"fig3_width10:cifar10_test_samples"}},
    {"fig_layer_kurtosis", "vanishing_variance", "Proposition 3 against simulation: kappa_l",
     "Sec. 4, Proposition 3 (a check beyond the paper's own code)",
     "The recursion of Proposition 3 gives kappa_l and c_l of every layer of a He network.",
     {}, {"layer_kurtosis:informative_comparisons", "layer_kurtosis:rms_z_kappa",
          "layer_kurtosis:rms_z_c", "layer_kurtosis:fraction_abs_z_kappa_above_2",
          "layer_kurtosis:count_abs_z_kappa_above_4.42"}},
    {"fig_layer_cov_squares", "vanishing_variance", "Proposition 3 against simulation: c_l",
     "Sec. 4, Proposition 3", "As above, for the normalized covariance of squares c_l.", {},
     {"layer_kurtosis:fraction_abs_z_c_above_2", "layer_kurtosis:count_abs_z_c_above_4.42"}},
    {"fig_layer_kurtosis_datasets", "vanishing_variance",
     "Proposition 3 from MNIST and CIFAR-10 inputs", "Sec. 4, Propositions 2 and 3",
     "Proposition 3 from the (kappa_0, c_0) of real data (Proposition 2's He random vector).",
     {}, {}},
    {"fig_variance_collapse", "vanishing_variance", "The collapse of the empirical variance",
     "Sec. 5", "The empirical variance S_n^2 of a deep He network's output tends to 0 while "
     "its theoretical variance stays constant.",
     {}, {"empirical_variance:below_at_depth_independent_n10",
          "empirical_variance:below_at_depth_shared_n10",
          "empirical_variance:median_at_depth_shared_n10",
          "empirical_variance:below_gamma_at_depth_independent_n10"}},
    {"fig_empirical_variance_cdf", "vanishing_variance", "CDF of the empirical variance",
     "Sec. 5", "Distribution of S_n^2 by layer.", {}, {}},
    {"fig_empirical_variance_density", "vanishing_variance", "Density of the empirical variance",
     "Sec. 5", "Distribution of S_n^2 by layer.", {}, {}},
    {"fig_empirical_variance_moments", "vanishing_variance", "Moments of the empirical variance",
     "Sec. 5", "Var[S_n^2] = (kappa - (n-3)/(n-1)) sigma^4 / n for i.i.d. values.", {},
     {"empirical_variance:mean_at_depth_independent_n10"}},
    {"fig_variance_formula", "vanishing_variance", "Var[S_n^2] where the formula applies",
     "Sec. 5", "Var[S_n^2] checked at width 50, depth 20, n = 2 and 10.", {},
     {"empirical_variance_formula:mean_at_depth_independent_n2",
      "empirical_variance_formula:mean_at_depth_independent_n10"}},
    {"fig_cauchy_demo", "activation_distribution", "Proposition 9: phi = 1/z gives Cauchy(0, sqrt N)",
     "Sec. 4.1, Proposition 9; Sec. 5, first experiment",
     "\"h_2,1 is Cauchy(0, sqrt N)\" for phi(y) = 1/y; \"the Cauchy(0, sqrt N) distribution fits "
     "the data well.\"",
     {}, {"cauchy_demo:ks_cauchy_N10", "cauchy_demo:ks_gaussian_N10", "cauchy_demo:ks_cauchy_N1000",
          "cauchy_demo:ks_gaussian_N1000"}},
    {"fig_dependence_demo", "activation_distribution", "Fig. 2: dependence in the second layer",
     "Sec. 5, Figure 2",
     "\"When some of the values in the first hidden layer have unusually small magnitude, then "
     "the values in the second hidden layer coordinately tend to be large.\"",
     {}, {"dependence_demo:shown_iqr_max_over_min", "dependence_demo:sd_log_iqr",
          "dependence_demo:control_sd_log_iqr_iid_cauchy"}},
    {"fig_theorem10_cov_squares", "activation_distribution",
     "Theorem 10: Cov[h_21^2, h_22^2] is not zero", "Sec. 4.2, Theorem 10 and Eq. (4)",
     "\"If phi is either the ReLU or the Heaviside function, then [...] (h_2,1, ..., h_2,N) are "
     "not independent\"; the proof computes the covariance of squares (Eq. (4)).",
     {"theorem10_"}, {"theorem10_cov_squares:ratio_eq4_relu",
                      "theorem10_cov_squares:ratio_eq4_heaviside"}},
    {"fig_theorem2_length_map", "activation_distribution",
     "Theorem 2: the length process converges to the length map", "Sec. 3, Theorem 2; Proposition 11",
     "\"For any permissible phi, sigma_w, sigma_b >= 0, any depth D [...]\" the length process "
     "converges in probability to the length map; Proposition 11: for phi = exp(alpha x^2) it "
     "can be undefined.",
     {"prop11_"}, {}},
};

struct Slip {
  const char* title;
  const char* text;
  std::vector<const char*> claim_prefixes;
};
const Slip kSlips[] = {
    {"(kappa_0, c_0) of MNIST and CIFAR-10 (vanishing-variance paper, Sec. 6.1)",
     "The text gives MNIST c_0 = 0.71, kappa_0 = 3.95 and CIFAR-10 c_0 = 0.10, kappa_0 = 3.28; "
     "the public code has the pairs the other way round. Measured: the code's MNIST pair "
     "agrees with the data, the text's does not; for CIFAR-10 neither published pair "
     "reproduces (the code's c_0 = 0.710 matches the unnormalized covariance of squares, "
     "see //experiments/theory_checks:input_kurtosis). Fig. 1 uses the measured values.",
     {"kappa0_"}},
    {"Theorem 10's Heaviside constant (activation paper, Sec. 4.2)",
     "The text gives 3 sigma_w^4 / (4N) for Heaviside, contradicting its own Eq. (4); the "
     "data agree with Eq. (4) for both activations.",
     {"theorem10_"}},
    {"Proposition 11's proof (activation paper, Sec. 4)",
     "The proof computes r~_1 as E[exp(alpha sqrt(q~_1) Z^2)] where E[phi(sqrt(q~) Z)^2] = "
     "E[exp(2 alpha q~ Z^2)] is meant; with it, the proof's choice sigma_w^2 + sigma_b^2 = "
     "1 / (4 alpha^2) diverges at layer 1 only for alpha <= 1. The proposition itself holds.",
     {"prop11_"}},
};

// ---------------------------------------------------------------------------------------
// Formatting.

std::string Html(absl::string_view s) {
  return absl::StrReplaceAll(
      s, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {" +- ", " &plusmn; "}});
}

// Numbers for people: integers grouped by thousands, 4 significant digits otherwise,
// scientific (with a superscript exponent) outside [1e-3, 1e5).
std::string Num(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "+&infin;" : "&minus;&infin;";
  if (x == std::floor(x) && std::abs(x) < 1e12) {
    std::string digits = absl::StrFormat("%.0f", std::abs(x));
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ",");
    return (x < 0 ? "&minus;" : "") + digits;
  }
  const double a = std::abs(x);
  if (a >= 1e-3 && a < 1e5) {
    std::string s = absl::StrFormat("%.4g", a);
    return (x < 0 ? "&minus;" : "") + s;
  }
  // "1.235e-05" -> mantissa "1.235", exponent -5 (the rounding is printf's).
  const std::string sci = absl::StrFormat("%.3e", a);
  const size_t e = sci.find('e');
  std::string mantissa = sci.substr(0, e);
  while (mantissa.back() == '0') mantissa.pop_back();
  if (mantissa.back() == '.') mantissa.pop_back();
  return absl::StrCat(x < 0 ? "&minus;" : "", mantissa, "&times;10<sup>",
                      std::stoi(sci.substr(e + 1)), "</sup>");
}

std::string NumSe(double x, double se) {
  return se != 0.0 ? absl::StrCat(Num(x), " &plusmn; ", Num(se)) : Num(x);
}

std::string VerdictClass(Verdict v) {
  switch (v) {
    case Verdict::kHolds:
      return "holds";
    case Verdict::kDoesNotReproduce:
      return "does-not-reproduce";
    case Verdict::kUndecided:
      return "undecided";
    case Verdict::kSkipped:
      return "skipped";
  }
  return "";
}

std::string Anchor(absl::string_view s) {
  std::string out;
  for (const char c : s) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  return out;
}

// ---------------------------------------------------------------------------------------
// Inputs.

struct NamedResult {
  std::string label;  // e.g. //experiments/vanishing_variance/fig2:fig2_gsm
  std::string name;   // the target name, e.g. fig2_gsm
  Result result;
};

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

absl::Status WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

std::vector<std::pair<std::string, std::string>> Pairs(const std::string& flag) {
  std::vector<std::pair<std::string, std::string>> out;
  for (absl::string_view item : absl::StrSplit(flag, ',', absl::SkipEmpty())) {
    out.push_back(absl::StrSplit(item, absl::MaxSplits('=', 1)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Page parts.

std::string ClaimRow(const Claim& c, bool with_id) {
  std::string measured;
  for (const claims::Measurement& m : c.measurements) {
    absl::StrAppend(&measured, measured.empty() ? "" : "<br>", "<span title=\"",
                    Html(m.description), "\">", Html(m.name), " = ", NumSe(m.value, m.std_error),
                    "</span>");
  }
  return absl::StrCat(
      "<tr class=\"", with_id ? "claim" : "claim-ref", "\"",
      with_id ? absl::StrCat(" id=\"claim-", Anchor(c.id), "\"") : "", "><td><b>",
      Html(c.statement), "</b><br><small>", Html(c.section), "</small></td><td>",
      Html(c.summary), measured.empty() ? "" : "<details><summary><small>values</small></summary><small>",
      measured, measured.empty() ? "" : "</small></details>", "</td><td class=\"verdict ", VerdictClass(c.verdict),
      "\">", Html(claims::VerdictText(c.verdict)), "</td><td><code>", Html(c.target),
      "</code></td></tr>\n");
}

std::string ClaimTable(const std::vector<const Claim*>& rows, bool with_id) {
  if (rows.empty()) return "";
  std::string out =
      "<table class=\"claims\"><tr><th>claim</th><th>measured value(s)</th><th>verdict</th>"
      "<th>target that checks it</th></tr>\n";
  for (const Claim* c : rows) absl::StrAppend(&out, ClaimRow(*c, with_id));
  return out + "</table>\n";
}

std::vector<const Claim*> Matching(const std::vector<Claim>& all,
                                   const std::vector<const char*>& prefixes) {
  std::vector<const Claim*> out;
  for (const Claim& c : all) {
    for (const char* p : prefixes) {
      if (absl::StartsWith(c.id, p)) {
        out.push_back(&c);
        break;
      }
    }
  }
  return out;
}

const NamedResult* FindResult(const std::vector<NamedResult>& results, absl::string_view name) {
  for (const NamedResult& r : results) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

std::string KeyNumbers(const FigureSpec& f, const std::vector<NamedResult>& results) {
  std::string rows;
  for (const char* spec : f.scalars) {
    const std::pair<std::string, std::string> rs = absl::StrSplit(spec, absl::MaxSplits(':', 1));
    const NamedResult* r = FindResult(results, rs.first);
    if (r == nullptr) continue;
    for (const Scalar& s : r->result.scalars()) {
      if (s.name() != rs.second) continue;
      absl::StrAppend(&rows, "<tr><td><code>", Html(rs.first), ":", Html(s.name()),
                      "</code></td><td class=\"num\">", NumSe(s.value(), s.std_error()),
                      "</td><td>", Html(s.description()), "</td></tr>\n");
    }
  }
  if (rows.empty()) return "";
  return absl::StrCat("<table class=\"numbers\"><tr><th>result:scalar</th><th>value</th>"
                      "<th>meaning</th></tr>\n", rows, "</table>\n");
}

std::string KeyTables(const FigureSpec& f, const std::vector<NamedResult>& results) {
  std::string out;
  for (const char* spec : f.tables) {
    std::pair<std::string, std::string> rs = absl::StrSplit(spec, absl::MaxSplits(':', 1));
    const bool last_only = absl::EndsWith(rs.second, "@last");
    if (last_only) rs.second.resize(rs.second.size() - 5);
    const NamedResult* r = FindResult(results, rs.first);
    if (r == nullptr) continue;
    const absl::StatusOr<const Table*> t = io::FindTable(r->result, rs.second);
    if (!t.ok() || (*t)->columns_size() == 0) continue;
    const int rows = (*t)->columns(0).values_size();
    absl::StrAppend(&out, "<table class=\"numbers\"><caption><code>", Html(rs.first), ":",
                    Html(rs.second), "</code>", last_only ? " (last row)" : "", ": ",
                    Html((*t)->description()), "</caption><tr>");
    for (const Column& c : (*t)->columns()) absl::StrAppend(&out, "<th>", Html(c.name()), "</th>");
    absl::StrAppend(&out, "</tr>\n");
    for (int i = last_only ? rows - 1 : 0; i < rows; ++i) {
      absl::StrAppend(&out, "<tr>");
      for (const Column& c : (*t)->columns()) {
        absl::StrAppend(&out, "<td class=\"num\">",
                        i < c.values_size() ? Num(c.values(i)) : "", "</td>");
      }
      absl::StrAppend(&out, "</tr>\n");
    }
    absl::StrAppend(&out, "</table>\n");
  }
  return out;
}

// Every field of the provenance by reflection (new fields show up without code changes),
// as (name, value) in field order; datasets (listed separately) and the command line
// (action paths) are left out.
std::vector<std::pair<std::string, std::string>> ProvenanceFields(const Provenance& p) {
  std::vector<std::pair<std::string, std::string>> out;
  const google::protobuf::Descriptor* d = p.GetDescriptor();
  const google::protobuf::Reflection* r = p.GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* f = d->field(i);
    if (f->name() == "datasets" || f->name() == "command_line") continue;
    std::string value;
    if (f->is_repeated()) {
      std::vector<std::string> items;
      for (int j = 0; j < r->FieldSize(p, f); ++j) {
        items.push_back(f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_STRING
                            ? r->GetRepeatedString(p, f, j)
                        : f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE
                            ? r->GetRepeatedMessage(p, f, j).ShortDebugString()
                            : "?");
      }
      value = absl::StrJoin(items, "; ");
    } else if (f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_STRING) {
      value = r->GetString(p, f);
    } else if (f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
      value = r->GetMessage(p, f).ShortDebugString();
    } else {
      google::protobuf::TextFormat::PrintFieldValueToString(p, f, -1, &value);
    }
    out.emplace_back(f->name(), value);
  }
  return out;
}

// The provenance fields with the same value in every result (shown once).
std::map<std::string, std::string> CommonProvenance(const std::vector<NamedResult>& results) {
  std::map<std::string, std::set<std::string>> values;
  for (const NamedResult& r : results) {
    for (const auto& [name, value] : ProvenanceFields(r.result.provenance())) {
      values[name].insert(value);
    }
  }
  std::map<std::string, std::string> common;
  for (const auto& [name, set] : values) {
    if (set.size() == 1) common[name] = *set.begin();
  }
  return common;
}

std::string FieldList(const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::map<std::string, std::string>& skip) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (value.empty() || skip.count(name)) continue;
    absl::StrAppend(&out, out.empty() ? "" : "<br>", Html(name), ": <span class=\"mono\">",
                    Html(value), "</span>");
  }
  return out;
}

std::string Counts(const Result& r) {
  std::vector<std::string> items;
  for (const Parameter& p : r.spec().parameters()) {
    static const std::set<std::string> kCounts = {
        "networks", "repeats", "samples", "widths", "depths", "inits", "datasets", "groups",
        "inputs_per_network", "steps"};
    if (kCounts.count(p.name())) items.push_back(absl::StrCat(p.name(), "=", p.value()));
  }
  return Html(absl::StrJoin(items, " "));
}

std::string Provenance_(const std::vector<NamedResult>& results) {
  const std::map<std::string, std::string> common = CommonProvenance(results);
  std::vector<std::pair<std::string, std::string>> common_list(common.begin(), common.end());
  std::string out = absl::StrCat(
      "<p>The same in every result: ", FieldList(common_list, {}), "</p>\n",
      "<table class=\"provenance\"><tr><th>result</th><th>scale, seed, shards</th><th>counts "
      "(flags)</th><th>wall time</th><th>code (provenance)</th></tr>\n");
  double total = 0;
  for (const NamedResult& r : results) {
    const Result& x = r.result;
    total += x.run().wall_seconds();
    absl::StrAppend(
        &out, "<tr id=\"result-", Anchor(r.name), "\"><td><code>", Html(r.label), "</code><br>",
        Html(x.spec().experiment()), io::IsDataUnavailable(x) ? " <b>(data unavailable)</b>" : "",
        "</td><td>", Html(x.spec().scale()), ", seed ", x.spec().seed(), ", ",
        x.spec().shard_count() > 1 ? absl::StrCat(x.spec().shard_count(), " shards") : "1 shard",
        "</td><td class=\"mono\">", Counts(x), "</td><td class=\"num\">",
        Num(std::round(x.run().wall_seconds() * 100) / 100), " s<br><small>", x.run().threads(),
        " thread(s), ", Html(x.run().started_utc()), "</small></td><td><small>",
        FieldList(ProvenanceFields(x.provenance()), common), "</small></td></tr>\n");
  }
  absl::StrAppend(&out, "</table>\n<p>Sum of the experiments' wall times: ",
                  Num(std::round(total * 10) / 10), " s (sharded experiments: the shards' sum).</p>\n");
  return out;
}

std::string Datasets(const std::vector<NamedResult>& results) {
  struct Use {
    std::string sha256;
    int64_t bytes = 0;
    std::set<std::string> by;
  };
  std::map<std::string, Use> files;
  for (const NamedResult& r : results) {
    for (const DatasetFile& f : r.result.provenance().datasets()) {
      Use& u = files[f.name()];
      if (!u.sha256.empty() && u.sha256 != f.sha256()) u.sha256 += " / DIFFERS: " + f.sha256();
      if (u.sha256.empty()) u.sha256 = f.sha256();
      u.bytes = f.bytes();
      u.by.insert(r.name);
    }
  }
  std::string out = "<table class=\"datasets\"><tr><th>file</th><th>SHA-256</th><th>bytes</th>"
                    "<th>read by</th></tr>\n";
  for (const auto& [name, u] : files) {
    absl::StrAppend(&out, "<tr><td><code>", Html(name), "</code></td><td class=\"mono\">",
                    Html(u.sha256), "</td><td class=\"num\">", Num(u.bytes), "</td><td><small>",
                    Html(absl::StrJoin(u.by, ", ")), "</small></td></tr>\n");
  }
  return out + "</table>\n";
}

std::string TestSetCaveat(const std::vector<NamedResult>& results) {
  double used = -1, canonical = -1;
  for (const NamedResult& r : results) {
    for (const Scalar& s : r.result.scalars()) {
      if (s.name() == "cifar10_test_samples") used = s.value();
      if (s.name() == "cifar10_test_canonical_samples") canonical = s.value();
    }
  }
  if (used < 0) return "";
  if (used == canonical) {
    return absl::StrCat("<p>CIFAR-10 test accuracies use the full test set (", Num(used),
                        " images).</p>\n");
  }
  return absl::StrCat(
      "<p class=\"caveat\" id=\"cifar10-caveat\"><b>CIFAR-10 test-set caveat.</b> Only ",
      Num(used), " of the ", Num(canonical),
      " canonical CIFAR-10 test images are available offline; every CIFAR-10 test accuracy on "
      "this page (Fig. 1 CIFAR-10, Fig. 3) is computed on those ", Num(used),
      " images (results say <code>cifar10_test_complete = 0</code>). With "
      "<code>test_batch.bin</code> in the data folder the full set is used.</p>\n");
}

absl::Status Run() {
  const std::string out_dir = absl::GetFlag(FLAGS_out_dir);
  if (out_dir.empty()) return absl::InvalidArgumentError("--out_dir is required");
  VEV_ASSIGN_OR_RETURN(const std::string page_template, ReadFile(absl::GetFlag(FLAGS_template_file)));
  VEV_ASSIGN_OR_RETURN(const Result claims_result, io::ReadResultFile(absl::GetFlag(FLAGS_claims)));
  VEV_ASSIGN_OR_RETURN(const std::vector<Claim> all_claims, claims::ClaimsFromResult(claims_result));
  std::vector<NamedResult> results;
  for (const auto& [label, path] : Pairs(absl::GetFlag(FLAGS_results))) {
    NamedResult r;
    r.label = label;
    r.name = label.substr(label.rfind(':') + 1);
    VEV_ASSIGN_OR_RETURN(r.result, io::ReadResultFile(path));
    results.push_back(std::move(r));
  }
  std::sort(results.begin(), results.end(),
            [](const NamedResult& a, const NamedResult& b) { return a.label < b.label; });
  std::map<std::string, std::string> figure_png;
  for (const auto& [name, path] : Pairs(absl::GetFlag(FLAGS_figures))) {
    VEV_ASSIGN_OR_RETURN(const std::string png, ReadFile(path));
    VEV_RETURN_IF_ERROR(WriteFile(absl::StrCat(out_dir, "/", name, ".png"), png));
    figure_png[name] = name + ".png";
  }

  const std::string scale = absl::GetFlag(FLAGS_scale);
  int counts[5] = {0, 0, 0, 0, 0};
  for (const Claim& c : all_claims) ++counts[static_cast<int>(c.verdict)];
  std::string body;
  absl::StrAppend(&body, "<p>", all_claims.size(), " claims: <span class=\"verdict holds\">",
                  counts[1], " hold</span>, <span class=\"verdict does-not-reproduce\">", counts[2],
                  " do not reproduce</span>, <span class=\"verdict undecided\">", counts[3],
                  " undecided at this sample size</span>, <span class=\"verdict skipped\">",
                  counts[4], " skipped (dataset not available)</span>. ", results.size(),
                  " results, ", figure_png.size(), " figures.</p>\n",
                  TestSetCaveat(results));
  // Contents.
  absl::StrAppend(&body, "<nav><ul><li><a href=\"#claims\">All claims</a></li>");
  for (const Paper& p : kPapers) {
    absl::StrAppend(&body, "<li><a href=\"#paper-", Anchor(p.id), "\">", Html(p.title), "</a></li>");
  }
  absl::StrAppend(&body, "<li><a href=\"#slips\">The papers' slips found</a></li>"
                         "<li><a href=\"#provenance\">Provenance</a></li></ul></nav>\n");
  // All claims, one row each.
  std::vector<const Claim*> every;
  for (const Claim& c : all_claims) every.push_back(&c);
  absl::StrAppend(&body, "<h2 id=\"claims\">All claims</h2>\n<p>Verdicts: <i>holds</i> = the "
                         "estimate satisfies the claim and the data do not contradict it; "
                         "<i>does not reproduce</i> = the data contradict it significantly "
                         "(family-wise false-failure budget 1e-5 per test, or |z| &gt; 4.42); "
                         "<i>undecided</i> = neither, at this sample size. Computed by "
                         "<code>//claims:claims</code>; the targets named assert on the same "
                         "numbers.</p>\n",
                  ClaimTable(every, /*with_id=*/true));
  // Per paper, per figure.
  for (const Paper& p : kPapers) {
    absl::StrAppend(&body, "<h2 id=\"paper-", Anchor(p.id), "\">", Html(p.title), "</h2>\n");
    for (const FigureSpec& f : kFigures) {
      if (std::string(f.paper) != p.id) continue;
      absl::StrAppend(&body, "<h3 id=\"figure-", Anchor(f.name), "\">", Html(f.title), "</h3>\n",
                      "<blockquote>", Html(f.statement), " <small>(", Html(f.section),
                      ")</small></blockquote>\n");
      const auto png = figure_png.find(f.name);
      if (png != figure_png.end()) {
        absl::StrAppend(&body, "<p><a href=\"", png->second, "\"><img class=\"figure\" src=\"",
                        png->second, "\" alt=\"", Html(f.title), "\"></a><br><small>Figure "
                        "target <code>", Html(f.name), "</code> (PDF and SVG beside the PNG in "
                        "bazel-bin/plots/.../", Html(scale), "/).</small></p>\n");
      } else {
        absl::StrAppend(&body, "<p><i>Figure ", Html(f.name), " not built.</i></p>\n");
      }
      absl::StrAppend(&body, KeyNumbers(f, results), KeyTables(f, results),
                      ClaimTable(Matching(all_claims, f.claim_prefixes), /*with_id=*/false));
    }
  }
  // Slips.
  absl::StrAppend(&body, "<h2 id=\"slips\">The papers' slips found</h2>\n");
  for (const Slip& s : kSlips) {
    absl::StrAppend(&body, "<h3>", Html(s.title), "</h3>\n<p>", Html(s.text), "</p>\n",
                    ClaimTable(Matching(all_claims, s.claim_prefixes), /*with_id=*/false));
  }
  // Provenance.
  absl::StrAppend(&body, "<h2 id=\"provenance\">Provenance</h2>\n<p>Scale <b>", Html(scale),
                  "</b>. Every result below is a build output of this build (its binary is "
                  "identified by <code>binary_sha256</code>; <code>git_commit</code> is "
                  "\"unknown\" for results computed as build actions).</p>\n",
                  Provenance_(results), "<h3>Datasets</h3>\n", Datasets(results),
                  TestSetCaveat(results));

  std::string page = absl::StrReplaceAll(
      page_template,
      {{"{{TITLE}}", Html(absl::StrCat("Reproduction report (", scale, " scale)"))},
       {"{{SCALE}}", Html(scale)},
       {"{{BODY}}", body}});
  return WriteFile(absl::StrCat(out_dir, "/index.html"), page);
}

}  // namespace
}  // namespace vev::report

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Writes the evaluator's HTML report from results and figures.");
  absl::ParseCommandLine(argc, argv);
  const absl::Status status = vev::report::Run();
  if (!status.ok()) {
    std::fprintf(stderr, "report: %s\n", status.ToString().c_str());
    return 2;
  }
  return 0;
}

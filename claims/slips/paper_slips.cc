#include "claims/slips/paper_slips.h"

#include <cmath>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace vev::claims {
namespace {

absl::StatusOr<Scalar> Find(const Result& r, const std::string& name) {
  for (const Scalar& s : r.scalars()) {
    if (s.name() == name) return s;
  }
  return absl::NotFoundError(absl::StrCat("result ", r.spec().experiment(), " has no scalar ", name));
}

Claim Base(std::string id, std::string paper, std::string section, std::string statement) {
  Claim c;
  c.id = std::move(id);
  c.paper = std::move(paper);
  c.section = std::move(section);
  c.statement = std::move(statement);
  c.target = kSlipsTarget;
  return c;
}

}  // namespace

absl::StatusOr<std::vector<Claim>> InputKurtosisClaims(const Result& r) {
  struct Pair {
    const char* dataset;
    const char* label;
    const char* source;
    double kappa, c;
  };
  const Pair pairs[] = {{"mnist", "MNIST", "text", 3.95, 0.71},
                        {"mnist", "MNIST", "code", 3.284, 0.0973},
                        {"cifar10", "CIFAR-10", "text", 3.28, 0.10},
                        {"cifar10", "CIFAR-10", "code", 3.953, 0.710}};
  std::vector<Claim> out;
  for (const Pair& p : pairs) {
    Claim c = Base(absl::StrCat("kappa0_", p.dataset, "_", p.source), "vanishing_variance",
                   std::string(p.source) == "text" ? "Sec. 6.1 (text)"
                                                   : "Sec. 6.1 (the public code's values)",
                   absl::StrFormat("%s (kappa_0, c_0) = (%g, %g), as in the paper's %s",
                                   p.label, p.kappa, p.c, p.source));
    const absl::StatusOr<Scalar> kappa = Find(r, absl::StrCat(p.dataset, "_kappa0"));
    const absl::StatusOr<Scalar> c0 = Find(r, absl::StrCat(p.dataset, "_c0"));
    if (!kappa.ok() || !c0.ok()) {
      // A dataset skipped by the experiment (not available on this machine: the result
      // then says data_unavailable = 1 and has no estimates for it).
      out.push_back(SkippedClaim(c, absl::StrCat("no ", p.dataset, " estimate in input_kurtosis")));
      continue;
    }
    const double z_kappa = (kappa->value() - p.kappa) / kappa->std_error();
    const double z_c = (c0->value() - p.c) / c0->std_error();
    c.verdict = std::abs(z_kappa) <= kSlipsZ && std::abs(z_c) <= kSlipsZ
                    ? Verdict::kHolds
                    : Verdict::kDoesNotReproduce;
    c.summary = absl::StrFormat(
        "measured kappa_0 = %.4f +- %.4f (z = %.1f), c_0 = %.4f +- %.4f (z = %.1f); "
        "closed forms %.4f, %.4f",
        kappa->value(), kappa->std_error(), z_kappa, c0->value(), c0->std_error(), z_c,
        Find(r, absl::StrCat(p.dataset, "_kappa0_closed_form"))->value(),
        Find(r, absl::StrCat(p.dataset, "_c0_closed_form"))->value());
    c.Add("kappa0", kappa->value(), kappa->std_error(), "Monte-Carlo kappa_0");
    c.Add("c0", c0->value(), c0->std_error(), "Monte-Carlo c_0");
    c.Add("z_kappa0", z_kappa, 0, "(measured - published kappa_0) / SE");
    c.Add("z_c0", z_c, 0, "(measured - published c_0) / SE");
    out.push_back(c);
  }
  return out;
}

absl::StatusOr<std::vector<Claim>> Theorem10Claims(const Result& r) {
  struct Item {
    const char* id;
    const char* statement;
    const char* ratio;
    const char* z;
  };
  const Item items[] = {
      {"theorem10_relu_eq4",
       "Theorem 10 proof, ReLU: Cov[h_21^2, h_22^2] = 5 sigma_w^8 / (4N) (Eq. (4))",
       "ratio_eq4_relu", "z_ratio_vs_eq4_relu"},
      {"theorem10_heaviside_eq4", "Theorem 10 proof, Heaviside: Cov[h_21^2, h_22^2] from Eq. (4)",
       "ratio_eq4_heaviside", "z_ratio_vs_eq4_heaviside"},
      {"theorem10_heaviside_text",
       "Theorem 10 proof, Heaviside, as printed in the text: 3 sigma_w^4 / (4N)",
       "ratio_eq4_heaviside", "z_ratio_vs_paper_text_heaviside"},
  };
  std::vector<Claim> out;
  for (const Item& item : items) {
    Claim c = Base(item.id, "activation_distribution", "Sec. 4.2, Theorem 10", item.statement);
    const absl::StatusOr<Scalar> ratio = Find(r, item.ratio);
    if (!ratio.ok()) return ratio.status();
    const absl::StatusOr<Scalar> z = Find(r, item.z);
    if (!z.ok()) return z.status();
    c.verdict = std::abs(z->value()) <= kSlipsZ ? Verdict::kHolds : Verdict::kDoesNotReproduce;
    c.summary = absl::StrFormat(
        "estimate / Eq. (4) = %.4f +- %.4f (pooled over widths and sigma_w); z against the "
        "statement = %.1f",
        ratio->value(), ratio->std_error(), z->value());
    c.Add("ratio_eq4", ratio->value(), ratio->std_error(), "estimate / Eq. (4), pooled");
    c.Add("z", z->value(), 0, "(pooled ratio - stated ratio) / SE");
    out.push_back(c);
  }
  return out;
}

absl::StatusOr<std::vector<Claim>> Proposition11Claims(const Result& r) {
  std::string configs;
  int depth = 0;
  for (const Parameter& p : r.spec().parameters()) {
    if (p.name() == "undefined_configs") configs = p.value();
    if (p.name() == "depth" && !absl::SimpleAtoi(p.value(), &depth)) {
      return absl::InvalidArgumentError("theorem2_length_map: bad --depth " + p.value());
    }
  }
  Claim proof = Base("prop11_proof", "activation_distribution", "Sec. 4, Proposition 11 (proof)",
                     "with sigma_w^2 + sigma_b^2 = 1 / (4 alpha^2), r~_1 diverges: the length "
                     "map of phi = exp(alpha z^2) is undefined after layer 1");
  Claim statement = Base("prop11_statement", "activation_distribution", "Sec. 4, Proposition 11",
                         "for phi = exp(alpha z^2) some (sigma_w, sigma_b) make the length map "
                         "undefined for all l >= 2");
  bool proof_holds = true, proof_tested = false, statement_holds = false;
  std::string proof_values, statement_values;
  int index = 0;
  for (absl::string_view config : absl::StrSplit(configs, ',', absl::SkipEmpty())) {
    const std::vector<std::string> parts = absl::StrSplit(config, '/');
    double alpha = 0, sw = 0, sb = 0;
    absl::string_view act = parts.empty() ? "" : parts[0];
    if (parts.size() != 3 || !absl::ConsumePrefix(&act, "exp_square:") ||
        !absl::SimpleAtod(act, &alpha) || !absl::SimpleAtod(parts[1], &sw) ||
        !absl::SimpleAtod(parts[2], &sb)) {
      return absl::InvalidArgumentError(absl::StrCat("undefined_configs: cannot parse ", config));
    }
    const absl::StatusOr<Scalar> layers = Find(r, absl::StrCat("length_map_layers_u", index++));
    if (!layers.ok()) return layers.status();
    const double defined = layers->value();
    const std::string text = absl::StrFormat("alpha = %g, sigma_w = %.4g, sigma_b = %g: defined "
                                             "up to layer %.0f of %d",
                                             alpha, sw, sb, defined, depth);
    if (std::abs(sw * sw + sb * sb - 1.0 / (4 * alpha * alpha)) < 1e-9) {
      proof_tested = true;
      proof_holds &= defined <= 1;
      absl::StrAppend(&proof_values, proof_values.empty() ? "" : "; ", text);
      proof.Add(absl::StrFormat("layers_defined_alpha%g", alpha), defined, 0,
                "last layer where the length map is defined, the proof's sigma choice");
    }
    statement_holds |= defined <= 1;
    absl::StrAppend(&statement_values, statement_values.empty() ? "" : "; ", text);
    statement.Add(absl::StrCat("layers_defined_u", index - 1), defined, 0,
                  absl::StrCat("last layer where the length map is defined, ", config));
  }
  proof.verdict = !proof_tested ? Verdict::kUndecided
                  : proof_holds ? Verdict::kHolds
                                : Verdict::kDoesNotReproduce;
  proof.summary = proof_tested ? proof_values : "no configuration with the proof's choice";
  statement.verdict = statement_holds ? Verdict::kHolds : Verdict::kUndecided;
  statement.summary = statement_values;
  return std::vector<Claim>{statement, proof};
}

}  // namespace vev::claims

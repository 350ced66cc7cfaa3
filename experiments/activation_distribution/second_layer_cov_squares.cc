// Theorem 10 of the activation paper: Monte-Carlo estimates of
//   Cov[h_{2,1}^2, h_{2,2}^2] = E[h_{2,1}^2 h_{2,2}^2] - E[h_{2,1}^2] E[h_{2,2}^2]
// for each activation, width N and sigma_w, with delta-method standard errors, against
// Eq. (4) = sigma_w^4 (E[x^4] - E[x^2]^2) / N and against the values printed in the paper's
// text (5 sigma_w^8 / (4N) for ReLU, which is Eq. (4); 3 sigma_w^4 / (4N) for Heaviside,
// which is 3 times Eq. (4)). Input x_0 = (1, ..., 1); every pair i != j of the second layer
// of each network is used (lib/stats/squares_covariance.h).
//
//   bazel run //experiments/activation_distribution:second_layer_cov_squares -- --out=/tmp/t.pb
//
// Tables "cov_squares_<activation>_sw<sigma_w>": width, estimate, std_error, eq4,
// paper_text (NaN where the paper prints nothing), ratio_eq4 (estimate / Eq. (4)),
// ratio_se, z_eq4, z_paper_text. Scalars per activation: the inverse-variance weighted mean
// of estimate / Eq. (4) over all widths and sigma_w ("ratio_eq4_<activation>"), and its
// distance in SEs from 1 and from the paper's printed ratio.
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/activation/activation.h"
#include "lib/activation/gaussian_moment.h"
#include "lib/activation/random_network.h"
#include "lib/activation/second_layer_dependence.h"
#include "lib/base/progress.h"
#include "lib/base/status_macros.h"
#include "lib/io/experiment_frame.h"
#include "lib/io/flag_parsing.h"
#include "lib/io/table_builder.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/estimate.h"

ABSL_FLAG(std::string, activations, "relu,heaviside",
          "Comma-separated activations (relu, heaviside, tanh, poly:C0:C1:...).");
ABSL_FLAG(std::string, widths, "2,5,10,50,100", "Comma-separated widths N (>= 2).");
ABSL_FLAG(std::string, sigma_ws, "0.5,1,2", "Comma-separated sigma_w (> 0).");
ABSL_FLAG(double, sigma_b, 0.0, "Bias scale (>= 0); Eq. (4) holds for any sigma_b.");
ABSL_FLAG(int64_t, networks, 1000000, "Independent networks per configuration (>= 2).");
ABSL_FLAG(std::string, sampler, "conditional",
          "explicit (draw every weight) or conditional (h_2 given h_1 directly; same law).");

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Config {
  std::vector<vev::activation::Activation> activations;
  std::vector<int> widths;
  std::vector<double> sigma_ws;
  double sigma_b;
  int64_t networks;
  vev::activation::NetworkSampler sampler;
};

absl::StatusOr<Config> ConfigFromFlags() {
  Config c;
  for (const absl::string_view name :
       absl::StrSplit(absl::GetFlag(FLAGS_activations), ',', absl::SkipEmpty())) {
    absl::StatusOr<vev::activation::Activation> phi = vev::activation::Activation::Parse(name);
    if (!phi.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--activations: ", phi.status().message()));
    }
    c.activations.push_back(*phi);
  }
  if (c.activations.empty()) return absl::InvalidArgumentError("--activations: empty");
  VEV_ASSIGN_OR_RETURN(c.widths, vev::io::ParseIntList("widths", absl::GetFlag(FLAGS_widths), 2));
  VEV_ASSIGN_OR_RETURN(c.sigma_ws, vev::io::ParseDoubleList("sigma_ws",
                                                             absl::GetFlag(FLAGS_sigma_ws), 0.0));
  for (const double sw : c.sigma_ws) {
    if (!(sw > 0.0)) return absl::InvalidArgumentError("--sigma_ws: every value must be > 0");
  }
  c.sigma_b = absl::GetFlag(FLAGS_sigma_b);
  if (!(c.sigma_b >= 0.0) || !std::isfinite(c.sigma_b)) {
    return absl::InvalidArgumentError("--sigma_b must be finite and >= 0");
  }
  c.networks = absl::GetFlag(FLAGS_networks);
  if (c.networks < 2) return absl::InvalidArgumentError("--networks must be >= 2");
  absl::StatusOr<vev::activation::NetworkSampler> sampler =
      vev::activation::ParseNetworkSampler(absl::GetFlag(FLAGS_sampler));
  if (!sampler.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--sampler: ", sampler.status().message()));
  }
  c.sampler = *sampler;
  // Eq. (4) must exist (E[x^4] finite), e.g. not for phi = 1/z.
  const vev::activation::GaussianMomentCalculator calculator;
  for (const vev::activation::Activation& phi : c.activations) {
    for (const double sw : c.sigma_ws) {
      const absl::StatusOr<double> eq4 =
          vev::activation::Eq4CovSquares(phi, sw, c.sigma_b, 2, calculator);
      if (!eq4.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "--activations: Eq. (4) is undefined for ", phi.Name(), " at sigma_w = ", sw, ": ",
            eq4.status().message()));
      }
    }
  }
  return c;
}

// One row of "cov_squares_<activation>_sw<sigma_w>".
struct CovRow {
  double width, estimate, std_error, eq4, paper_text, ratio_eq4, ratio_se, z_eq4, z_paper_text;
};

// Streams are keyed by (--seed, configuration, network).
absl::Status Compute(const Config& config, const vev::io::FrameContext& frame,
                     vev::io::ExperimentRun& run) {
  const vev::activation::GaussianMomentCalculator calculator;
  const int64_t configurations = static_cast<int64_t>(config.activations.size()) *
                                 config.sigma_ws.size() * config.widths.size();
  int64_t total_work = 0, done = 0;  // network-coordinates: networks * N
  for (const int n : config.widths) total_work += config.networks * n;
  total_work *= static_cast<int64_t>(config.activations.size() * config.sigma_ws.size());
  vev::ProgressReporter progress(
      absl::StrCat("second_layer_cov_squares (", configurations, " configurations)"),
      total_work, "node-samples");
  using R = CovRow;
  for (const vev::activation::Activation& phi : config.activations) {
    std::vector<vev::stats::Estimate> ratios;  // estimate / Eq. (4), every width and sigma_w
    std::optional<double> paper_ratio;
    for (const double sw : config.sigma_ws) {
      vev::io::RowTable<R> table({{"width", "N", &R::width},
                                  {"estimate", "", &R::estimate},
                                  {"std_error", "", &R::std_error},
                                  {"eq4", "", &R::eq4},
                                  {"paper_text", "", &R::paper_text},
                                  {"ratio_eq4", "", &R::ratio_eq4},
                                  {"ratio_se", "", &R::ratio_se},
                                  {"z_eq4", "SE", &R::z_eq4},
                                  {"z_paper_text", "SE", &R::z_paper_text}});
      for (const int n : config.widths) {
        vev::activation::SecondLayerSimulationOptions options;
        options.spec.phi = phi;
        options.spec.width = n;
        options.spec.depth = 2;
        options.spec.sigma_w = sw;
        options.spec.sigma_b = config.sigma_b;
        options.spec.sampler = config.sampler;
        options.networks = config.networks;
        options.seed = frame.seed;
        options.key = vev::activation::ConfigurationKey(options.spec);
        options.threads = frame.threads;
        const vev::stats::Estimate e =
            vev::activation::SimulateSecondLayerCovSquares(options).CovSquares();
        done += config.networks * n;
        progress.Update(done);
        VEV_ASSIGN_OR_RETURN(const double eq4, vev::activation::Eq4CovSquares(
                                                   phi, sw, config.sigma_b, n, calculator));
        const std::optional<double> printed =
            config.sigma_b == 0.0 ? vev::activation::PaperTextCovSquares(phi, sw, n)
                                  : std::nullopt;
        const vev::stats::Estimate ratio{e.value / eq4, e.std_error / eq4};
        table.Add({static_cast<double>(n), e.value, e.std_error, eq4, printed.value_or(kNaN),
                   ratio.value, ratio.std_error, e.ZScore(eq4),
                   printed.has_value() ? e.ZScore(*printed) : kNaN});
        ratios.push_back(ratio);
        if (printed.has_value()) paper_ratio = *printed / eq4;
      }
      table.WriteTo(run.AddTable(
          absl::StrCat("cov_squares_", phi.Name(), "_sw", sw),
          absl::StrCat("Cov[h_21^2, h_22^2] for phi = ", phi.Formula(), ", sigma_w = ", sw,
                       ", sigma_b = ", config.sigma_b, ", ", config.networks,
                       " networks per width")));
    }
    const vev::stats::Estimate pooled = vev::stats::InverseVarianceMean(ratios);
    run.AddScalar(absl::StrCat("ratio_eq4_", phi.Name()), pooled.value, pooled.std_error,
                  absl::StrCat("estimate / Eq. (4), inverse-variance mean over all widths and "
                               "sigma_w, phi = ", phi.Formula()));
    run.AddScalar(absl::StrCat("z_ratio_vs_eq4_", phi.Name()), pooled.ZScore(1.0), 0.0,
                  "(pooled ratio - 1) / SE: Eq. (4) is right if |z| is small");
    if (paper_ratio.has_value()) {
      run.AddScalar(absl::StrCat("z_ratio_vs_paper_text_", phi.Name()),
                    pooled.ZScore(*paper_ratio), 0.0,
                    absl::StrCat("(pooled ratio - ", *paper_ratio,
                                 ") / SE: the paper's printed value is right if |z| is small"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  vev::io::ExperimentDefinition definition;
  definition.name = "second_layer_cov_squares";
  definition.usage =
      "Theorem 10 of the activation paper: Monte-Carlo Cov[h_21^2, h_22^2] vs Eq. (4) -> "
      "result proto.";
  definition.default_seed = 20181010;
  definition.rng_scheme = vev::rng::kRngScheme;
  definition.default_threads = 2;
  return vev::io::RunExperiment<Config>(argc, argv, definition,
                                        {ConfigFromFlags, Compute, nullptr});
}

// Theorem 2 of the activation paper: the length process q_l = (1/N) sum_i h_{l,i}^2 of random
// networks converges in probability to the length map q~_l as the width N grows, for
// permissible phi; and it does not for phi = 1/z (Sec. 4.1), whose length map is undefined
// after layer 1. Proposition 11 (phi = exp(alpha z^2)): the length map computation reports
// the undefined value with its reason.
//
//   bazel run //experiments/activation_distribution:length_process -- --out=/tmp/l.pb
//
// --configs lists ACTIVATION/SIGMA_W/SIGMA_B; configuration i gives tables
//   "length_map_c<i>": layer, q_tilde (the defined layers only),
//   "length_error_c<i>" (length map defined): width, then for each layer l = 1..D six
//      columns of the relative distance e = (q_l - q~_l) / q~_l over the networks:
//      median_abs_l<l> (median of |e|; convergence in probability means every quantile of
//      |e| goes to 0, and quantiles are robust where moments are not, e.g. for a
//      polynomial phi at N = 10), median_abs_lo_l<l> / median_abs_hi_l<l> (a 1-SE band:
//      the quantiles at 1/2 -+ sqrt(1 / (4 R))), p90_abs_l<l>, rms_l<l> (sqrt(mean e^2)) and
//      mean_l<l> (mean e: the O(1/N) bias),
//   "length_quantiles_c<i>" (always): width, then per layer q<l>_p25, q<l>_p50, q<l>_p75
//      (mquantiles of q_l over the networks),
// and a scalar "length_map_layers_c<i>" (the last layer l with q~_l defined; its description
// is the length map's status message). --undefined_configs only compute the length map
// (scalars "length_map_layers_u<i>").
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/activation/activation.h"
#include "lib/activation/gaussian_moment.h"
#include "lib/activation/length_map.h"
#include "lib/activation/length_process.h"
#include "lib/activation/random_network.h"
#include "lib/base/eigen_types.h"
#include "lib/base/progress.h"
#include "lib/base/status_macros.h"
#include "lib/io/experiment_frame.h"
#include "lib/io/flag_parsing.h"
#include "lib/io/table_builder.h"
#include "lib/rng/random_stream.h"

ABSL_FLAG(std::string, configs,
          "relu/1.4142135623730951/0,relu/1/0.5,tanh/1/0,tanh/2.5/0.3,poly:0:1:0.25/0.9/0.1,"
          "poly:0:1:0.25/0.7/0.3,reciprocal/1/0",
          "Comma-separated ACTIVATION/SIGMA_W/SIGMA_B to simulate (activations as in "
          "lib/activation/activation.h, e.g. relu, tanh, poly:0:1:0.25, reciprocal).");
ABSL_FLAG(std::string, undefined_configs,
          "exp_square:0.5/0.7071067811865476/0,exp_square:2/0.25/0,exp_square:0.25/1.2/0.3",
          "ACTIVATION/SIGMA_W/SIGMA_B whose length map only is computed (Proposition 11).");
ABSL_FLAG(std::string, widths, "10,32,100,316,1000,3162,10000",
          "Comma-separated widths N (>= 1).");
ABSL_FLAG(int, depth, 10, "Layers D (>= 1).");
ABSL_FLAG(int, repeats, 200, "Independent networks per configuration and width (>= 2).");
ABSL_FLAG(std::string, sampler, "conditional",
          "explicit (draw every weight: N^2 normals per layer) or conditional (h_l given "
          "x_{l-1} directly: N per layer; same law).");

namespace {

struct NetworkConfig {
  vev::activation::Activation phi = vev::activation::Activation::Relu();
  double sigma_w = 1.0;
  double sigma_b = 0.0;
};

struct Config {
  std::vector<NetworkConfig> configs, undefined;
  std::vector<int> widths;
  int depth, repeats;
  vev::activation::NetworkSampler sampler;
};

absl::StatusOr<std::vector<NetworkConfig>> ParseConfigs(absl::string_view flag,
                                                         absl::string_view text) {
  std::vector<NetworkConfig> out;
  for (const absl::string_view item : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    const std::vector<absl::string_view> parts = absl::StrSplit(item, '/');
    NetworkConfig c;
    if (parts.size() != 3 || !absl::SimpleAtod(parts[1], &c.sigma_w) ||
        !absl::SimpleAtod(parts[2], &c.sigma_b) || !(c.sigma_w >= 0.0) ||
        !(c.sigma_b >= 0.0) || !std::isfinite(c.sigma_w) || !std::isfinite(c.sigma_b)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--", flag, ": '", item, "' is not ACTIVATION/SIGMA_W/SIGMA_B with sigmas >= 0"));
    }
    absl::StatusOr<vev::activation::Activation> phi = vev::activation::Activation::Parse(parts[0]);
    if (!phi.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", phi.status().message()));
    }
    c.phi = *phi;
    out.push_back(c);
  }
  return out;
}

absl::StatusOr<Config> ConfigFromFlags() {
  Config c;
  VEV_ASSIGN_OR_RETURN(c.configs, ParseConfigs("configs", absl::GetFlag(FLAGS_configs)));
  VEV_ASSIGN_OR_RETURN(c.undefined,
                       ParseConfigs("undefined_configs", absl::GetFlag(FLAGS_undefined_configs)));
  VEV_ASSIGN_OR_RETURN(c.widths, vev::io::ParseIntList("widths", absl::GetFlag(FLAGS_widths), 1));
  c.depth = absl::GetFlag(FLAGS_depth);
  if (c.depth < 1) return absl::InvalidArgumentError("--depth must be >= 1");
  c.repeats = absl::GetFlag(FLAGS_repeats);
  if (c.repeats < 2) return absl::InvalidArgumentError("--repeats must be >= 2");
  absl::StatusOr<vev::activation::NetworkSampler> sampler =
      vev::activation::ParseNetworkSampler(absl::GetFlag(FLAGS_sampler));
  if (!sampler.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--sampler: ", sampler.status().message()));
  }
  c.sampler = *sampler;
  return c;
}

std::string Describe(const NetworkConfig& c) {
  return absl::StrCat("phi = ", c.phi.Formula(), ", sigma_w = ", c.sigma_w,
                      ", sigma_b = ", c.sigma_b);
}

// Records the length map (or why it is undefined) and returns the defined prefix.
vev::activation::LengthMap RecordLengthMap(const NetworkConfig& c, int depth,
                                           const std::string& suffix,
                                           const vev::activation::GaussianMomentCalculator& calc,
                                           vev::io::ExperimentRun& run) {
  vev::activation::LengthMap map;
  const absl::Status status =
      vev::activation::ComputeLengthMapPrefix(c.phi, c.sigma_w, c.sigma_b, depth, calc, &map);
  const std::string message =
      status.ok() ? "OK: the length map is defined at every layer" : std::string(status.message());
  const int defined = static_cast<int>(map.q.size()) - 1;
  run.AddScalar(absl::StrCat("length_map_layers_", suffix), defined, 0.0,
                absl::StrCat(Describe(c), ": ", message));
  vev::io::TableBuilder table(run.AddTable(absl::StrCat("length_map_", suffix),
                                           absl::StrCat("Length map q~_l, ", Describe(c))),
                              {{"layer", ""}, {"q_tilde", ""}});
  for (int l = 0; l <= defined; ++l) table.AddRow({static_cast<double>(l), map.q[l]});
  return map;
}

// Streams are keyed by (--seed, configuration, network).
absl::Status Compute(const Config& config, const vev::io::FrameContext& frame,
                     vev::io::ExperimentRun& run) {
  const vev::activation::GaussianMomentCalculator calc;
  const int d = config.depth;
  int64_t total = 0, done = 0;
  for (const int n : config.widths) total += static_cast<int64_t>(n) * config.repeats;
  total *= static_cast<int64_t>(config.configs.size());
  vev::ProgressReporter progress("length_process", total, "network-widths");
  for (size_t i = 0; i < config.configs.size(); ++i) {
    const NetworkConfig& c = config.configs[i];
    const std::string suffix = absl::StrCat("c", i);
    const vev::activation::LengthMap map = RecordLengthMap(c, d, suffix, calc, run);
    const bool defined = static_cast<int>(map.r.size()) == d + 1;
    // One row per width: width, then per layer the columns named below.
    std::vector<vev::io::ColumnName> quantile_columns = {{"width", "N"}}, error_columns;
    for (int l = 1; l <= d; ++l) {
      for (const char* p : {"_p25", "_p50", "_p75"}) {
        quantile_columns.push_back({absl::StrCat("q", l, p), ""});
      }
    }
    vev::io::TableBuilder quantiles(
        run.AddTable(absl::StrCat("length_quantiles_", suffix),
                     absl::StrCat("Quartiles of q_l over ", config.repeats,
                                  " networks per width, ", Describe(c))),
        quantile_columns);
    std::optional<vev::io::TableBuilder> errors;
    if (defined) {
      error_columns.push_back({"width", "N"});
      for (int l = 1; l <= d; ++l) {
        for (const char* name : {"median_abs_l", "median_abs_lo_l", "median_abs_hi_l",
                                 "p90_abs_l", "rms_l", "mean_l"}) {
          error_columns.push_back({absl::StrCat(name, l), ""});
        }
      }
      errors.emplace(run.AddTable(absl::StrCat("length_error_", suffix),
                                  absl::StrCat("Relative distance e = (q_l - q~_l) / q~_l over ",
                                               config.repeats, " networks per width, ",
                                               Describe(c))),
                     error_columns);
    }
    for (const int n : config.widths) {
      vev::activation::LengthProcessOptions options;
      options.spec.phi = c.phi;
      options.spec.width = n;
      options.spec.depth = d;
      options.spec.sigma_w = c.sigma_w;
      options.spec.sigma_b = c.sigma_b;
      options.spec.sampler = config.sampler;
      options.repeats = config.repeats;
      options.seed = frame.seed;
      options.key = vev::activation::ConfigurationKey(options.spec);
      options.threads = frame.threads;
      const vev::MatrixD q = vev::activation::SimulateLengthProcess(options);
      done += static_cast<int64_t>(n) * config.repeats;
      progress.Update(done);
      std::vector<double> quantile_row = {static_cast<double>(n)}, error_row = quantile_row;
      std::vector<double> row(config.repeats);
      for (int l = 1; l <= d; ++l) {
        for (int r = 0; r < config.repeats; ++r) row[r] = q(l - 1, r);
        const vev::activation::LengthLayerSummary s = vev::activation::SummarizeLengthLayer(
            row, defined ? std::optional<double>(map.q[l]) : std::nullopt);
        quantile_row.insert(quantile_row.end(), {s.q25, s.q50, s.q75});
        error_row.insert(error_row.end(), {s.median_abs, s.median_abs_lo, s.median_abs_hi,
                                           s.p90_abs, s.rms, s.mean});
      }
      quantiles.AddRow(quantile_row);
      if (errors.has_value()) errors->AddRow(error_row);
    }
  }
  for (size_t i = 0; i < config.undefined.size(); ++i) {
    RecordLengthMap(config.undefined[i], d, absl::StrCat("u", i), calc, run);
  }
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  vev::io::ExperimentDefinition definition;
  definition.name = "length_process";
  definition.usage =
      "Theorem 2 of the activation paper: the length process q_l against the length map "
      "q~_l over widths N -> result proto.";
  definition.default_seed = 20181020;
  definition.rng_scheme = vev::rng::kRngScheme;
  definition.default_threads = 2;
  return vev::io::RunExperiment<Config>(argc, argv, definition,
                                        {ConfigFromFlags, Compute, nullptr});
}

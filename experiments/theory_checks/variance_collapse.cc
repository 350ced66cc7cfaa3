// Sec. 5 of the vanishing-variance paper (issue 5, item 3): the distribution of the
// empirical variance S_n^2 / sigma^2 of unit 0 at every layer of He-initialized networks
// (Gaussian He random vector inputs, so sigma^2 = 1 at every layer), against
//   Var[S_n^2] = (kappa_l - (n - 3) / (n - 1)) sigma^4 / n        (i.i.d. values)
// and the Gamma(DF/2, 2/DF) approximation with DF = 2n / (kappa_l - (n - 3) / (n - 1)),
// kappa_l from Proposition 3; and P(S_n^2 < threshold) over depth. Both samplings of
// lib/theory/empirical_variance.h: "independent" (each of the n values from its own
// network: the setting of the formulas) and "shared_network" (one network, n inputs: the
// setting of Fig. 2).
//
//   bazel run //experiments/theory_checks:variance_collapse -- --out=/tmp/v.pb
//
// Tables, for each sampling s (independent, shared) and sample size n:
//   "layers_<s>_n<n>": one row per layer: kappa_theory, df, mean (E[S^2], SE, batch
//     skewness, informative by the rule below),
//     variance (Var[S^2], SE, batch skewness), variance_theory, variance_z, informative
//     (as in lib/theory/layer_kurtosis.h: relative SE <= 0.05 and batch skewness <= 2, and
//     all shallower layers too), *_plot columns (NaN where not informative),
//     below (P(S^2 < threshold), binomial SE), below_gamma (the Gamma approximation's),
//     median, ks (Kolmogorov-Smirnov distance to the Gamma approximation).
//   "cdf_<s>_n<n>": x on a log grid, then ecdf_l<L> and gamma_l<L> for each --plot_layers L.
//   "density_<s>_n<n>": u = log10(x) bin centers, then hist_l<L> (density of log10 S^2)
//     and gamma_l<L> (the Gamma approximation's density of log10 S^2).
// Shards write the raw replicates (tables raw_<s>_n<n>, one column per layer); the merge
// (or an unsharded run) computes the rest and drops them.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/progress.h"
#include "lib/base/status_macros.h"
#include "lib/io/experiment_run.h"
#include "lib/io/flag_parsing.h"
#include "lib/io/shards.h"
#include "lib/nn/initializer_kind.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/histogram.h"
#include "lib/theory/empirical_variance.h"
#include "lib/theory/he_network_sampler.h"
#include "lib/theory/kurtosis_recursion.h"

ABSL_FLAG(std::string, out, "", "Output result file (binary protobuf). Required.");
ABSL_FLAG(int, width, 10, "Width w of every layer (>= 2).");
ABSL_FLAG(int, depth, 100, "Depth d: layers 0..d are observed.");
ABSL_FLAG(vev::nn::InitializerKind, init, vev::nn::InitializerKind::kHeNormal,
          "He initializer: he_normal, he_uniform or he_bernoulli.");
ABSL_FLAG(double, negative_slope, 0.0, "Negative slope a.");
ABSL_FLAG(std::string, independent_sample_sizes, "10,100",
          "Sample sizes n (>= 2) for independent values; each must divide the largest. "
          "Empty: no independent sampling.");
ABSL_FLAG(int64_t, independent_blocks, 2000,
          "Blocks of n_max independent networks (n_max = the largest independent sample "
          "size): R_n = blocks * n_max / n replicates of S_n^2.");
ABSL_FLAG(std::string, shared_sample_sizes, "10,100,1000",
          "Sample sizes n (>= 2) for one network and n inputs (prefixes of n_max inputs). "
          "Empty: no shared sampling.");
ABSL_FLAG(int64_t, shared_networks, 10000, "Networks (= replicates) for shared sampling.");
ABSL_FLAG(int, batches, 50, "Batches for the SE of Var[S^2] (>= 20).");
ABSL_FLAG(double, threshold, 1e-3, "Threshold of P(S^2 < threshold) (> 0).");
ABSL_FLAG(std::string, plot_layers, "1,5,10,20,50,100",
          "Layers whose CDF and density are tabulated (each <= depth).");
ABSL_FLAG(double, log10_min, -16, "Smallest log10(x) of the CDF grid and histograms.");
ABSL_FLAG(double, log10_max, 2, "Largest log10(x) of the CDF grid and histograms.");
ABSL_FLAG(int, grid_points_per_decade, 10, "CDF grid points per decade (>= 1).");
ABSL_FLAG(int, bins_per_decade, 4, "Histogram bins per decade of log10 S^2 (>= 1).");
ABSL_FLAG(uint64_t, seed, 5005, "Base seed; streams are keyed by (seed, sampling, network).");
ABSL_FLAG(std::string, scale, "default", "Scale preset, recorded only.");
ABSL_FLAG(int, shard_index, 0, "Shard to compute (0-based).");
ABSL_FLAG(int, shard_count, 1, "Number of shards.");
ABSL_FLAG(std::string, merge_inputs, "", "Comma-separated shard results to merge, in order.");

namespace vev::theory_checks {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Config {
  theory::HeNetworkOptions network;
  std::vector<int> independent_sizes;
  int64_t independent_blocks;
  std::vector<int> shared_sizes;
  int64_t shared_networks;
  int batches;
  double threshold;
  std::vector<int> plot_layers;
  double log10_min, log10_max;
  int grid_points_per_decade, bins_per_decade;
};

absl::StatusOr<Config> ConfigFromFlags() {
  if (absl::GetFlag(FLAGS_out).empty()) return absl::InvalidArgumentError("--out is required");
  Config c;
  c.network.width = absl::GetFlag(FLAGS_width);
  c.network.depth = absl::GetFlag(FLAGS_depth);
  c.network.init = absl::GetFlag(FLAGS_init);
  c.network.negative_slope = absl::GetFlag(FLAGS_negative_slope);
  c.network.input = theory::InputKind::kGaussian;
  VEV_RETURN_IF_ERROR(theory::ValidateHeNetworkOptions(c.network));
  if (!absl::GetFlag(FLAGS_independent_sample_sizes).empty()) {
    VEV_ASSIGN_OR_RETURN(c.independent_sizes,
                         io::ParseIntList("independent_sample_sizes",
                                          absl::GetFlag(FLAGS_independent_sample_sizes), 2));
    const int n_max = *std::max_element(c.independent_sizes.begin(), c.independent_sizes.end());
    for (const int n : c.independent_sizes) {
      if (n_max % n != 0) {
        return absl::InvalidArgumentError(absl::StrCat("--independent_sample_sizes: ", n,
                                                       " does not divide the largest, ", n_max));
      }
    }
  }
  if (!absl::GetFlag(FLAGS_shared_sample_sizes).empty()) {
    VEV_ASSIGN_OR_RETURN(
        c.shared_sizes,
        io::ParseIntList("shared_sample_sizes", absl::GetFlag(FLAGS_shared_sample_sizes), 2));
  }
  if (c.independent_sizes.empty() && c.shared_sizes.empty()) {
    return absl::InvalidArgumentError(
        "--independent_sample_sizes and --shared_sample_sizes are both empty");
  }
  c.batches = absl::GetFlag(FLAGS_batches);
  if (c.batches < 20) return absl::InvalidArgumentError("--batches must be >= 20");
  c.independent_blocks = absl::GetFlag(FLAGS_independent_blocks);
  c.shared_networks = absl::GetFlag(FLAGS_shared_networks);
  if ((!c.independent_sizes.empty() && c.independent_blocks < 2 * c.batches) ||
      (!c.shared_sizes.empty() && c.shared_networks < 2 * c.batches)) {
    return absl::InvalidArgumentError(
        "--independent_blocks and --shared_networks must be at least 2 * --batches");
  }
  c.threshold = absl::GetFlag(FLAGS_threshold);
  if (!(c.threshold > 0)) return absl::InvalidArgumentError("--threshold must be > 0");
  VEV_ASSIGN_OR_RETURN(c.plot_layers,
                       io::ParseIntList("plot_layers", absl::GetFlag(FLAGS_plot_layers), 0));
  for (const int l : c.plot_layers) {
    if (l > c.network.depth) {
      return absl::InvalidArgumentError(
          absl::StrCat("--plot_layers: ", l, " exceeds --depth = ", c.network.depth));
    }
  }
  c.log10_min = absl::GetFlag(FLAGS_log10_min);
  c.log10_max = absl::GetFlag(FLAGS_log10_max);
  c.grid_points_per_decade = absl::GetFlag(FLAGS_grid_points_per_decade);
  c.bins_per_decade = absl::GetFlag(FLAGS_bins_per_decade);
  if (!(c.log10_max > c.log10_min) || c.grid_points_per_decade < 1 || c.bins_per_decade < 1 ||
      std::floor(c.log10_max - c.log10_min) != c.log10_max - c.log10_min) {
    return absl::InvalidArgumentError(
        "--log10_min/max must span a whole number of decades; points and bins per decade >= 1");
  }
  return c;
}

rng::RandomStream SamplingStream(uint64_t seed, const theory::HeNetworkOptions& network,
                                 theory::VarianceSampling sampling) {
  uint64_t slope_bits;
  std::memcpy(&slope_bits, &network.negative_slope, sizeof slope_bits);
  return rng::RandomStream(
      seed, {static_cast<uint64_t>(sampling), slope_bits, static_cast<uint64_t>(network.width),
             static_cast<uint64_t>(network.init)});
}

std::string RawName(theory::VarianceSampling s, int n) {
  return absl::StrCat(
      "raw_", s == theory::VarianceSampling::kIndependent ? "independent" : "shared", "_n", n);
}

std::string Suffix(theory::VarianceSampling s, int n) {
  return absl::StrCat(s == theory::VarianceSampling::kIndependent ? "independent" : "shared", "_n",
                      n);
}

// Simulates this shard's blocks of one sampling and appends raw tables (one per n).
void RunSampling(const Config& config, theory::VarianceSampling sampling,
                 const std::vector<int>& sizes, int64_t blocks, uint64_t seed, int index, int count,
                 ProgressReporter* progress, int64_t* done, io::ExperimentRun& run) {
  theory::EmpiricalVarianceSimulator simulator(config.network, sampling, sizes);
  const rng::RandomStream stream = SamplingStream(seed, config.network, sampling);
  const io::ShardRange range = io::ShardOf(blocks, index, count);
  const int layers = config.network.depth + 1;
  // columns[i][l]: the replicates of size sizes[i] at layer l, in replicate order.
  std::vector<std::vector<std::vector<double>>> columns(sizes.size(),
                                                        std::vector<std::vector<double>>(layers));
  const int64_t cost =
      sampling == theory::VarianceSampling::kIndependent ? simulator.max_sample_size() : 1;
  for (int64_t block = range.begin; block < range.end; ++block) {
    const auto s2 = simulator.SimulateBlock(stream, block);
    for (size_t i = 0; i < sizes.size(); ++i) {
      for (const std::vector<double>& group : s2[i]) {
        for (int l = 0; l < layers; ++l) columns[i][l].push_back(group[l]);
      }
    }
    *done += cost;
    progress->Update(*done);
  }
  for (size_t i = 0; i < sizes.size(); ++i) {
    Table* table = run.AddTable(RawName(sampling, sizes[i]), "Raw replicates of S_n^2");
    for (int l = 0; l < layers; ++l) {
      io::AddColumn(table, absl::StrCat("l", l), "", columns[i][l]);
    }
  }
}

std::vector<std::vector<double>> TakeRawTable(Result& result, const std::string& name, int layers) {
  for (int t = 0; t < result.tables_size(); ++t) {
    if (result.tables(t).name() != name) continue;
    const Table& table = result.tables(t);
    VEV_CHECK(table.columns_size() == layers);
    std::vector<std::vector<double>> out(layers);
    for (int l = 0; l < layers; ++l) {
      out[l].assign(table.columns(l).values().begin(), table.columns(l).values().end());
    }
    result.mutable_tables()->DeleteSubrange(t, 1);
    return out;
  }
  return {};
}

// The analysis of one (sampling, n).
absl::Status Analyze(const Config& config, theory::VarianceSampling sampling, int n,
                     const std::vector<theory::KurtosisState>& kappa, io::ExperimentRun& run) {
  const int layers = config.network.depth + 1;
  const std::vector<std::vector<double>> raw =
      TakeRawTable(run.result(), RawName(sampling, n), layers);
  if (raw.empty() || raw[0].size() < 2 * static_cast<size_t>(config.batches)) {
    return absl::InvalidArgumentError(
        absl::StrCat("missing or short raw table ", RawName(sampling, n)));
  }
  const std::string suffix = Suffix(sampling, n);
  const double sigma2 = 1.0;  // Gaussian He random vector input, Proposition 1
  std::vector<double> col_layer, col_kappa, col_df, col_mean, col_mean_se, col_var, col_var_se,
      col_var_skew, col_var_theory, col_var_z, col_informative, col_var_plot, col_var_se_plot,
      col_mean_skew, col_mean_informative, col_mean_plot, col_mean_se_plot, col_below, col_below_se,
      col_below_gamma, col_median, col_ks;
  std::vector<theory::EmpiricalVarianceSummary> summaries(layers);
  bool informative = true, mean_informative = true;
  int first_half = -1, first_ninety = -1, last_informative = -1;
  double max_abs_z = 0;
  for (int l = 0; l < layers; ++l) {
    const theory::GammaApproximation gamma = theory::SectionFiveGamma(kappa[l].kurtosis, n);
    const theory::EmpiricalVarianceSummary s =
        theory::SummarizeEmpiricalVariances(raw[l], config.batches, config.threshold, &gamma);
    summaries[l] = s;
    const double var_theory = theory::EmpiricalVarianceVariance(kappa[l].kurtosis, n, sigma2);
    informative = informative && s.variance.std_error <= 0.05 * s.variance.value &&
                  s.variance_batch_skewness <= 2.0;
    mean_informative =
        mean_informative && s.mean.std_error <= 0.05 * s.mean.value && s.mean_batch_skewness <= 2.0;
    if (informative) {
      last_informative = l;
      max_abs_z = std::max(max_abs_z, std::fabs(s.variance.ZScore(var_theory)));
    }
    if (first_half < 0 && s.below_threshold.value > 0.5) first_half = l;
    if (first_ninety < 0 && s.below_threshold.value > 0.9) first_ninety = l;
    col_layer.push_back(l);
    col_kappa.push_back(kappa[l].kurtosis);
    col_df.push_back(2.0 * gamma.shape);
    col_mean.push_back(s.mean.value);
    col_mean_se.push_back(s.mean.std_error);
    col_mean_skew.push_back(s.mean_batch_skewness);
    col_mean_informative.push_back(mean_informative ? 1 : 0);
    col_mean_plot.push_back(mean_informative ? s.mean.value : kNaN);
    col_mean_se_plot.push_back(mean_informative ? s.mean.std_error : kNaN);
    col_var.push_back(s.variance.value);
    col_var_se.push_back(s.variance.std_error);
    col_var_skew.push_back(s.variance_batch_skewness);
    col_var_theory.push_back(var_theory);
    col_var_z.push_back(s.variance.ZScore(var_theory));
    col_informative.push_back(informative ? 1 : 0);
    col_var_plot.push_back(informative ? s.variance.value : kNaN);
    col_var_se_plot.push_back(informative ? s.variance.std_error : kNaN);
    col_below.push_back(s.below_threshold.value);
    col_below_se.push_back(s.below_threshold.std_error);
    col_below_gamma.push_back(gamma.Cdf(config.threshold));
    col_median.push_back(s.median);
    col_ks.push_back(s.ks_distance);
  }
  const bool independent = sampling == theory::VarianceSampling::kIndependent;
  const std::string what =
      absl::StrCat("S_n^2 of unit 0, n = ", n, ", ",
                   independent ? "each value from its own network" : "one network and n inputs",
                   ", width ", config.network.width, ", ", nn::InitializerName(config.network.init),
                   ", a = ", config.network.negative_slope, ", ", raw[0].size(), " replicates");
  Table* table = run.AddTable("layers_" + suffix, what);
  io::AddColumn(table, "layer", "l", col_layer);
  io::AddColumn(table, "kappa_theory", "Proposition 3", col_kappa);
  io::AddColumn(table, "df", "DF_n", col_df);
  io::AddColumn(table, "mean", "E[S^2] / sigma^2", col_mean);
  io::AddColumn(table, "mean_se", "", col_mean_se);
  io::AddColumn(table, "mean_batch_skewness", "", col_mean_skew);
  io::AddColumn(table, "mean_informative", "0/1", col_mean_informative);
  io::AddColumn(table, "mean_plot", "NaN if not informative", col_mean_plot);
  io::AddColumn(table, "mean_se_plot", "", col_mean_se_plot);
  io::AddColumn(table, "variance", "Var[S^2] / sigma^4", col_var);
  io::AddColumn(table, "variance_se", "", col_var_se);
  io::AddColumn(table, "variance_batch_skewness", "", col_var_skew);
  io::AddColumn(table, "variance_theory", "(kappa - (n-3)/(n-1)) / n", col_var_theory);
  io::AddColumn(table, "variance_z", "SE", col_var_z);
  io::AddColumn(table, "informative", "0/1", col_informative);
  io::AddColumn(table, "variance_plot", "NaN if not informative", col_var_plot);
  io::AddColumn(table, "variance_se_plot", "", col_var_se_plot);
  io::AddColumn(table, "below", absl::StrCat("P(S^2 < ", config.threshold, ")"), col_below);
  io::AddColumn(table, "below_se", "", col_below_se);
  io::AddColumn(table, "below_gamma", "Gamma approximation", col_below_gamma);
  io::AddColumn(table, "median", "", col_median);
  io::AddColumn(table, "ks", "sup |ECDF - Gamma CDF|", col_ks);

  // CDF on a log grid and densities of log10 S^2 at the plot layers.
  const int decades = static_cast<int>(config.log10_max - config.log10_min);
  const int grid = decades * config.grid_points_per_decade + 1;
  Table* cdf = run.AddTable("cdf_" + suffix, "Empirical CDF of S^2 and the Gamma CDF: " + what);
  std::vector<double> x(grid);
  for (int i = 0; i < grid; ++i) {
    x[i] =
        std::pow(10.0, config.log10_min + static_cast<double>(i) / config.grid_points_per_decade);
  }
  io::AddColumn(cdf, "x", "S^2 / sigma^2", x);
  const int bins = decades * config.bins_per_decade;
  Table* density = run.AddTable(
      "density_" + suffix, "Density of log10(S^2 / sigma^2) and its Gamma approximation: " + what);
  std::vector<double> centers(bins);
  stats::Histogram prototype(config.log10_min, config.log10_max, bins);
  for (int i = 0; i < bins; ++i) centers[i] = prototype.BinCenter(i);
  io::AddColumn(density, "u", "log10(S^2 / sigma^2)", centers);
  for (const int l : config.plot_layers) {
    std::vector<double> sorted = raw[l];
    std::sort(sorted.begin(), sorted.end());
    const theory::GammaApproximation gamma = theory::SectionFiveGamma(kappa[l].kurtosis, n);
    std::vector<double> ecdf(grid), gcdf(grid);
    for (int i = 0; i < grid; ++i) {
      ecdf[i] = static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), x[i]) -
                                    sorted.begin()) /
                sorted.size();
      gcdf[i] = gamma.Cdf(x[i]);
    }
    io::AddColumn(cdf, absl::StrCat("ecdf_l", l), "", ecdf);
    io::AddColumn(cdf, absl::StrCat("gamma_l", l), "", gcdf);
    stats::Histogram histogram(config.log10_min, config.log10_max, bins);
    for (const double v : raw[l]) histogram.Add(v > 0 ? std::log10(v) : -INFINITY);
    std::vector<double> hist(bins), gdens(bins);
    for (int i = 0; i < bins; ++i) {
      hist[i] = histogram.Density(i);
      // Density of u = log10(x): f(10^u) 10^u ln(10).
      const double u = centers[i];
      gdens[i] =
          std::exp(gamma.LogPdf(std::pow(10.0, u)) + u * std::log(10.0) + std::log(std::log(10.0)));
    }
    io::AddColumn(density, absl::StrCat("hist_l", l), "", hist);
    io::AddColumn(density, absl::StrCat("gamma_l", l), "", gdens);
  }
  run.AddScalar("last_informative_layer_" + suffix, last_informative, 0,
                "Deepest layer where Var[S^2] is informative (-1: none)");
  run.AddScalar("max_abs_z_variance_" + suffix, last_informative >= 0 ? max_abs_z : -1.0, 0,
                "Largest |Var[S^2] - formula| / SE over informative layers (-1: none)");
  run.AddScalar("first_layer_below_half_" + suffix, first_half, 0,
                absl::StrCat("First layer with P(S^2 < ", config.threshold, ") > 0.5 (-1: none)"));
  run.AddScalar("first_layer_below_ninety_" + suffix, first_ninety, 0,
                absl::StrCat("First layer with P(S^2 < ", config.threshold, ") > 0.9 (-1: none)"));
  const theory::EmpiricalVarianceSummary& last = summaries.back();
  run.AddScalar("below_at_depth_" + suffix, last.below_threshold.value,
                last.below_threshold.std_error,
                absl::StrCat("P(S^2 < ", config.threshold, ") at the last layer"));
  run.AddScalar("below_gamma_at_depth_" + suffix, col_below_gamma.back(), 0,
                "The Gamma approximation's P(S^2 < threshold) at the last layer");
  run.AddScalar("mean_at_depth_" + suffix, last.mean.value, last.mean.std_error,
                "E[S^2] / sigma^2 at the last layer (theory for i.i.d. values: 1)");
  run.AddScalar("median_at_depth_" + suffix, last.median, 0, "Median S^2 at the last layer");
  return absl::OkStatus();
}

absl::Status Main(io::ExperimentRun& run) {
  VEV_ASSIGN_OR_RETURN(const Config config, ConfigFromFlags());
  const uint64_t seed = absl::GetFlag(FLAGS_seed);
  run.spec().set_scale(absl::GetFlag(FLAGS_scale));
  run.spec().set_seed(seed);
  run.spec().set_rng_scheme(rng::kRngScheme);
  const std::string merge_inputs = absl::GetFlag(FLAGS_merge_inputs);
  const int count = absl::GetFlag(FLAGS_shard_count);
  if (!merge_inputs.empty()) {
    const std::vector<std::string> paths = absl::StrSplit(merge_inputs, ',');
    VEV_RETURN_IF_ERROR(run.LoadMergedShards(paths));
  } else {
    const int index = absl::GetFlag(FLAGS_shard_index);
    VEV_RETURN_IF_ERROR(io::ValidateShardFlags(index, count));
    const int n_max_independent =
        config.independent_sizes.empty()
            ? 0
            : *std::max_element(config.independent_sizes.begin(), config.independent_sizes.end());
    const int64_t work =
        io::ShardOf(config.independent_blocks, index, count).size() * n_max_independent +
        (config.shared_sizes.empty() ? 0
                                     : io::ShardOf(config.shared_networks, index, count).size());
    ProgressReporter progress("variance_collapse", std::max<int64_t>(1, work), "networks");
    int64_t done = 0;
    if (!config.independent_sizes.empty()) {
      RunSampling(config, theory::VarianceSampling::kIndependent, config.independent_sizes,
                  config.independent_blocks, seed, index, count, &progress, &done, run);
    }
    if (!config.shared_sizes.empty()) {
      RunSampling(config, theory::VarianceSampling::kSharedNetwork, config.shared_sizes,
                  config.shared_networks, seed, index, count, &progress, &done, run);
    }
    if (count > 1) return absl::OkStatus();
  }
  theory::KurtosisModel model;
  model.negative_slope = config.network.negative_slope;
  model.weight_kurtosis = nn::HeWeightKurtosis(config.network.init);
  const std::vector<theory::KurtosisState> kappa = theory::KurtosisTrajectory(
      model, {3.0, 0.0}, std::vector<int>(config.network.depth, config.network.width));
  for (const int n : config.independent_sizes) {
    VEV_RETURN_IF_ERROR(Analyze(config, theory::VarianceSampling::kIndependent, n, kappa, run));
  }
  for (const int n : config.shared_sizes) {
    VEV_RETURN_IF_ERROR(Analyze(config, theory::VarianceSampling::kSharedNetwork, n, kappa, run));
  }
  run.AddScalar("plot_layer_count", static_cast<double>(config.plot_layers.size()), 0,
                "Number of layers with CDF and density columns (for the figure scripts)");
  for (size_t j = 0; j < config.plot_layers.size(); ++j) {
    run.AddScalar(absl::StrCat("plot_layer_", j + 1), config.plot_layers[j], 0,
                  "A layer with CDF and density columns, in column order");
  }
  run.AddScalar("theoretical_variance", 1.0, 0,
                "sigma^2 = Var[z_l] at every layer (Proposition 1, N(0, I) inputs)");
  return absl::OkStatus();
}

}  // namespace
}  // namespace vev::theory_checks

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Sec. 5: the empirical variance S_n^2 of He networks over depth vs Var[S_n^2] and the "
      "Gamma approximation -> result proto.");
  absl::ParseCommandLine(argc, argv);
  vev::io::ExperimentRun run("variance_collapse", argc, argv);
  const absl::Status status = vev::theory_checks::Main(run);
  if (!status.ok()) return vev::io::ExitWithError(status);
  return vev::io::ExitWithError(run.Write(absl::GetFlag(FLAGS_out)));
}

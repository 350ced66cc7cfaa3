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
// Shards write the raw replicates (tables raw_<s>_n<n>, one column per layer); the summary
// (of a merge or an unsharded run) computes the rest and drops them.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "lib/base/progress.h"
#include "lib/base/status_macros.h"
#include "lib/io/experiment_frame.h"
#include "lib/io/flag_parsing.h"
#include "lib/io/result_file.h"
#include "lib/io/table_builder.h"
#include "lib/nn/initializer_kind.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/empirical_cdf.h"
#include "lib/stats/histogram.h"
#include "lib/stats/log10_density.h"
#include "lib/theory/empirical_variance.h"
#include "lib/theory/he_network_sampler.h"
#include "lib/theory/kurtosis_recursion.h"
#include "lib/theory/layer_kurtosis.h"

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

namespace vev::theory_checks {
namespace {

using theory::VarianceSampling;
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
  int decades() const { return static_cast<int>(log10_max - log10_min); }
};

absl::StatusOr<Config> ConfigFromFlags() {
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

std::string Suffix(VarianceSampling s, int n) {
  return absl::StrCat(s == VarianceSampling::kIndependent ? "independent" : "shared", "_n", n);
}
std::string RawName(VarianceSampling s, int n) { return "raw_" + Suffix(s, n); }
std::string LayerColumn(int l) { return absl::StrCat("l", l); }

// Simulates this shard's blocks of one sampling and appends raw tables (one per n): one
// row per replicate, one column per layer.
void RunSampling(const Config& config, VarianceSampling sampling, const std::vector<int>& sizes,
                 const io::ShardRange& range, uint64_t seed, ProgressReporter& progress,
                 int64_t& done, io::ExperimentRun& run) {
  theory::EmpiricalVarianceSimulator simulator(config.network, sampling, sizes);
  const rng::RandomStream stream(
      seed, {static_cast<uint64_t>(sampling), rng::KeyFromDouble(config.network.negative_slope),
             static_cast<uint64_t>(config.network.width),
             static_cast<uint64_t>(config.network.init)});
  std::vector<io::ColumnName> columns;
  for (int l = 0; l <= config.network.depth; ++l) columns.push_back({LayerColumn(l), ""});
  std::vector<io::TableBuilder> tables;
  for (const int n : sizes) {
    tables.emplace_back(run.AddTable(RawName(sampling, n), "Raw replicates of S_n^2"), columns);
  }
  const int64_t cost = sampling == VarianceSampling::kIndependent ? simulator.max_sample_size() : 1;
  for (int64_t block = range.begin; block < range.end; ++block) {
    const auto s2 = simulator.SimulateBlock(stream, block);  // s2[i][group][layer]
    for (size_t i = 0; i < sizes.size(); ++i) {
      for (const std::vector<double>& group : s2[i]) tables[i].AddRow(group);
    }
    done += cost;
    progress.Update(done);
  }
}

absl::Status Compute(const Config& config, const io::FrameContext& frame,
                     io::ExperimentRun& run) {
  const io::ShardRange independent = frame.Range(config.independent_blocks);
  const io::ShardRange shared = frame.Range(config.shared_networks);
  const int n_max_independent =
      config.independent_sizes.empty()
          ? 0
          : *std::max_element(config.independent_sizes.begin(), config.independent_sizes.end());
  const int64_t work = independent.size() * n_max_independent +
                       (config.shared_sizes.empty() ? 0 : shared.size());
  ProgressReporter progress("variance_collapse", std::max<int64_t>(1, work), "networks");
  int64_t done = 0;
  if (!config.independent_sizes.empty()) {
    RunSampling(config, VarianceSampling::kIndependent, config.independent_sizes, independent,
                frame.seed, progress, done, run);
  }
  if (!config.shared_sizes.empty()) {
    RunSampling(config, VarianceSampling::kSharedNetwork, config.shared_sizes, shared,
                frame.seed, progress, done, run);
  }
  return absl::OkStatus();
}

// raw[l]: the replicates at layer l, from (and removed with) the raw table of (sampling, n).
absl::StatusOr<std::vector<std::vector<double>>> TakeReplicates(const Config& config,
                                                                VarianceSampling sampling, int n,
                                                                Result& result) {
  VEV_ASSIGN_OR_RETURN(const Table table, io::TakeTable(result, RawName(sampling, n)));
  std::vector<std::vector<double>> raw(config.network.depth + 1);
  for (int l = 0; l <= config.network.depth; ++l) {
    VEV_ASSIGN_OR_RETURN(raw[l], io::ColumnValues(table, LayerColumn(l)));
  }
  if (raw[0].size() < 2 * static_cast<size_t>(config.batches)) {
    return absl::InvalidArgumentError(absl::StrCat("short raw table ", RawName(sampling, n)));
  }
  return raw;
}

struct LayerRow {
  double layer, kappa_theory, df, mean, mean_se, mean_batch_skewness, mean_informative,
      mean_plot, mean_se_plot, variance, variance_se, variance_batch_skewness, variance_theory,
      variance_z, informative, variance_plot, variance_se_plot, below, below_se, below_gamma,
      median, ks;
};

io::RowTable<LayerRow> LayerTable(double threshold) {
  using R = LayerRow;
  return io::RowTable<R>({{"layer", "l", &R::layer},
                          {"kappa_theory", "Proposition 3", &R::kappa_theory},
                          {"df", "DF_n", &R::df},
                          {"mean", "E[S^2] / sigma^2", &R::mean},
                          {"mean_se", "", &R::mean_se},
                          {"mean_batch_skewness", "", &R::mean_batch_skewness},
                          {"mean_informative", "0/1", &R::mean_informative},
                          {"mean_plot", "NaN if not informative", &R::mean_plot},
                          {"mean_se_plot", "", &R::mean_se_plot},
                          {"variance", "Var[S^2] / sigma^4", &R::variance},
                          {"variance_se", "", &R::variance_se},
                          {"variance_batch_skewness", "", &R::variance_batch_skewness},
                          {"variance_theory", "(kappa - (n-3)/(n-1)) / n", &R::variance_theory},
                          {"variance_z", "SE", &R::variance_z},
                          {"informative", "0/1", &R::informative},
                          {"variance_plot", "NaN if not informative", &R::variance_plot},
                          {"variance_se_plot", "", &R::variance_se_plot},
                          {"below", absl::StrCat("P(S^2 < ", threshold, ")"), &R::below},
                          {"below_se", "", &R::below_se},
                          {"below_gamma", "Gamma approximation", &R::below_gamma},
                          {"median", "", &R::median},
                          {"ks", "sup |ECDF - Gamma CDF|", &R::ks}});
}

// The CDF table (x on the log grid; ecdf_l<L>, gamma_l<L>) and the density table (u, the
// log10 bin centers; hist_l<L>, gamma_l<L>) of the plot layers.
void AddDistributionTables(const Config& config, const std::vector<std::vector<double>>& raw,
                           const std::vector<theory::GammaApproximation>& gamma,
                           const std::string& suffix, const std::string& what,
                           io::ExperimentRun& run) {
  const std::vector<double> x =
      stats::Log10Grid(config.log10_min, config.decades(), config.grid_points_per_decade);
  const int bins = config.decades() * config.bins_per_decade;
  const stats::Histogram binning(config.log10_min, config.log10_max, bins);
  std::vector<std::vector<double>> cdf = {x}, density(1, std::vector<double>(bins));
  for (int i = 0; i < bins; ++i) density[0][i] = binning.BinCenter(i);
  std::vector<io::ColumnName> cdf_columns = {{"x", "S^2 / sigma^2"}},
                              density_columns = {{"u", "log10(S^2 / sigma^2)"}};
  for (const int l : config.plot_layers) {
    cdf.push_back(stats::EmpiricalCdf(raw[l], x));
    cdf.emplace_back(x.size());
    for (size_t i = 0; i < x.size(); ++i) cdf.back()[i] = gamma[l].Cdf(x[i]);
    const stats::Histogram histogram =
        stats::Log10Histogram(raw[l], config.log10_min, config.log10_max, bins);
    density.emplace_back(bins);
    density.emplace_back(bins);
    auto log_pdf = [&gamma, l](double v) { return gamma[l].LogPdf(v); };
    for (int i = 0; i < bins; ++i) {
      density[density.size() - 2][i] = histogram.Density(i);
      density.back()[i] = stats::Log10Density(log_pdf, density[0][i]);
    }
    cdf_columns.insert(cdf_columns.end(),
                       {{absl::StrCat("ecdf_l", l), ""}, {absl::StrCat("gamma_l", l), ""}});
    density_columns.insert(density_columns.end(),
                           {{absl::StrCat("hist_l", l), ""}, {absl::StrCat("gamma_l", l), ""}});
  }
  auto write = [&run](const std::string& name, const std::string& description,
                      std::vector<io::ColumnName> columns,
                      const std::vector<std::vector<double>>& values) {
    io::TableBuilder table(run.AddTable(name, description), std::move(columns));
    std::vector<double> row(values.size());
    for (size_t r = 0; r < values[0].size(); ++r) {
      for (size_t c = 0; c < values.size(); ++c) row[c] = values[c][r];
      table.AddRow(row);
    }
  };
  write("cdf_" + suffix, "Empirical CDF of S^2 and the Gamma CDF: " + what, cdf_columns, cdf);
  write("density_" + suffix,
        "Density of log10(S^2 / sigma^2) and its Gamma approximation: " + what, density_columns,
        density);
}

// The summary of one (sampling, n).
absl::Status Analyze(const Config& config, VarianceSampling sampling, int n,
                     const std::vector<theory::KurtosisState>& kappa, io::ExperimentRun& run) {
  VEV_ASSIGN_OR_RETURN(const std::vector<std::vector<double>> raw,
                       TakeReplicates(config, sampling, n, run.result()));
  const int layers = config.network.depth + 1;
  const std::string suffix = Suffix(sampling, n);
  const double sigma2 = 1.0;  // Gaussian He random vector input, Proposition 1
  // The criterion of lib/theory/layer_kurtosis.h with its defaults (relative SE <= 0.05,
  // batch skewness <= 2), applied to E[S^2] and Var[S^2].
  const theory::InformativeCriterion criterion;
  io::RowTable<LayerRow> rows = LayerTable(config.threshold);
  std::vector<theory::GammaApproximation> gamma(layers);
  theory::EmpiricalVarianceSummary last;
  bool informative = true, mean_informative = true;
  int first_half = -1, first_ninety = -1, last_informative = -1;
  double max_abs_z = 0;
  for (int l = 0; l < layers; ++l) {
    gamma[l] = theory::SectionFiveGamma(kappa[l].kurtosis, n);
    const theory::EmpiricalVarianceSummary s =
        theory::SummarizeEmpiricalVariances(raw[l], config.batches, config.threshold, &gamma[l]);
    const double var_theory = theory::EmpiricalVarianceVariance(kappa[l].kurtosis, n, sigma2);
    informative = informative && criterion.Admits(s.variance, s.variance_batch_skewness);
    mean_informative = mean_informative && criterion.Admits(s.mean, s.mean_batch_skewness);
    const double z = s.variance.ZScore(var_theory);
    if (informative) {
      last_informative = l;
      max_abs_z = std::max(max_abs_z, std::fabs(z));
    }
    if (first_half < 0 && s.below_threshold.value > 0.5) first_half = l;
    if (first_ninety < 0 && s.below_threshold.value > 0.9) first_ninety = l;
    rows.Add({static_cast<double>(l), kappa[l].kurtosis, 2.0 * gamma[l].shape, s.mean.value,
              s.mean.std_error, s.mean_batch_skewness, mean_informative ? 1.0 : 0.0,
              mean_informative ? s.mean.value : kNaN, mean_informative ? s.mean.std_error : kNaN,
              s.variance.value, s.variance.std_error, s.variance_batch_skewness, var_theory, z,
              informative ? 1.0 : 0.0, informative ? s.variance.value : kNaN,
              informative ? s.variance.std_error : kNaN, s.below_threshold.value,
              s.below_threshold.std_error, gamma[l].Cdf(config.threshold), s.median,
              s.ks_distance});
    last = s;
  }
  const bool independent = sampling == VarianceSampling::kIndependent;
  const std::string what =
      absl::StrCat("S_n^2 of unit 0, n = ", n, ", ",
                   independent ? "each value from its own network" : "one network and n inputs",
                   ", width ", config.network.width, ", ", nn::InitializerName(config.network.init),
                   ", a = ", config.network.negative_slope, ", ", raw[0].size(), " replicates");
  rows.WriteTo(run.AddTable("layers_" + suffix, what));
  AddDistributionTables(config, raw, gamma, suffix, what, run);
  const std::string below = absl::StrCat("P(S^2 < ", config.threshold, ")");
  run.AddScalar("last_informative_layer_" + suffix, last_informative, 0,
                "Deepest layer where Var[S^2] is informative (-1: none)");
  run.AddScalar("max_abs_z_variance_" + suffix, last_informative >= 0 ? max_abs_z : -1.0, 0,
                "Largest |Var[S^2] - formula| / SE over informative layers (-1: none)");
  run.AddScalar("first_layer_below_half_" + suffix, first_half, 0,
                absl::StrCat("First layer with ", below, " > 0.5 (-1: none)"));
  run.AddScalar("first_layer_below_ninety_" + suffix, first_ninety, 0,
                absl::StrCat("First layer with ", below, " > 0.9 (-1: none)"));
  run.AddScalar("below_at_depth_" + suffix, last.below_threshold.value,
                last.below_threshold.std_error, below + " at the last layer");
  run.AddScalar("below_gamma_at_depth_" + suffix, rows.rows().back().below_gamma, 0,
                "The Gamma approximation's P(S^2 < threshold) at the last layer");
  run.AddScalar("mean_at_depth_" + suffix, last.mean.value, last.mean.std_error,
                "E[S^2] / sigma^2 at the last layer (theory for i.i.d. values: 1)");
  run.AddScalar("median_at_depth_" + suffix, last.median, 0, "Median S^2 at the last layer");
  return absl::OkStatus();
}

absl::Status Summarize(const Config& config, const io::FrameContext&, io::ExperimentRun& run) {
  theory::KurtosisModel model;
  model.negative_slope = config.network.negative_slope;
  model.weight_kurtosis = nn::HeWeightKurtosis(config.network.init);
  const std::vector<theory::KurtosisState> kappa = theory::KurtosisTrajectory(
      model, {3.0, 0.0}, std::vector<int>(config.network.depth, config.network.width));
  for (const int n : config.independent_sizes) {
    VEV_RETURN_IF_ERROR(Analyze(config, VarianceSampling::kIndependent, n, kappa, run));
  }
  for (const int n : config.shared_sizes) {
    VEV_RETURN_IF_ERROR(Analyze(config, VarianceSampling::kSharedNetwork, n, kappa, run));
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
  vev::io::ExperimentDefinition definition;
  definition.name = "variance_collapse";
  definition.usage =
      "Sec. 5: the empirical variance S_n^2 of He networks over depth vs Var[S_n^2] and the "
      "Gamma approximation -> result proto.";
  definition.default_seed = 5005;
  definition.rng_scheme = vev::rng::kRngScheme;
  definition.sharded = true;
  namespace t = vev::theory_checks;
  return vev::io::RunExperiment<t::Config>(argc, argv, definition,
                                           {t::ConfigFromFlags, t::Compute, t::Summarize});
}

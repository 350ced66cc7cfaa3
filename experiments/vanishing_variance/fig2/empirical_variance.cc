// Fig. 2 of "The Vanishing Empirical Variance in Randomly Initialized Deep ReLU Networks"
// (Sec. 6.2; PROTOCOL.md "Fig. 2"), one initializer per run: for each of --networks
// networks (width 10, depth 100) drawn with --init, the empirical variance (ddof = 1) over
// the whole training set of --dataset of unit 0 of every Linear layer (z_0 .. z_100), then
// per layer the 0.9 / 0.99 / 0.999 quantiles over networks (mquantiles, 0.4 / 0.4).
//
//   bazel run //experiments/vanishing_variance/fig2:empirical_variance --
//       --dataset=mnist --init=gsm --networks=200 --threads=2 --out=/tmp/fig2_gsm.pb
//   (one command line)
//
// Network i is drawn from the stream keyed by (--seed, initializer, i)
// (lib/variance/initialized_networks.h), so results do not depend on --shard_count or
// --threads (bit-identical). The engine is lib/variance/unit_variance.h.
//
// Tables (<init> is the initializer's name):
//   <init>_network_variances  network, layer_0 .. layer_<depth>: one row per network
//   <init>_quantiles          (whole results only) layer, q0.9, q0.99, q0.999 (as set by
//                             --quantiles), their order-statistic confidence bounds at
//                             level 1 - --alpha (<q>_lower, <q>_upper), median,
//                             fraction_below (the fraction of networks with variance <
//                             --threshold), finite and non_finite counts
//   <init>_timing             one row per shard: networks evaluated, CPU seconds of
//                             initialization, first-layer GEMM, narrow layers, and total
// Scalars: the dataset's (lib/data/dataset_record.h), samples, networks,
// distinct_networks (1 for the deterministic ZerO: every network is the same, evaluated
// once), and data_unavailable = 1 (with nothing else) when --skip_if_data_unavailable is
// set and the dataset is missing.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "lib/base/eigen_types.h"
#include "lib/base/progress.h"
#include "lib/base/status_macros.h"
#include "lib/data/dataset.h"
#include "lib/data/dataset_locator.h"
#include "lib/data/dataset_name.h"
#include "lib/data/dataset_record.h"
#include "lib/io/experiment_frame.h"
#include "lib/io/flag_parsing.h"
#include "lib/io/result_file.h"
#include "lib/io/table_builder.h"
#include "lib/metainit/metainit_options.h"
#include "lib/nn/initializer_kind.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"
#include "lib/variance/initialized_networks.h"
#include "lib/variance/packed_samples.h"
#include "lib/variance/unit_variance.h"
#include "lib/variance/variance_quantiles.h"

ABSL_FLAG(vev::data::DatasetName, dataset, vev::data::DatasetName::kCifar10,
          "Dataset whose training split is the input: mnist, cifar10 or fashion_mnist.");
ABSL_FLAG(std::string, dataset_manifest, "",
          "Manifest of the training split; empty: //datasets:<dataset>_train in the runfiles.");
ABSL_FLAG(bool, skip_if_data_unavailable, false,
          "If the dataset is not available, write a result with the scalar data_unavailable "
          "= 1 instead of failing (for smoke runs on machines without the data).");
ABSL_FLAG(int64_t, max_samples, 0,
          "Use only the first N training samples (0: all, as in the paper).");
ABSL_FLAG(vev::nn::InitializerKind, init, vev::nn::InitializerKind::kHeNormal,
          "Initializer: he_normal, glorot_normal, orthogonal, gsm, metainit, zero, ... "
          "(lib/nn/initializers.h).");
ABSL_FLAG(int64_t, networks, 10000, "Number of networks (>= 1).");
ABSL_FLAG(int, width, 10, "Width of every hidden layer (>= 1).");
ABSL_FLAG(int, depth, 100, "Number of hidden layers (>= 0); the network has depth + 1 Linear layers.");
ABSL_FLAG(int, unit, 0, "Observed output unit of every Linear layer.");
ABSL_FLAG(int, metainit_steps, 500, "MetaInit steps (500 in MetaInit and PROTOCOL.md).");
ABSL_FLAG(std::string, quantiles, "0.9,0.99,0.999", "Quantile levels over networks.");
ABSL_FLAG(double, alpha, 1e-5,
          "1 - confidence level of the quantiles' order-statistic bounds (two-sided).");
ABSL_FLAG(double, threshold, 1e-3, "Variance threshold of the fraction_below column.");
ABSL_FLAG(int, networks_per_pass, 30,
          "Networks evaluated per pass over the data (speed only; results do not depend on it).");

namespace {

using vev::MatrixD;

struct Config {
  vev::data::DatasetName dataset;
  std::string dataset_manifest;
  bool skip_if_data_unavailable;
  int64_t max_samples;
  vev::nn::InitializerKind init;
  std::string init_name;
  vev::nn::MlpShape shape;
  int unit;
  int64_t networks;
  vev::metainit::MetaInitOptions metainit;
  std::vector<double> quantiles;
  double alpha;
  double threshold;
  int networks_per_pass;
};

absl::StatusOr<Config> ConfigFromFlags() {
  Config c;
  c.dataset = absl::GetFlag(FLAGS_dataset);
  c.dataset_manifest = vev::io::ResolveUserPath(absl::GetFlag(FLAGS_dataset_manifest));
  c.skip_if_data_unavailable = absl::GetFlag(FLAGS_skip_if_data_unavailable);
  c.init = absl::GetFlag(FLAGS_init);
  c.init_name = std::string(vev::nn::InitializerName(c.init));
  c.networks = absl::GetFlag(FLAGS_networks);
  if (c.networks < 1) return absl::InvalidArgumentError("--networks must be >= 1");
  c.shape.input_size = vev::data::DatasetImageShape(c.dataset).Features();
  c.shape.width = absl::GetFlag(FLAGS_width);
  c.shape.depth = absl::GetFlag(FLAGS_depth);
  c.shape.num_classes = vev::data::kNumClasses;
  VEV_RETURN_IF_ERROR(vev::nn::ValidateMlpShape(c.shape));
  c.unit = absl::GetFlag(FLAGS_unit);
  c.max_samples = absl::GetFlag(FLAGS_max_samples);
  if (c.max_samples < 0 || c.max_samples == 1) {
    return absl::InvalidArgumentError("--max_samples must be 0 (all) or >= 2");
  }
  c.metainit.steps = absl::GetFlag(FLAGS_metainit_steps);
  if (c.metainit.steps < 1) return absl::InvalidArgumentError("--metainit_steps must be >= 1");
  VEV_ASSIGN_OR_RETURN(c.quantiles,
                       vev::io::ParseDoubleList("quantiles", absl::GetFlag(FLAGS_quantiles), 0.0));
  for (const double q : c.quantiles) {
    if (q > 1.0) return absl::InvalidArgumentError("--quantiles must be in [0, 1]");
  }
  c.alpha = absl::GetFlag(FLAGS_alpha);
  if (!(c.alpha > 0.0 && c.alpha < 1.0)) {
    return absl::InvalidArgumentError("--alpha must be in (0, 1)");
  }
  c.threshold = absl::GetFlag(FLAGS_threshold);
  c.networks_per_pass = absl::GetFlag(FLAGS_networks_per_pass);
  if (c.networks_per_pass < 1) {
    return absl::InvalidArgumentError("--networks_per_pass must be >= 1");
  }
  return c;
}

std::string QuantileName(double q) { return absl::StrCat("q", q); }
std::string LayerColumn(int l) { return absl::StrCat("layer_", l); }

// Computes the shard's rows of <init>_network_variances and its <init>_timing row.
absl::Status ComputeShard(const Config& c, const vev::io::FrameContext& frame,
                          vev::io::ExperimentRun& run) {
  const vev::io::ShardRange range = frame.Range(c.networks);
  VEV_ASSIGN_OR_RETURN(std::optional<vev::data::Dataset> dataset,
                       vev::data::LocateAndLoadDatasetIfAvailable(
                           c.dataset, vev::data::Split::kTrain, frame.argv0, c.dataset_manifest,
                           c.skip_if_data_unavailable));
  if (!dataset.has_value()) {
    run.MarkDataUnavailable();
    return absl::OkStatus();
  }
  vev::data::RecordDataset(dataset->info, run.result());
  int64_t samples = dataset->features.cols();
  if (c.max_samples > 0) samples = std::min(samples, c.max_samples);
  const vev::variance::PackedSamples data(dataset->features.leftCols(samples));
  dataset.reset();  // free the unpacked copy
  run.AddScalar("samples", static_cast<double>(samples), 0.0,
                "training samples each variance is computed over");

  const bool deterministic = vev::variance::IsDeterministicInitializer(c.init);
  // A deterministic initializer draws nothing: evaluate one network, copy its row.
  const int64_t evaluated = deterministic ? std::min<int64_t>(1, range.size()) : range.size();
  vev::variance::UnitVarianceOptions options;
  options.unit = c.unit;
  options.threads = frame.threads;
  options.networks_per_pass = c.networks_per_pass;
  vev::ProgressReporter progress(absl::StrCat("fig2 ", c.init_name, " shard ",
                                              frame.shard_index + 1, "/", frame.shard_count),
                                 std::max<int64_t>(1, evaluated), "networks");
  options.progress = [&progress](int64_t done) { progress.Update(done); };
  vev::variance::UnitVarianceTimings timings;
  VEV_ASSIGN_OR_RETURN(
      const MatrixD v,
      vev::variance::ComputeUnitVariances(
          c.shape, data, evaluated,
          vev::variance::InitializedNetworks(c.init, frame.seed, range.begin, c.metainit),
          options, &timings));

  std::vector<vev::io::ColumnName> columns = {{"network", ""}};
  for (int l = 0; l < c.shape.num_layers(); ++l) columns.push_back({LayerColumn(l), "variance"});
  vev::io::TableBuilder variances(
      run.AddTable(
          absl::StrCat(c.init_name, "_network_variances"),
          absl::StrCat("Empirical variance (ddof = 1) over ", samples, " ",
                       vev::data::DatasetDisplayName(c.dataset), " training samples of unit ",
                       options.unit, " of every Linear layer's output, one row per network (",
                       c.init_name, ", width ", c.shape.width, ", depth ", c.shape.depth, ")")),
      columns);
  std::vector<double> row(columns.size());
  for (int64_t i = 0; i < range.size(); ++i) {
    row[0] = static_cast<double>(range.begin + i);
    for (int l = 0; l < c.shape.num_layers(); ++l) row[l + 1] = v(deterministic ? 0 : i, l);
    variances.AddRow(row);
  }
  vev::io::TableBuilder timing(run.AddTable(absl::StrCat(c.init_name, "_timing"),
                                            "Per shard: networks evaluated and CPU seconds by phase"),
                               {{"shard", ""},
                                {"networks_evaluated", ""},
                                {"init_cpu", "s"},
                                {"first_layer_cpu", "s"},
                                {"narrow_cpu", "s"},
                                {"total_cpu", "s"}});
  timing.AddRow({static_cast<double>(frame.shard_index), static_cast<double>(evaluated),
                 timings.init_cpu_seconds, timings.first_layer_cpu_seconds,
                 timings.narrow_cpu_seconds, timings.total_cpu_seconds});
  std::fprintf(stderr,
               "fig2 %s: %lld networks evaluated, CPU s: init %.2f, first layer %.2f, narrow "
               "%.2f, total %.2f\n",
               c.init_name.c_str(), static_cast<long long>(evaluated), timings.init_cpu_seconds,
               timings.first_layer_cpu_seconds, timings.narrow_cpu_seconds,
               timings.total_cpu_seconds);
  return absl::OkStatus();
}

// Adds <init>_quantiles and the whole-result scalars from <init>_network_variances.
absl::Status Summarize(const Config& c, const vev::io::FrameContext&,
                       vev::io::ExperimentRun& run) {
  VEV_ASSIGN_OR_RETURN(
      const vev::Table* raw,
      vev::io::FindTable(run.result(), absl::StrCat(c.init_name, "_network_variances")));
  VEV_ASSIGN_OR_RETURN(const vev::Column* network, vev::io::FindColumn(*raw, "network"));
  const int64_t n = network->values_size();
  MatrixD v(n, c.shape.num_layers());
  for (int l = 0; l < c.shape.num_layers(); ++l) {
    VEV_ASSIGN_OR_RETURN(const vev::Column* layer, vev::io::FindColumn(*raw, LayerColumn(l)));
    for (int64_t i = 0; i < n; ++i) v(i, l) = layer->values(i);
  }
  const vev::variance::LayerSummary s =
      vev::variance::SummarizeLayers(v, c.quantiles, c.alpha, c.threshold);
  const vev::variance::LayerSummary median =
      vev::variance::SummarizeLayers(v, {0.5}, c.alpha, c.threshold);
  std::vector<vev::io::ColumnName> columns = {{"layer", ""}};
  for (const double q : c.quantiles) {
    const std::string name = QuantileName(q);
    columns.insert(columns.end(),
                   {{name, "variance"}, {name + "_lower", "variance"}, {name + "_upper", "variance"}});
  }
  columns.insert(columns.end(), {{"median", "variance"},
                                 {"fraction_below", ""},
                                 {"finite", "networks"},
                                 {"non_finite", "networks"}});
  vev::io::TableBuilder table(
      run.AddTable(absl::StrCat(c.init_name, "_quantiles"),
                   absl::StrCat("Quantiles over ", n, " networks (", c.init_name,
                                ") of the empirical variance per layer (mquantiles alphap = "
                                "betap = 0.4), with order-statistic confidence bounds at level "
                                "1 - ",
                                c.alpha)),
      columns);
  for (int l = 0; l < c.shape.num_layers(); ++l) {
    std::vector<double> row = {static_cast<double>(l)};
    for (size_t i = 0; i < c.quantiles.size(); ++i) {
      row.insert(row.end(), {s.quantile[i][l], s.lower_bound[i][l], s.upper_bound[i][l]});
    }
    row.insert(row.end(), {median.quantile[0][l], s.fraction_below[l], s.finite[l], s.non_finite[l]});
    table.AddRow(row);
  }
  run.AddScalar(absl::StrCat(c.init_name, "_networks"), static_cast<double>(n), 0.0,
                "networks in the result");
  run.AddScalar(absl::StrCat(c.init_name, "_distinct_networks"),
                vev::variance::IsDeterministicInitializer(c.init) ? 1.0 : static_cast<double>(n),
                0.0, "distinct networks (a deterministic initializer gives one)");
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  vev::io::ExperimentDefinition definition;
  definition.name = "empirical_variance";
  definition.usage =
      "Fig. 2 of the vanishing-empirical-variance paper for one initializer: per-layer "
      "empirical variance of unit 0 over the training set, for many networks.";
  definition.default_seed = 20240611;
  definition.rng_scheme = vev::rng::kRngScheme;
  definition.default_threads = 1;
  definition.sharded = true;
  return vev::io::RunExperiment<Config>(argc, argv, definition,
                                        {ConfigFromFlags, ComputeShard, Summarize});
}

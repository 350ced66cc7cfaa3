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
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/eigen_types.h"
#include "lib/base/progress.h"
#include "lib/base/status_macros.h"
#include "lib/data/dataset.h"
#include "lib/data/dataset_locator.h"
#include "lib/data/dataset_name.h"
#include "lib/data/dataset_record.h"
#include "lib/io/experiment_run.h"
#include "lib/io/flag_parsing.h"
#include "lib/io/shards.h"
#include "lib/metainit/metainit_options.h"
#include "lib/nn/initializer_kind.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"
#include "lib/variance/initialized_networks.h"
#include "lib/variance/packed_samples.h"
#include "lib/variance/unit_variance.h"
#include "lib/variance/variance_quantiles.h"

ABSL_FLAG(std::string, out, "", "Output result file (binary protobuf). Required.");
ABSL_FLAG(std::string, scale, "default", "Scale preset (recorded; the BUILD file maps it).");
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
ABSL_FLAG(uint64_t, seed, 20240611, "Base seed of every network's random stream.");
ABSL_FLAG(int, metainit_steps, 500, "MetaInit steps (500 in MetaInit and PROTOCOL.md).");
ABSL_FLAG(std::string, quantiles, "0.9,0.99,0.999", "Quantile levels over networks.");
ABSL_FLAG(double, alpha, 1e-5,
          "1 - confidence level of the quantiles' order-statistic bounds (two-sided).");
ABSL_FLAG(double, threshold, 1e-3, "Variance threshold of the fraction_below column.");
ABSL_FLAG(int, threads, 1, "Worker threads (results do not depend on it).");
ABSL_FLAG(int, networks_per_pass, 30,
          "Networks evaluated per pass over the data (speed only; results do not depend on it).");
ABSL_FLAG(int, shard_index, 0, "Shard to compute (0-based).");
ABSL_FLAG(int, shard_count, 1, "Number of shards the networks are split into.");
ABSL_FLAG(std::string, merge_inputs, "", "Comma-separated shard results to merge (in order).");

namespace {

using vev::MatrixD;

struct Config {
  vev::data::DatasetName dataset;
  vev::nn::InitializerKind init;
  std::string init_name;
  vev::nn::MlpShape shape;
  int64_t networks;
  std::vector<double> quantiles;
};

absl::StatusOr<Config> ConfigFromFlags() {
  Config c;
  if (absl::GetFlag(FLAGS_out).empty()) return absl::InvalidArgumentError("--out is required");
  c.dataset = absl::GetFlag(FLAGS_dataset);
  c.init = absl::GetFlag(FLAGS_init);
  c.init_name = std::string(vev::nn::InitializerName(c.init));
  c.networks = absl::GetFlag(FLAGS_networks);
  if (c.networks < 1) return absl::InvalidArgumentError("--networks must be >= 1");
  c.shape.input_size = vev::data::DatasetImageShape(c.dataset).Features();
  c.shape.width = absl::GetFlag(FLAGS_width);
  c.shape.depth = absl::GetFlag(FLAGS_depth);
  c.shape.num_classes = vev::data::kNumClasses;
  VEV_RETURN_IF_ERROR(vev::nn::ValidateMlpShape(c.shape));
  if (absl::GetFlag(FLAGS_max_samples) < 0 || absl::GetFlag(FLAGS_max_samples) == 1) {
    return absl::InvalidArgumentError("--max_samples must be 0 (all) or >= 2");
  }
  if (absl::GetFlag(FLAGS_metainit_steps) < 1) {
    return absl::InvalidArgumentError("--metainit_steps must be >= 1");
  }
  VEV_ASSIGN_OR_RETURN(c.quantiles,
                       vev::io::ParseDoubleList("quantiles", absl::GetFlag(FLAGS_quantiles), 0.0));
  for (const double q : c.quantiles) {
    if (q > 1.0) return absl::InvalidArgumentError("--quantiles must be in [0, 1]");
  }
  const double alpha = absl::GetFlag(FLAGS_alpha);
  if (!(alpha > 0.0 && alpha < 1.0)) return absl::InvalidArgumentError("--alpha must be in (0, 1)");
  if (absl::GetFlag(FLAGS_threads) < 1 || absl::GetFlag(FLAGS_networks_per_pass) < 1) {
    return absl::InvalidArgumentError("--threads and --networks_per_pass must be >= 1");
  }
  return c;
}

std::string QuantileName(double q) { return absl::StrCat("q", q); }

// Computes the shard's rows of <init>_network_variances and its <init>_timing row.
absl::Status ComputeShard(const Config& c, const char* argv0, vev::io::ExperimentRun& run,
                          bool* data_unavailable) {
  const int index = absl::GetFlag(FLAGS_shard_index), count = absl::GetFlag(FLAGS_shard_count);
  VEV_RETURN_IF_ERROR(vev::io::ValidateShardFlags(index, count));
  const vev::io::ShardRange range = vev::io::ShardOf(c.networks, index, count);

  VEV_ASSIGN_OR_RETURN(std::optional<vev::data::Dataset> dataset,
                       vev::data::LocateAndLoadDatasetIfAvailable(
                           c.dataset, vev::data::Split::kTrain, argv0,
                           absl::GetFlag(FLAGS_dataset_manifest),
                           absl::GetFlag(FLAGS_skip_if_data_unavailable)));
  if (!dataset.has_value()) {
    *data_unavailable = true;
    return absl::OkStatus();
  }
  vev::data::RecordDataset(dataset->info, run.result());
  int64_t samples = dataset->features.cols();
  if (absl::GetFlag(FLAGS_max_samples) > 0) {
    samples = std::min(samples, absl::GetFlag(FLAGS_max_samples));
  }
  const vev::variance::PackedSamples data(dataset->features.leftCols(samples));
  dataset.reset();  // free the unpacked copy
  run.AddScalar("samples", static_cast<double>(samples), 0.0,
                "training samples each variance is computed over");

  vev::metainit::MetaInitOptions metainit_options;
  metainit_options.steps = absl::GetFlag(FLAGS_metainit_steps);
  const bool deterministic = vev::variance::IsDeterministicInitializer(c.init);
  // A deterministic initializer draws nothing: evaluate one network, copy its row.
  const int64_t evaluated = deterministic ? std::min<int64_t>(1, range.size()) : range.size();
  vev::variance::UnitVarianceOptions options;
  options.unit = absl::GetFlag(FLAGS_unit);
  options.threads = absl::GetFlag(FLAGS_threads);
  options.networks_per_pass = absl::GetFlag(FLAGS_networks_per_pass);
  vev::ProgressReporter progress(
      absl::StrCat("fig2 ", c.init_name, " shard ", index + 1, "/", count),
      std::max<int64_t>(1, evaluated), "networks");
  options.progress = [&progress](int64_t done) { progress.Update(done); };
  vev::variance::UnitVarianceTimings timings;
  VEV_ASSIGN_OR_RETURN(
      const MatrixD v,
      vev::variance::ComputeUnitVariances(
          c.shape, data, evaluated,
          vev::variance::InitializedNetworks(c.init, absl::GetFlag(FLAGS_seed), range.begin,
                                             metainit_options),
          options, &timings));

  vev::Table* table = run.AddTable(
      absl::StrCat(c.init_name, "_network_variances"),
      absl::StrCat("Empirical variance (ddof = 1) over ", samples, " ",
                   vev::data::DatasetDisplayName(c.dataset), " training samples of unit ",
                   options.unit, " of every Linear layer's output, one row per network (",
                   c.init_name, ", width ", c.shape.width, ", depth ", c.shape.depth, ")"));
  std::vector<double> network;
  for (int64_t i = range.begin; i < range.end; ++i) network.push_back(static_cast<double>(i));
  vev::io::AddColumn(table, "network", "", network);
  for (int l = 0; l < c.shape.num_layers(); ++l) {
    std::vector<double> column;
    for (int64_t i = 0; i < range.size(); ++i) column.push_back(v(deterministic ? 0 : i, l));
    vev::io::AddColumn(table, absl::StrCat("layer_", l), "variance", column);
  }
  vev::Table* timing = run.AddTable(absl::StrCat(c.init_name, "_timing"),
                                    "Per shard: networks evaluated and CPU seconds by phase");
  vev::io::AddColumn(timing, "shard", "", {static_cast<double>(index)});
  vev::io::AddColumn(timing, "networks_evaluated", "", {static_cast<double>(evaluated)});
  vev::io::AddColumn(timing, "init_cpu", "s", {timings.init_cpu_seconds});
  vev::io::AddColumn(timing, "first_layer_cpu", "s", {timings.first_layer_cpu_seconds});
  vev::io::AddColumn(timing, "narrow_cpu", "s", {timings.narrow_cpu_seconds});
  vev::io::AddColumn(timing, "total_cpu", "s", {timings.total_cpu_seconds});
  std::fprintf(stderr,
               "fig2 %s: %lld networks evaluated, CPU s: init %.2f, first layer %.2f, narrow "
               "%.2f, total %.2f\n",
               c.init_name.c_str(), static_cast<long long>(evaluated), timings.init_cpu_seconds,
               timings.first_layer_cpu_seconds, timings.narrow_cpu_seconds,
               timings.total_cpu_seconds);
  return absl::OkStatus();
}

// Adds <init>_quantiles and the whole-result scalars from <init>_network_variances.
absl::Status Summarize(const Config& c, vev::io::ExperimentRun& run) {
  const std::string name = absl::StrCat(c.init_name, "_network_variances");
  const vev::Table* raw = nullptr;
  for (const vev::Table& t : run.result().tables()) {
    if (t.name() == name) raw = &t;
  }
  if (raw == nullptr || raw->columns_size() != c.shape.num_layers() + 1) {
    return absl::InvalidArgumentError(absl::StrCat("missing or malformed table ", name));
  }
  const int64_t n = raw->columns(0).values_size();
  MatrixD v(n, c.shape.num_layers());
  for (int l = 0; l < c.shape.num_layers(); ++l) {
    for (int64_t i = 0; i < n; ++i) v(i, l) = raw->columns(l + 1).values(i);
  }
  const double alpha = absl::GetFlag(FLAGS_alpha);
  const vev::variance::LayerSummary s = vev::variance::SummarizeLayers(
      v, c.quantiles, alpha, absl::GetFlag(FLAGS_threshold));
  vev::Table* table = run.AddTable(
      absl::StrCat(c.init_name, "_quantiles"),
      absl::StrCat("Quantiles over ", n, " networks (", c.init_name,
                   ") of the empirical variance per layer (mquantiles alphap = betap = 0.4), "
                   "with order-statistic confidence bounds at level 1 - ",
                   alpha));
  std::vector<double> layers;
  for (int l = 0; l < c.shape.num_layers(); ++l) layers.push_back(l);
  vev::io::AddColumn(table, "layer", "", layers);
  for (size_t i = 0; i < c.quantiles.size(); ++i) {
    const std::string q = QuantileName(c.quantiles[i]);
    vev::io::AddColumn(table, q, "variance", s.quantile[i]);
    vev::io::AddColumn(table, q + "_lower", "variance", s.lower_bound[i]);
    vev::io::AddColumn(table, q + "_upper", "variance", s.upper_bound[i]);
  }
  const vev::variance::LayerSummary median =
      vev::variance::SummarizeLayers(v, {0.5}, alpha, absl::GetFlag(FLAGS_threshold));
  vev::io::AddColumn(table, "median", "variance", median.quantile[0]);
  vev::io::AddColumn(table, "fraction_below", "", s.fraction_below);
  vev::io::AddColumn(table, "finite", "networks", s.finite);
  vev::io::AddColumn(table, "non_finite", "networks", s.non_finite);
  run.AddScalar(absl::StrCat(c.init_name, "_networks"), static_cast<double>(n), 0.0,
                "networks in the result");
  run.AddScalar(absl::StrCat(c.init_name, "_distinct_networks"),
                vev::variance::IsDeterministicInitializer(c.init) ? 1.0 : static_cast<double>(n),
                0.0, "distinct networks (a deterministic initializer gives one)");
  return absl::OkStatus();
}

absl::Status Run(const Config& c, const char* argv0, vev::io::ExperimentRun& run) {
  run.spec().set_scale(absl::GetFlag(FLAGS_scale));
  run.spec().set_seed(absl::GetFlag(FLAGS_seed));
  run.spec().set_rng_scheme(vev::rng::kRngScheme);
  const std::string merge_inputs = absl::GetFlag(FLAGS_merge_inputs);
  if (!merge_inputs.empty()) {
    const std::vector<std::string> paths = absl::StrSplit(merge_inputs, ',');
    VEV_RETURN_IF_ERROR(run.LoadMergedShards(paths));
    for (const vev::Scalar& s : run.result().scalars()) {
      if (s.name() == "data_unavailable" && s.value() == 1.0) return absl::OkStatus();
    }
    return Summarize(c, run);
  }
  bool data_unavailable = false;
  VEV_RETURN_IF_ERROR(ComputeShard(c, argv0, run, &data_unavailable));
  if (data_unavailable) {
    run.AddScalar("data_unavailable", 1.0, 0.0,
                  "the dataset was not available; nothing was computed");
    return absl::OkStatus();
  }
  if (absl::GetFlag(FLAGS_shard_count) == 1) return Summarize(c, run);
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Fig. 2 of the vanishing-empirical-variance paper for one initializer: per-layer "
      "empirical variance of unit 0 over the training set, for many networks.");
  absl::ParseCommandLine(argc, argv);
  vev::io::ExperimentRun run("empirical_variance", argc, argv);
  const absl::StatusOr<Config> config = ConfigFromFlags();
  if (!config.ok()) return vev::io::ExitWithError(config.status());
  const absl::Status status = Run(*config, argv[0], run);
  if (!status.ok()) return vev::io::ExitWithError(status);
  return vev::io::ExitWithError(run.Write(absl::GetFlag(FLAGS_out), absl::GetFlag(FLAGS_threads)));
}

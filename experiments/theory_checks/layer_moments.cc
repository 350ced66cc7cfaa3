// Proposition 3 of the vanishing-variance paper against simulation (issue 5, item 1): for
// He-initialized (leaky) ReLU networks of constant width, the kurtosis kappa_l and the
// normalized covariance of squares c_l / sigma^4 of every layer l = 0..depth, estimated over
// independent networks and inputs with batch-means standard errors, next to the exact
// trajectory of Proposition 3 (lib/theory/layer_kurtosis.h explains the setup and where the
// comparison stops being informative).
//
//   bazel run //experiments/theory_checks:layer_moments -- --out=/tmp/k.pb
//       --widths=5 --depths=10 --networks=2000 --inputs=gaussian   (one command line)
//
// Configurations: every input in --inputs ("gaussian": y^(0) ~ N(0, I_w); a dataset name:
// Proposition 2 transforms of its training images by the network's own He first layer)
// x every negative slope (--negative_slopes for gaussian, --dataset_negative_slopes for
// datasets) x every width (with its depth and network count) x every init in --inits.
// Work items are (batch, configuration) pairs, batch-major, so shards are balanced; a
// network's randomness is keyed by (seed, configuration, network), never by shard.
//
// Tables: "layers_<input>_a<a>_w<w>_<init>" (one row per layer: theory, estimate, SE,
// z-scores, informative flag; *_plot columns are NaN where not informative) and "configs"
// (one row per configuration: the deepest informative layer and z-score summaries).
// Scalars: overall counts of informative comparisons and their z-score statistics.
// Shards write the raw per-batch sums (table "batch_sums"); the merge computes the rest.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
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
#include "lib/base/progress.h"
#include "lib/base/status_macros.h"
#include "lib/data/dataset.h"
#include "lib/data/dataset_locator.h"
#include "lib/data/dataset_name.h"
#include "lib/data/dataset_record.h"
#include "lib/io/experiment_run.h"
#include "lib/io/flag_parsing.h"
#include "lib/io/shards.h"
#include "lib/nn/initializer_kind.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/exchangeable_moments.h"
#include "lib/theory/he_network_sampler.h"
#include "lib/theory/input_moments.h"
#include "lib/theory/layer_kurtosis.h"

ABSL_FLAG(std::string, out, "", "Output result file (binary protobuf). Required.");
ABSL_FLAG(std::string, inputs, "gaussian,mnist,cifar10",
          "Comma-separated input sources: gaussian, mnist, cifar10, fashion_mnist.");
ABSL_FLAG(std::string, widths, "2,5,10,50", "Comma-separated widths w (>= 2).");
ABSL_FLAG(std::string, depths, "8,16,30,60",
          "Comma-separated depths d, one per width: layers 0..d are observed.");
ABSL_FLAG(std::string, networks, "20000,20000,10000,2000",
          "Comma-separated numbers of independent networks per configuration, one per width.");
ABSL_FLAG(std::string, dataset_networks, "",
          "Comma-separated numbers of networks for dataset inputs, one per width (their first "
          "layer draws w x D weights, so they cost more); empty: as --networks.");
ABSL_FLAG(std::string, inits, "he_bernoulli,he_uniform,he_normal",
          "Comma-separated He initializers (k_w = 1, 1.8, 3).");
ABSL_FLAG(std::string, negative_slopes, "0,0.2,1",
          "Comma-separated negative slopes a for Gaussian inputs.");
ABSL_FLAG(std::string, dataset_negative_slopes, "0",
          "Comma-separated negative slopes a for dataset inputs.");
ABSL_FLAG(int, inputs_per_network, 32, "Inputs pushed through each network (>= 1).");
ABSL_FLAG(int, batches, 100, "Batches of networks for the batch-means SEs (>= 20).");
ABSL_FLAG(double, max_relative_se, 0.05,
          "A layer is informative while SE(kappa) / kappa is at most this ...");
ABSL_FLAG(double, max_batch_skewness, 2.0,
          "... and the skewness of its batch values is at most this (and so is every "
          "shallower layer's).");
ABSL_FLAG(bool, skip_if_data_unavailable, false,
          "Drop dataset inputs (and record data_unavailable = 1) when a dataset is not "
          "available, instead of failing (smoke scale on machines without the data).");
ABSL_FLAG(uint64_t, seed, 5003, "Base seed; streams are keyed by (seed, configuration, network).");
ABSL_FLAG(std::string, scale, "default", "Scale preset, recorded only.");
ABSL_FLAG(int, shard_index, 0, "Shard to compute (0-based).");
ABSL_FLAG(int, shard_count, 1, "Number of shards.");
ABSL_FLAG(std::string, merge_inputs, "", "Comma-separated shard results to merge, in order.");

namespace vev::theory_checks {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// |z| above which a comparison counts as a large deviation in the summaries (two-sided
// 1e-5 each, as in the tests).
constexpr double kLargeZ = 4.42;

struct Source {
  std::string name;  // "gaussian" or the dataset flag name
  theory::InputKind kind;
  data::DatasetName dataset;  // for kDataset
};

struct ConfigSpec {
  Source source;
  double negative_slope;
  int width;
  int depth;
  int64_t networks;
  nn::InitializerKind init;

  std::string TableName() const {
    return absl::StrCat("layers_", source.name, "_a", negative_slope, "_w", width, "_",
                        nn::InitializerName(init));
  }
  // The stream key: the configuration's content, so adding configurations never changes
  // the others (depth is not part of it: layer l draws from its own child stream).
  rng::RandomStream Stream(uint64_t seed) const {
    uint64_t slope_bits;
    std::memcpy(&slope_bits, &negative_slope, sizeof slope_bits);
    const uint64_t input_code =
        source.kind == theory::InputKind::kGaussian ? 0 : 1 + static_cast<uint64_t>(source.dataset);
    return rng::RandomStream(
        seed, {input_code, slope_bits, static_cast<uint64_t>(width), static_cast<uint64_t>(init)});
  }
};

struct Config {
  std::vector<ConfigSpec> configs;
  int inputs_per_network;
  int batches;
  theory::InformativeCriterion criterion;
  bool skip_if_data_unavailable;
};

absl::StatusOr<Source> ParseSource(absl::string_view name) {
  if (name == "gaussian") return Source{"gaussian", theory::InputKind::kGaussian, {}};
  data::DatasetName dataset;
  std::string error;
  if (!data::AbslParseFlag(name, &dataset, &error)) {
    return absl::InvalidArgumentError(absl::StrCat("--inputs: unknown input '", name,
                                                   "' (gaussian, mnist, cifar10, fashion_mnist)"));
  }
  return Source{std::string(name), theory::InputKind::kDataset, dataset};
}

absl::StatusOr<Config> ConfigFromFlags() {
  if (absl::GetFlag(FLAGS_out).empty()) return absl::InvalidArgumentError("--out is required");
  Config c;
  std::vector<Source> sources;
  for (const absl::string_view name :
       absl::StrSplit(absl::GetFlag(FLAGS_inputs), ',', absl::SkipEmpty())) {
    VEV_ASSIGN_OR_RETURN(const Source s, ParseSource(name));
    sources.push_back(s);
  }
  if (sources.empty()) return absl::InvalidArgumentError("--inputs: empty");
  VEV_ASSIGN_OR_RETURN(const std::vector<int> widths,
                       io::ParseIntList("widths", absl::GetFlag(FLAGS_widths), 2));
  VEV_ASSIGN_OR_RETURN(const std::vector<int> depths,
                       io::ParseIntList("depths", absl::GetFlag(FLAGS_depths), 0));
  VEV_ASSIGN_OR_RETURN(const std::vector<int> networks,
                       io::ParseIntList("networks", absl::GetFlag(FLAGS_networks), 1));
  std::vector<int> dataset_networks = networks;
  if (!absl::GetFlag(FLAGS_dataset_networks).empty()) {
    VEV_ASSIGN_OR_RETURN(
        dataset_networks,
        io::ParseIntList("dataset_networks", absl::GetFlag(FLAGS_dataset_networks), 1));
  }
  if (depths.size() != widths.size() || networks.size() != widths.size() ||
      dataset_networks.size() != widths.size()) {
    return absl::InvalidArgumentError(
        "--depths, --networks and --dataset_networks need one entry per entry of --widths");
  }
  std::vector<nn::InitializerKind> inits;
  for (const absl::string_view name :
       absl::StrSplit(absl::GetFlag(FLAGS_inits), ',', absl::SkipEmpty())) {
    absl::StatusOr<nn::InitializerKind> kind = nn::ParseInitializerKind(name);
    if (!kind.ok() || !nn::IsHeKind(*kind)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--inits: '", name, "' is not one of he_bernoulli, he_uniform, he_normal"));
    }
    inits.push_back(*kind);
  }
  if (inits.empty()) return absl::InvalidArgumentError("--inits: empty");
  VEV_ASSIGN_OR_RETURN(
      const std::vector<double> slopes,
      io::ParseDoubleList("negative_slopes", absl::GetFlag(FLAGS_negative_slopes), -1e300));
  VEV_ASSIGN_OR_RETURN(const std::vector<double> dataset_slopes,
                       io::ParseDoubleList("dataset_negative_slopes",
                                           absl::GetFlag(FLAGS_dataset_negative_slopes), -1e300));
  c.batches = absl::GetFlag(FLAGS_batches);
  if (c.batches < 20) return absl::InvalidArgumentError("--batches must be >= 20");
  for (const Source& source : sources) {
    const bool gaussian = source.kind == theory::InputKind::kGaussian;
    const std::vector<double>& a_list = gaussian ? slopes : dataset_slopes;
    const std::vector<int>& counts = gaussian ? networks : dataset_networks;
    for (const double a : a_list) {
      for (size_t i = 0; i < widths.size(); ++i) {
        if (counts[i] < c.batches) {
          return absl::InvalidArgumentError(absl::StrCat(
              "--networks / --dataset_networks: ", counts[i], " < --batches = ", c.batches));
        }
        for (const nn::InitializerKind init : inits) {
          c.configs.push_back({source, a, widths[i], depths[i], counts[i], init});
        }
      }
    }
  }
  c.inputs_per_network = absl::GetFlag(FLAGS_inputs_per_network);
  if (c.inputs_per_network < 1) {
    return absl::InvalidArgumentError("--inputs_per_network must be >= 1");
  }
  c.criterion.max_relative_se = absl::GetFlag(FLAGS_max_relative_se);
  c.criterion.max_batch_skewness = absl::GetFlag(FLAGS_max_batch_skewness);
  if (!(c.criterion.max_relative_se > 0) || !(c.criterion.max_batch_skewness > 0)) {
    return absl::InvalidArgumentError("--max_relative_se and --max_batch_skewness must be > 0");
  }
  c.skip_if_data_unavailable = absl::GetFlag(FLAGS_skip_if_data_unavailable);
  return c;
}

// The training sets of the dataset inputs, and their exact transform moments.
struct Inputs {
  std::map<data::DatasetName, data::Dataset> datasets;
  std::map<data::DatasetName, theory::TransformMoments> moments;
  bool data_unavailable = false;
};

absl::StatusOr<Inputs> LoadInputs(const Config& config, const char* argv0, io::ExperimentRun& run) {
  Inputs inputs;
  for (const ConfigSpec& spec : config.configs) {
    if (spec.source.kind != theory::InputKind::kDataset) continue;
    const data::DatasetName name = spec.source.dataset;
    if (inputs.datasets.count(name) > 0) continue;
    VEV_ASSIGN_OR_RETURN(std::optional<data::Dataset> dataset,
                         data::LocateAndLoadDatasetIfAvailable(
                             name, data::Split::kTrain, argv0, "", config.skip_if_data_unavailable));
    if (!dataset.has_value()) {
      inputs.data_unavailable = true;
      continue;
    }
    data::RecordDataset(dataset->info, run.result());
    inputs.moments[name] = theory::DatasetTransformMoments(dataset->features);
    inputs.datasets.emplace(name, std::move(*dataset));
  }
  return inputs;
}

// Runs this shard's (batch, configuration) items and appends the raw sums.
void RunShard(const Config& config, const std::vector<int>& active, const Inputs& inputs,
              uint64_t seed, const io::ShardRange& range, io::ExperimentRun& run) {
  const int64_t num_configs = static_cast<int64_t>(active.size());
  std::vector<double> col_config, col_batch, col_layer, col_vectors, col_dim, col_s2, col_s4,
      col_s22;
  double total_work = 0;  // network-layers
  for (int64_t item = range.begin; item < range.end; ++item) {
    const ConfigSpec& spec = config.configs[active[item % num_configs]];
    total_work += static_cast<double>(spec.networks) / config.batches * (spec.depth + 1);
  }
  ProgressReporter progress("layer_moments", std::max<int64_t>(1, std::llround(total_work)),
                            "network-layers");
  double done = 0;
  std::vector<std::unique_ptr<theory::HeNetworkSampler>> samplers(active.size());
  for (int64_t item = range.begin; item < range.end; ++item) {
    const int64_t batch = item / num_configs;
    const int c = active[item % num_configs];
    const ConfigSpec& spec = config.configs[c];
    std::unique_ptr<theory::HeNetworkSampler>& sampler = samplers[item % num_configs];
    if (sampler == nullptr) {
      theory::HeNetworkOptions options;
      options.width = spec.width;
      options.depth = spec.depth;
      options.negative_slope = spec.negative_slope;
      options.init = spec.init;
      options.input = spec.source.kind;
      options.inputs_per_network = config.inputs_per_network;
      const Matrix* features = spec.source.kind == theory::InputKind::kDataset
                                   ? &inputs.datasets.at(spec.source.dataset).features
                                   : nullptr;
      sampler = std::make_unique<theory::HeNetworkSampler>(options, features);
    }
    const io::ShardRange networks =
        io::ShardOf(spec.networks, static_cast<int>(batch), config.batches);
    const std::vector<stats::ExchangeableMomentSums> sums =
        theory::SimulateLayerMoments(*sampler, spec.Stream(seed), networks.begin, networks.size());
    for (size_t l = 0; l < sums.size(); ++l) {
      col_config.push_back(c);
      col_batch.push_back(static_cast<double>(batch));
      col_layer.push_back(static_cast<double>(l));
      col_vectors.push_back(static_cast<double>(sums[l].vectors));
      col_dim.push_back(sums[l].dimension);
      col_s2.push_back(sums[l].sum_squares);
      col_s4.push_back(sums[l].sum_fourth);
      col_s22.push_back(sums[l].sum_cross);
    }
    done += static_cast<double>(networks.size()) * (spec.depth + 1);
    progress.Update(std::min<int64_t>(std::llround(done), std::llround(total_work)));
  }
  Table* table = run.AddTable("batch_sums", "Raw per-batch, per-layer moment sums");
  io::AddColumn(table, "config", "", col_config);
  io::AddColumn(table, "batch", "", col_batch);
  io::AddColumn(table, "layer", "", col_layer);
  io::AddColumn(table, "vectors", "", col_vectors);
  io::AddColumn(table, "dimension", "", col_dim);
  io::AddColumn(table, "sum_squares", "", col_s2);
  io::AddColumn(table, "sum_fourth", "", col_s4);
  io::AddColumn(table, "sum_cross", "", col_s22);
}

const Column& FindColumn(const Table& table, absl::string_view name) {
  for (const Column& c : table.columns()) {
    if (c.name() == name) return c;
  }
  VEV_CHECK(false && "missing column");
  return table.columns(0);
}

// Turns the raw sums into the comparison tables and summaries; removes the raw table.
absl::Status Analyze(const Config& config, const std::vector<int>& active, const Inputs& inputs,
                     io::ExperimentRun& run) {
  Result& result = run.result();
  int raw_index = -1;
  for (int t = 0; t < result.tables_size(); ++t) {
    if (result.tables(t).name() == "batch_sums") raw_index = t;
  }
  if (raw_index < 0) return absl::InvalidArgumentError("no batch_sums table to analyze");
  const Table raw = result.tables(raw_index);
  result.mutable_tables()->DeleteSubrange(raw_index, 1);
  const Column& config_col = FindColumn(raw, "config");
  const Column& batch_col = FindColumn(raw, "batch");
  const Column& layer_col = FindColumn(raw, "layer");
  const Column& vectors_col = FindColumn(raw, "vectors");
  const Column& dim_col = FindColumn(raw, "dimension");
  const Column& s2_col = FindColumn(raw, "sum_squares");
  const Column& s4_col = FindColumn(raw, "sum_fourth");
  const Column& s22_col = FindColumn(raw, "sum_cross");
  // sums[config][batch][layer]
  std::map<int, std::vector<std::vector<stats::ExchangeableMomentSums>>> sums;
  for (const int c : active) {
    sums[c].assign(config.batches,
                   std::vector<stats::ExchangeableMomentSums>(config.configs[c].depth + 1));
  }
  for (int r = 0; r < config_col.values_size(); ++r) {
    const int c = static_cast<int>(config_col.values(r));
    const int b = static_cast<int>(batch_col.values(r));
    const int l = static_cast<int>(layer_col.values(r));
    if (sums.count(c) == 0 || b < 0 || b >= config.batches || l < 0 ||
        l > config.configs[c].depth) {
      return absl::InvalidArgumentError(absl::StrCat("batch_sums row ", r, " is out of range"));
    }
    stats::ExchangeableMomentSums& s = sums[c][b][l];
    s.vectors = static_cast<int64_t>(vectors_col.values(r));
    s.dimension = static_cast<int>(dim_col.values(r));
    s.sum_squares = s2_col.values(r);
    s.sum_fourth = s4_col.values(r);
    s.sum_cross = s22_col.values(r);
  }
  std::vector<double> cfg_index, cfg_width, cfg_kw, cfg_a, cfg_input, cfg_depth, cfg_networks,
      cfg_last_informative, cfg_kappa_at_last, cfg_max_abs_z_kappa, cfg_max_abs_z_c,
      cfg_rms_z_kappa, cfg_rms_z_c;
  int64_t comparisons = 0, large_kappa = 0, large_c = 0, beyond_2_kappa = 0, beyond_2_c = 0;
  double sum_z2_kappa = 0, sum_z2_c = 0;
  int c_comparisons = 0;
  for (const int c : active) {
    const ConfigSpec& spec = config.configs[c];
    theory::HeNetworkOptions options;
    options.width = spec.width;
    options.depth = spec.depth;
    options.negative_slope = spec.negative_slope;
    options.init = spec.init;
    options.input = spec.source.kind;
    const theory::TransformMoments* moments = spec.source.kind == theory::InputKind::kDataset
                                                  ? &inputs.moments.at(spec.source.dataset)
                                                  : nullptr;
    const std::vector<theory::LayerPrediction> theory = theory::PredictLayers(options, moments);
    for (const auto& batch : sums[c]) {
      for (const auto& layer : batch) {
        if (layer.vectors == 0) return absl::InvalidArgumentError("a batch has no networks");
      }
    }
    const std::vector<theory::LayerComparison> rows =
        theory::CompareLayers(sums[c], theory, config.criterion);
    std::vector<double> layer, kt, k, kse, kz, kplot, kseplot, ct, cv, cse, cz, cplot, cseplot, vt,
        v, vse, vz, informative, share, skew;
    int last_informative = -1;
    double max_zk = 0, max_zc = 0, z2k = 0, z2c = 0;
    int n_k = 0, n_c = 0;
    for (const theory::LayerComparison& row : rows) {
      const auto& s = row.simulated;
      layer.push_back(row.layer);
      kt.push_back(row.theory.kurtosis);
      k.push_back(s.kurtosis.value);
      kse.push_back(s.kurtosis.std_error);
      kz.push_back(s.kurtosis.ZScore(row.theory.kurtosis));
      ct.push_back(row.theory.normalized_cov_squares);
      cv.push_back(s.normalized_cov_squares.value);
      cse.push_back(s.normalized_cov_squares.std_error);
      // At layer 0 with Gaussian inputs c_0 = 0 exactly and so is every sample's S_22
      // expectation; the z-score is still meaningful (SE > 0).
      cz.push_back(s.normalized_cov_squares.ZScore(row.theory.normalized_cov_squares));
      vt.push_back(row.theory.variance);
      v.push_back(s.second_moment.value);
      vse.push_back(s.second_moment.std_error);
      vz.push_back(s.second_moment.ZScore(row.theory.variance));
      informative.push_back(row.informative ? 1 : 0);
      share.push_back(s.max_batch_fourth_share);
      skew.push_back(s.kurtosis_batch_skewness);
      kplot.push_back(row.informative ? k.back() : kNaN);
      kseplot.push_back(row.informative ? kse.back() : kNaN);
      cplot.push_back(row.informative ? cv.back() : kNaN);
      cseplot.push_back(row.informative ? cse.back() : kNaN);
      if (row.informative) {
        last_informative = row.layer;
        // Layer 0 with Gaussian inputs is x itself: kappa_0 = 3 is not a prediction of
        // Proposition 3, but it is still a check of the estimator; keep it.
        ++n_k;
        max_zk = std::max(max_zk, std::fabs(kz.back()));
        z2k += kz.back() * kz.back();
        ++comparisons;
        if (std::fabs(kz.back()) > kLargeZ) ++large_kappa;
        if (std::fabs(kz.back()) > 2) ++beyond_2_kappa;
        if (std::isfinite(cz.back())) {
          ++n_c;
          ++c_comparisons;
          max_zc = std::max(max_zc, std::fabs(cz.back()));
          z2c += cz.back() * cz.back();
          if (std::fabs(cz.back()) > kLargeZ) ++large_c;
          if (std::fabs(cz.back()) > 2) ++beyond_2_c;
        }
      }
    }
    sum_z2_kappa += z2k;
    sum_z2_c += z2c;
    Table* table = run.AddTable(
        spec.TableName(),
        absl::StrCat("Proposition 3 vs simulation: input ", spec.source.name,
                     ", a = ", spec.negative_slope, ", width ", spec.width, ", ",
                     nn::InitializerName(spec.init), " (k_w = ", nn::HeWeightKurtosis(spec.init),
                     "), ", spec.networks, " networks x ", config.inputs_per_network, " inputs, ",
                     config.batches, " batches"));
    io::AddColumn(table, "layer", "l", layer);
    io::AddColumn(table, "kappa_theory", "", kt);
    io::AddColumn(table, "kappa", "", k);
    io::AddColumn(table, "kappa_se", "", kse);
    io::AddColumn(table, "kappa_z", "SE", kz);
    io::AddColumn(table, "c_theory", "c_l / sigma^4", ct);
    io::AddColumn(table, "c", "c_l / sigma^4", cv);
    io::AddColumn(table, "c_se", "", cse);
    io::AddColumn(table, "c_z", "SE", cz);
    io::AddColumn(table, "variance_theory", "", vt);
    io::AddColumn(table, "variance", "", v);
    io::AddColumn(table, "variance_se", "", vse);
    io::AddColumn(table, "variance_z", "SE", vz);
    io::AddColumn(table, "informative", "0/1", informative);
    io::AddColumn(table, "max_batch_share", "", share);
    io::AddColumn(table, "batch_skewness", "", skew);
    io::AddColumn(table, "kappa_plot", "NaN if not informative", kplot);
    io::AddColumn(table, "kappa_se_plot", "", kseplot);
    io::AddColumn(table, "c_plot", "NaN if not informative", cplot);
    io::AddColumn(table, "c_se_plot", "", cseplot);
    cfg_index.push_back(c);
    cfg_width.push_back(spec.width);
    cfg_kw.push_back(nn::HeWeightKurtosis(spec.init));
    cfg_a.push_back(spec.negative_slope);
    cfg_input.push_back(spec.source.kind == theory::InputKind::kGaussian
                            ? 0
                            : 1 + static_cast<int>(spec.source.dataset));
    cfg_depth.push_back(spec.depth);
    cfg_networks.push_back(static_cast<double>(spec.networks));
    cfg_last_informative.push_back(last_informative);
    cfg_kappa_at_last.push_back(last_informative >= 0 ? kt[last_informative] : kNaN);
    cfg_max_abs_z_kappa.push_back(n_k > 0 ? max_zk : kNaN);
    cfg_max_abs_z_c.push_back(n_c > 0 ? max_zc : kNaN);
    cfg_rms_z_kappa.push_back(n_k > 0 ? std::sqrt(z2k / n_k) : kNaN);
    cfg_rms_z_c.push_back(n_c > 0 ? std::sqrt(z2c / n_c) : kNaN);
  }
  Table* summary =
      run.AddTable("configs",
                   "One row per configuration; input 0 = gaussian, 1 + DatasetName otherwise "
                   "(1 mnist, 2 cifar10, 3 fashion_mnist)");
  io::AddColumn(summary, "config", "", cfg_index);
  io::AddColumn(summary, "input", "", cfg_input);
  io::AddColumn(summary, "negative_slope", "a", cfg_a);
  io::AddColumn(summary, "width", "w", cfg_width);
  io::AddColumn(summary, "weight_kurtosis", "k_w", cfg_kw);
  io::AddColumn(summary, "depth", "", cfg_depth);
  io::AddColumn(summary, "networks", "", cfg_networks);
  io::AddColumn(summary, "last_informative_layer", "-1: none", cfg_last_informative);
  io::AddColumn(summary, "kappa_theory_at_last_informative", "", cfg_kappa_at_last);
  io::AddColumn(summary, "max_abs_z_kappa", "SE", cfg_max_abs_z_kappa);
  io::AddColumn(summary, "max_abs_z_c", "SE", cfg_max_abs_z_c);
  io::AddColumn(summary, "rms_z_kappa", "SE", cfg_rms_z_kappa);
  io::AddColumn(summary, "rms_z_c", "SE", cfg_rms_z_c);
  run.AddScalar("informative_comparisons", static_cast<double>(comparisons), 0,
                "Layers (over all configurations) where kappa_hat is informative");
  run.AddScalar("rms_z_kappa", comparisons > 0 ? std::sqrt(sum_z2_kappa / comparisons) : -1.0, 0,
                "Root mean square of (kappa_hat - kappa_l) / SE over informative layers "
                "(about 1 if theory and SEs are right; layers are correlated; -1: none)");
  run.AddScalar("rms_z_c", c_comparisons > 0 ? std::sqrt(sum_z2_c / c_comparisons) : -1.0, 0,
                "Root mean square z-score of c_l / sigma^4 over informative layers");
  run.AddScalar("fraction_abs_z_kappa_above_2",
                comparisons > 0 ? static_cast<double>(beyond_2_kappa) / comparisons : -1.0, 0,
                "Share of informative layers with |z_kappa| > 2 (about 0.046 for N(0,1))");
  run.AddScalar("fraction_abs_z_c_above_2",
                c_comparisons > 0 ? static_cast<double>(beyond_2_c) / c_comparisons : -1.0, 0,
                "Share of informative layers with |z_c| > 2");
  run.AddScalar("count_abs_z_kappa_above_4.42", static_cast<double>(large_kappa), 0,
                "Informative layers with |z_kappa| > 4.42");
  run.AddScalar("count_abs_z_c_above_4.42", static_cast<double>(large_c), 0,
                "Informative layers with |z_c| > 4.42");
  run.AddScalar("data_unavailable", inputs.data_unavailable ? 1 : 0, 0,
                "1 if dataset inputs were dropped because a dataset is not available");
  return absl::OkStatus();
}

absl::Status Main(const char* argv0, io::ExperimentRun& run) {
  VEV_ASSIGN_OR_RETURN(const Config config, ConfigFromFlags());
  const uint64_t seed = absl::GetFlag(FLAGS_seed);
  run.spec().set_scale(absl::GetFlag(FLAGS_scale));
  run.spec().set_seed(seed);
  run.spec().set_rng_scheme(rng::kRngScheme);
  VEV_ASSIGN_OR_RETURN(const Inputs inputs, LoadInputs(config, argv0, run));
  // Configurations whose input is available, in flag order.
  std::vector<int> active;
  for (size_t c = 0; c < config.configs.size(); ++c) {
    const ConfigSpec& spec = config.configs[c];
    if (spec.source.kind == theory::InputKind::kGaussian ||
        inputs.datasets.count(spec.source.dataset) > 0) {
      active.push_back(static_cast<int>(c));
    }
  }
  if (active.empty()) {
    run.AddScalar("data_unavailable", 1, 0, "No input source is available");
    return absl::OkStatus();
  }
  const std::string merge_inputs = absl::GetFlag(FLAGS_merge_inputs);
  if (!merge_inputs.empty()) {
    const std::vector<std::string> paths = absl::StrSplit(merge_inputs, ',');
    VEV_RETURN_IF_ERROR(run.LoadMergedShards(paths));
    return Analyze(config, active, inputs, run);
  }
  const int index = absl::GetFlag(FLAGS_shard_index), count = absl::GetFlag(FLAGS_shard_count);
  VEV_RETURN_IF_ERROR(io::ValidateShardFlags(index, count));
  const int64_t items = static_cast<int64_t>(config.batches) * static_cast<int64_t>(active.size());
  RunShard(config, active, inputs, seed, io::ShardOf(items, index, count), run);
  if (count > 1) return absl::OkStatus();
  return Analyze(config, active, inputs, run);
}

}  // namespace
}  // namespace vev::theory_checks

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Proposition 3 vs simulation: kappa_l and c_l of He networks over depth -> result proto.");
  absl::ParseCommandLine(argc, argv);
  vev::io::ExperimentRun run("layer_moments", argc, argv);
  const absl::Status status = vev::theory_checks::Main(argv[0], run);
  if (!status.ok()) return vev::io::ExitWithError(status);
  return vev::io::ExitWithError(run.Write(absl::GetFlag(FLAGS_out)));
}

// Proposition 3 of the vanishing-variance paper against simulation (issue 5, item 1): for
// He-initialized (leaky) ReLU networks of constant width, the kurtosis kappa_l and the
// normalized covariance of squares c_l / sigma^4 of every layer l = 0..depth, estimated over
// independent networks and inputs with batch-means standard errors, next to the exact
// trajectory of Proposition 3 (lib/theory/layer_kurtosis.h explains the setup and where the
// comparison stops being informative; lib/theory/layer_comparison_summary.h the summaries).
//
//   bazel run //experiments/theory_checks:layer_moments -- --out=/tmp/k.pb
//       --widths=5 --depths=10 --networks=2000 --inputs=gaussian   (one command line)
//
// Configurations (lib/theory/layer_moment_grid.h): every input in --inputs x every
// negative slope (--negative_slopes for gaussian, --dataset_negative_slopes for datasets)
// x every width (with its depth and network count) x every init in --inits.
// Work items are (batch, configuration) pairs, batch-major, so shards are balanced; a
// network's randomness is keyed by (seed, configuration, network), never by shard.
//
// Tables: "layers_<input>_a<a>_w<w>_<init>" (one row per layer: theory, estimate, SE,
// z-scores, informative flag; *_plot columns are NaN where not informative) and "configs"
// (one row per configuration: the deepest informative layer and z-score summaries).
// Scalars: overall counts of informative comparisons and their z-score statistics, and
// data_unavailable (1 if dataset inputs were dropped; alone if no input is available).
// Shards write the raw per-batch sums (table "batch_sums"); the summary computes the rest.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
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
#include "lib/io/experiment_frame.h"
#include "lib/io/flag_parsing.h"
#include "lib/io/result_file.h"
#include "lib/io/shards.h"
#include "lib/io/table_builder.h"
#include "lib/nn/initializer_kind.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/exchangeable_moments.h"
#include "lib/stats/z_score_summary.h"
#include "lib/theory/he_network_sampler.h"
#include "lib/theory/input_moments.h"
#include "lib/theory/layer_comparison_summary.h"
#include "lib/theory/layer_kurtosis.h"
#include "lib/theory/layer_moment_grid.h"

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

namespace vev::theory_checks {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Config {
  std::vector<theory::LayerMomentConfig> configs;
  int inputs_per_network;
  int batches;
  theory::InformativeCriterion criterion;
  bool skip_if_data_unavailable;
};

std::vector<std::string> Names(const std::string& list) {
  return absl::StrSplit(list, ',', absl::SkipEmpty());
}

absl::StatusOr<Config> ConfigFromFlags() {
  Config c;
  theory::LayerMomentGridSpec grid;
  grid.inputs = Names(absl::GetFlag(FLAGS_inputs));
  grid.inits = Names(absl::GetFlag(FLAGS_inits));
  VEV_ASSIGN_OR_RETURN(grid.widths, io::ParseIntList("widths", absl::GetFlag(FLAGS_widths), 2));
  VEV_ASSIGN_OR_RETURN(grid.depths, io::ParseIntList("depths", absl::GetFlag(FLAGS_depths), 0));
  VEV_ASSIGN_OR_RETURN(grid.networks,
                       io::ParseIntList("networks", absl::GetFlag(FLAGS_networks), 1));
  if (!absl::GetFlag(FLAGS_dataset_networks).empty()) {
    VEV_ASSIGN_OR_RETURN(grid.dataset_networks,
                         io::ParseIntList("dataset_networks",
                                          absl::GetFlag(FLAGS_dataset_networks), 1));
  }
  VEV_ASSIGN_OR_RETURN(
      grid.negative_slopes,
      io::ParseDoubleList("negative_slopes", absl::GetFlag(FLAGS_negative_slopes), -1e300));
  VEV_ASSIGN_OR_RETURN(grid.dataset_negative_slopes,
                       io::ParseDoubleList("dataset_negative_slopes",
                                           absl::GetFlag(FLAGS_dataset_negative_slopes), -1e300));
  c.batches = grid.batches = absl::GetFlag(FLAGS_batches);
  if (c.batches < 20) return absl::InvalidArgumentError("--batches must be >= 20");
  VEV_ASSIGN_OR_RETURN(c.configs, theory::MakeLayerMomentGrid(grid));
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

// The training sets of the dataset inputs (in the order --inputs names them), their exact
// transform moments, and the configurations whose input is available (in flag order).
struct Inputs {
  std::map<data::DatasetName, data::Dataset> datasets;
  std::vector<data::DatasetName> order;
  std::map<data::DatasetName, theory::TransformMoments> moments;
  bool data_unavailable = false;
  std::vector<int> active;
};

// The frame runs Compute and then Summarize in one process (a whole run), or only one of
// them (a shard; a merge): the datasets are loaded once per process, here.
absl::StatusOr<const Inputs*> LoadInputs(const Config& config, const char* argv0) {
  static std::optional<Inputs> loaded;
  if (loaded.has_value()) return &*loaded;
  Inputs inputs;
  for (const theory::LayerMomentConfig& spec : config.configs) {
    if (spec.input.kind != theory::InputKind::kDataset) continue;
    const data::DatasetName name = spec.input.dataset;
    if (inputs.datasets.count(name) > 0) continue;
    VEV_ASSIGN_OR_RETURN(std::optional<data::Dataset> dataset,
                         data::LocateAndLoadDatasetIfAvailable(
                             name, data::Split::kTrain, argv0, "", config.skip_if_data_unavailable));
    if (!dataset.has_value()) {
      inputs.data_unavailable = true;
      continue;
    }
    inputs.moments[name] = theory::DatasetTransformMoments(dataset->features);
    inputs.order.push_back(name);
    inputs.datasets.emplace(name, std::move(*dataset));
  }
  for (size_t c = 0; c < config.configs.size(); ++c) {
    const theory::LayerMomentInput& source = config.configs[c].input;
    if (source.kind == theory::InputKind::kGaussian || inputs.datasets.count(source.dataset)) {
      inputs.active.push_back(static_cast<int>(c));
    }
  }
  loaded.emplace(std::move(inputs));
  return &*loaded;
}

// One row of "batch_sums": the moment sums of one layer over one batch of networks.
struct BatchSumRow {
  double config, batch, layer, vectors, dimension, sum_squares, sum_fourth, sum_cross;
};

// Runs this shard's (batch, configuration) items and appends the raw sums.
absl::Status Compute(const Config& config, const io::FrameContext& frame,
                     io::ExperimentRun& run) {
  VEV_ASSIGN_OR_RETURN(const Inputs* inputs, LoadInputs(config, frame.argv0));
  if (inputs->active.empty()) {
    run.MarkDataUnavailable();
    return absl::OkStatus();
  }
  for (const data::DatasetName name : inputs->order) {
    data::RecordDataset(inputs->datasets.at(name).info, run.result());
  }
  const std::vector<int>& active = inputs->active;
  const int64_t num_configs = static_cast<int64_t>(active.size());
  const io::ShardRange range = frame.Range(config.batches * num_configs);
  double total_work = 0;  // network-layers
  for (int64_t item = range.begin; item < range.end; ++item) {
    const theory::LayerMomentConfig& spec = config.configs[active[item % num_configs]];
    total_work += static_cast<double>(spec.networks) / config.batches * (spec.depth + 1);
  }
  ProgressReporter progress("layer_moments", std::max<int64_t>(1, std::llround(total_work)),
                            "network-layers");
  double done = 0;
  io::RowTable<BatchSumRow> rows({{"config", "", &BatchSumRow::config},
                                  {"batch", "", &BatchSumRow::batch},
                                  {"layer", "", &BatchSumRow::layer},
                                  {"vectors", "", &BatchSumRow::vectors},
                                  {"dimension", "", &BatchSumRow::dimension},
                                  {"sum_squares", "", &BatchSumRow::sum_squares},
                                  {"sum_fourth", "", &BatchSumRow::sum_fourth},
                                  {"sum_cross", "", &BatchSumRow::sum_cross}});
  std::vector<std::unique_ptr<theory::HeNetworkSampler>> samplers(active.size());
  for (int64_t item = range.begin; item < range.end; ++item) {
    const int64_t batch = item / num_configs;
    const int c = active[item % num_configs];
    const theory::LayerMomentConfig& spec = config.configs[c];
    std::unique_ptr<theory::HeNetworkSampler>& sampler = samplers[item % num_configs];
    if (sampler == nullptr) {
      const Matrix* features = spec.input.kind == theory::InputKind::kDataset
                                   ? &inputs->datasets.at(spec.input.dataset).features
                                   : nullptr;
      sampler = std::make_unique<theory::HeNetworkSampler>(
          spec.Network(config.inputs_per_network), features);
    }
    const io::ShardRange networks =
        io::ShardOf(spec.networks, static_cast<int>(batch), config.batches);
    const std::vector<stats::ExchangeableMomentSums> sums = theory::SimulateLayerMoments(
        *sampler, spec.Stream(frame.seed), networks.begin, networks.size());
    for (size_t l = 0; l < sums.size(); ++l) {
      rows.Add({static_cast<double>(c), static_cast<double>(batch), static_cast<double>(l),
                static_cast<double>(sums[l].vectors), static_cast<double>(sums[l].dimension),
                sums[l].sum_squares, sums[l].sum_fourth, sums[l].sum_cross});
    }
    done += static_cast<double>(networks.size()) * (spec.depth + 1);
    progress.Update(std::min<int64_t>(std::llround(done), std::llround(total_work)));
  }
  rows.WriteTo(run.AddTable("batch_sums", "Raw per-batch, per-layer moment sums"));
  return absl::OkStatus();
}

// sums[c][batch][layer] from the "batch_sums" rows, for the active configurations.
using BatchSums = std::map<int, std::vector<std::vector<stats::ExchangeableMomentSums>>>;
absl::StatusOr<BatchSums> ReadBatchSums(const Config& config, const std::vector<int>& active,
                                        const Table& raw) {
  BatchSums sums;
  for (const int c : active) {
    sums[c].assign(config.batches,
                   std::vector<stats::ExchangeableMomentSums>(config.configs[c].depth + 1));
  }
  std::map<std::string, std::vector<double>> col;
  for (const char* name : {"config", "batch", "layer", "vectors", "dimension", "sum_squares",
                           "sum_fourth", "sum_cross"}) {
    VEV_ASSIGN_OR_RETURN(col[name], io::ColumnValues(raw, name));
  }
  for (size_t r = 0; r < col["config"].size(); ++r) {
    const int c = static_cast<int>(col["config"][r]);
    const int b = static_cast<int>(col["batch"][r]);
    const int l = static_cast<int>(col["layer"][r]);
    if (sums.count(c) == 0 || b < 0 || b >= config.batches || l < 0 ||
        l > config.configs[c].depth) {
      return absl::InvalidArgumentError(absl::StrCat("batch_sums row ", r, " is out of range"));
    }
    stats::ExchangeableMomentSums& s = sums[c][b][l];
    s.vectors = static_cast<int64_t>(col["vectors"][r]);
    s.dimension = static_cast<int>(col["dimension"][r]);
    s.sum_squares = col["sum_squares"][r];
    s.sum_fourth = col["sum_fourth"][r];
    s.sum_cross = col["sum_cross"][r];
  }
  for (const auto& [c, batches] : sums) {
    for (const auto& batch : batches) {
      for (const auto& layer : batch) {
        if (layer.vectors == 0) return absl::InvalidArgumentError("a batch has no networks");
      }
    }
  }
  return sums;
}

struct LayerRow {
  double layer, kappa_theory, kappa, kappa_se, kappa_z, c_theory, c, c_se, c_z, variance_theory,
      variance, variance_se, variance_z, informative, max_batch_share, batch_skewness, kappa_plot,
      kappa_se_plot, c_plot, c_se_plot;
};
struct ConfigRow {
  double config, input, negative_slope, width, weight_kurtosis, depth, networks,
      last_informative_layer, kappa_theory_at_last_informative, max_abs_z_kappa, max_abs_z_c,
      rms_z_kappa, rms_z_c;
};

io::RowTable<LayerRow> LayerTable() {
  using R = LayerRow;
  return io::RowTable<R>({{"layer", "l", &R::layer},
                          {"kappa_theory", "", &R::kappa_theory},
                          {"kappa", "", &R::kappa},
                          {"kappa_se", "", &R::kappa_se},
                          {"kappa_z", "SE", &R::kappa_z},
                          {"c_theory", "c_l / sigma^4", &R::c_theory},
                          {"c", "c_l / sigma^4", &R::c},
                          {"c_se", "", &R::c_se},
                          {"c_z", "SE", &R::c_z},
                          {"variance_theory", "", &R::variance_theory},
                          {"variance", "", &R::variance},
                          {"variance_se", "", &R::variance_se},
                          {"variance_z", "SE", &R::variance_z},
                          {"informative", "0/1", &R::informative},
                          {"max_batch_share", "", &R::max_batch_share},
                          {"batch_skewness", "", &R::batch_skewness},
                          {"kappa_plot", "NaN if not informative", &R::kappa_plot},
                          {"kappa_se_plot", "", &R::kappa_se_plot},
                          {"c_plot", "NaN if not informative", &R::c_plot},
                          {"c_se_plot", "", &R::c_se_plot}});
}

io::RowTable<ConfigRow> ConfigTable() {
  using R = ConfigRow;
  return io::RowTable<R>(
      {{"config", "", &R::config},
       {"input", "", &R::input},
       {"negative_slope", "a", &R::negative_slope},
       {"width", "w", &R::width},
       {"weight_kurtosis", "k_w", &R::weight_kurtosis},
       {"depth", "", &R::depth},
       {"networks", "", &R::networks},
       {"last_informative_layer", "-1: none", &R::last_informative_layer},
       {"kappa_theory_at_last_informative", "", &R::kappa_theory_at_last_informative},
       {"max_abs_z_kappa", "SE", &R::max_abs_z_kappa},
       {"max_abs_z_c", "SE", &R::max_abs_z_c},
       {"rms_z_kappa", "SE", &R::rms_z_kappa},
       {"rms_z_c", "SE", &R::rms_z_c}});
}

LayerRow ToLayerRow(const theory::LayerComparison& row) {
  const stats::ExchangeableMomentEstimates& s = row.simulated;
  const bool in = row.informative;
  return {static_cast<double>(row.layer), row.theory.kurtosis, s.kurtosis.value,
          s.kurtosis.std_error, theory::KurtosisZScore(row), row.theory.normalized_cov_squares,
          s.normalized_cov_squares.value, s.normalized_cov_squares.std_error,
          theory::CovSquaresZScore(row), row.theory.variance, s.second_moment.value,
          s.second_moment.std_error, s.second_moment.ZScore(row.theory.variance), in ? 1.0 : 0.0,
          s.max_batch_fourth_share, s.kurtosis_batch_skewness, in ? s.kurtosis.value : kNaN,
          in ? s.kurtosis.std_error : kNaN, in ? s.normalized_cov_squares.value : kNaN,
          in ? s.normalized_cov_squares.std_error : kNaN};
}

// Turns the raw sums into the comparison tables and summaries; removes the raw table.
absl::Status Summarize(const Config& config, const io::FrameContext& frame,
                       io::ExperimentRun& run) {
  VEV_ASSIGN_OR_RETURN(const Inputs* inputs, LoadInputs(config, frame.argv0));
  VEV_ASSIGN_OR_RETURN(const Table raw, io::TakeTable(run.result(), "batch_sums"));
  VEV_ASSIGN_OR_RETURN(BatchSums sums, ReadBatchSums(config, inputs->active, raw));
  io::RowTable<ConfigRow> configs = ConfigTable();
  stats::ZScoreSummary all_kappa, all_c;
  for (const int c : inputs->active) {
    const theory::LayerMomentConfig& spec = config.configs[c];
    const bool dataset = spec.input.kind == theory::InputKind::kDataset;
    const std::vector<theory::LayerComparison> rows = theory::CompareLayers(
        sums[c],
        theory::PredictLayers(spec.Network(config.inputs_per_network),
                              dataset ? &inputs->moments.at(spec.input.dataset) : nullptr),
        config.criterion);
    io::RowTable<LayerRow> layers = LayerTable();
    for (const theory::LayerComparison& row : rows) layers.Add(ToLayerRow(row));
    layers.WriteTo(run.AddTable(
        spec.TableName(),
        absl::StrCat("Proposition 3 vs simulation: input ", spec.input.name,
                     ", a = ", spec.negative_slope, ", width ", spec.width, ", ",
                     nn::InitializerName(spec.init), " (k_w = ", nn::HeWeightKurtosis(spec.init),
                     "), ", spec.networks, " networks x ", config.inputs_per_network, " inputs, ",
                     config.batches, " batches")));
    const theory::LayerComparisonSummary s = theory::SummarizeLayerComparisons(rows);
    all_kappa.Merge(s.kappa);
    all_c.Merge(s.c);
    const int last = s.last_informative_layer;
    configs.Add({static_cast<double>(c), static_cast<double>(spec.input.Code()),
                 spec.negative_slope, static_cast<double>(spec.width),
                 nn::HeWeightKurtosis(spec.init), static_cast<double>(spec.depth),
                 static_cast<double>(spec.networks), static_cast<double>(last),
                 last >= 0 ? rows[last].theory.kurtosis : kNaN,
                 s.kappa.count > 0 ? s.kappa.max_abs : kNaN, s.c.count > 0 ? s.c.max_abs : kNaN,
                 s.kappa.Rms(), s.c.Rms()});
  }
  configs.WriteTo(run.AddTable("configs",
                               "One row per configuration; input 0 = gaussian, 1 + DatasetName "
                               "otherwise (1 mnist, 2 cifar10, 3 fashion_mnist)"));
  auto or_minus_one = [](int64_t n, double value) { return n > 0 ? value : -1.0; };
  run.AddScalar("informative_comparisons", static_cast<double>(all_kappa.count), 0,
                "Layers (over all configurations) where kappa_hat is informative");
  run.AddScalar("rms_z_kappa", or_minus_one(all_kappa.count, all_kappa.Rms()), 0,
                "Root mean square of (kappa_hat - kappa_l) / SE over informative layers "
                "(about 1 if theory and SEs are right; layers are correlated; -1: none)");
  run.AddScalar("rms_z_c", or_minus_one(all_c.count, all_c.Rms()), 0,
                "Root mean square z-score of c_l / sigma^4 over informative layers");
  run.AddScalar("fraction_abs_z_kappa_above_2",
                or_minus_one(all_kappa.count, all_kappa.FractionAbove2()), 0,
                "Share of informative layers with |z_kappa| > 2 (about 0.046 for N(0,1))");
  run.AddScalar("fraction_abs_z_c_above_2", or_minus_one(all_c.count, all_c.FractionAbove2()),
                0, "Share of informative layers with |z_c| > 2");
  run.AddScalar("count_abs_z_kappa_above_4.42", static_cast<double>(all_kappa.above_large), 0,
                "Informative layers with |z_kappa| > 4.42");
  run.AddScalar("count_abs_z_c_above_4.42", static_cast<double>(all_c.above_large), 0,
                "Informative layers with |z_c| > 4.42");
  run.AddScalar(io::kDataUnavailableScalar, inputs->data_unavailable ? 1 : 0, 0,
                "1 if dataset inputs were dropped because a dataset is not available");
  return absl::OkStatus();
}

}  // namespace
}  // namespace vev::theory_checks

int main(int argc, char** argv) {
  vev::io::ExperimentDefinition definition;
  definition.name = "layer_moments";
  definition.usage =
      "Proposition 3 vs simulation: kappa_l and c_l of He networks over depth -> result proto.";
  definition.default_seed = 5003;
  definition.rng_scheme = vev::rng::kRngScheme;
  definition.sharded = true;
  namespace t = vev::theory_checks;
  return vev::io::RunExperiment<t::Config>(argc, argv, definition,
                                           {t::ConfigFromFlags, t::Compute, t::Summarize});
}

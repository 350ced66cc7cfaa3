// Fig. 2 of the activation paper (Sec. 5): phi(z) = 1/z, N = 1000, nine initializations,
// one histogram of h_2 per initialization; plus the number the paper does not give: the
// spread of the per-initialization scale. Given h_1, the values of one initialization are
// i.i.d. N(0, s^2) with s = sqrt(sigma_w^2 r_1 + sigma_b^2) (lib/activation/
// second_layer_demo.h), and for 1/z s = sqrt(N) / |Z'| in law: the interquartile range of an
// initialization varies by orders of magnitude between initializations, whereas N
// independent Cauchy(0, sqrt(N)) values would give 2 sqrt(N) +- ~5% every time.
//
//   bazel run //experiments/activation_distribution:second_layer_scales -- --out=/tmp/s.pb
//
// Tables: "dependence_hist_<k>" (x, density) and "dependence_curve_<k>" (x, gaussian: the
// N(0, s_k^2) density with the exact conditional s_k; cauchy: the Cauchy(0, sqrt(N))
// marginal) for k = 1..initializations, each over +-range_sds * s_k; "dependence_scales"
// (initialization, conditional_sd_over_sqrt_n, iqr_over_2sqrt_n, iqr_over_normal_iqr,
// min_abs_h1); with --scale_initializations > 0 also "scale_quantiles" (p, the quantiles
// of s / sqrt(N) over that many initializations and their theoretical values
// 1 / Q_|Z|(1 - p)). Scalars: the spread of log IQR over the shown initializations, over
// the large sample, and for a control of i.i.d. Cauchy values grouped the same way (also as
// the one-row table "dependence_summary").
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "lib/activation/activation.h"
#include "lib/activation/random_network.h"
#include "lib/activation/second_layer_demo.h"
#include "lib/base/eigen_types.h"
#include "lib/base/progress.h"
#include "lib/io/experiment_frame.h"
#include "lib/io/table_builder.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/distributions.h"
#include "lib/stats/histogram.h"
#include "lib/stats/ks_distance.h"
#include "lib/stats/quantiles.h"

ABSL_FLAG(int, width, 1000, "Width N (>= 2).");
ABSL_FLAG(int, initializations, 9, "Initializations shown, one histogram each (>= 2).");
ABSL_FLAG(std::string, activation, "reciprocal",
          "Activation (relu, heaviside, tanh, reciprocal, poly:C0:C1:..., exp_square:A).");
ABSL_FLAG(double, sigma_w, 1.0, "Weight scale: weights ~ N(0, sigma_w^2 / N); > 0.");
ABSL_FLAG(double, sigma_b, 0.0, "Bias scale: biases ~ N(0, sigma_b^2); >= 0.");
ABSL_FLAG(std::string, sampler, "explicit",
          "explicit (draw every weight) or conditional (h_2 given h_1 directly; same law).");
ABSL_FLAG(double, range_sds, 4.0,
          "Histogram range of initialization k: +-range_sds * s_k (> 0).");
ABSL_FLAG(int, bins, 40, "Histogram bins (>= 1).");
ABSL_FLAG(int, scale_initializations, 2000,
          "Initializations (conditional sampler) for the distribution of the scale s / "
          "sqrt(N) and of the IQR; 0 to skip, else >= 2.");

namespace {

struct Config {
  int width, initializations, bins, scale_initializations;
  vev::activation::Activation phi = vev::activation::Activation::Reciprocal();
  vev::activation::NetworkSampler sampler;
  double sigma_w, sigma_b, range_sds;
};

absl::StatusOr<Config> ConfigFromFlags() {
  Config c;
  c.width = absl::GetFlag(FLAGS_width);
  if (c.width < 2) return absl::InvalidArgumentError("--width must be >= 2");
  c.initializations = absl::GetFlag(FLAGS_initializations);
  if (c.initializations < 2) return absl::InvalidArgumentError("--initializations must be >= 2");
  c.scale_initializations = absl::GetFlag(FLAGS_scale_initializations);
  if (c.scale_initializations < 0 || c.scale_initializations == 1) {
    return absl::InvalidArgumentError("--scale_initializations must be 0 or >= 2");
  }
  absl::StatusOr<vev::activation::Activation> phi =
      vev::activation::Activation::Parse(absl::GetFlag(FLAGS_activation));
  if (!phi.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--activation: ", phi.status().message()));
  }
  c.phi = *phi;
  absl::StatusOr<vev::activation::NetworkSampler> sampler =
      vev::activation::ParseNetworkSampler(absl::GetFlag(FLAGS_sampler));
  if (!sampler.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--sampler: ", sampler.status().message()));
  }
  c.sampler = *sampler;
  c.sigma_w = absl::GetFlag(FLAGS_sigma_w);
  c.sigma_b = absl::GetFlag(FLAGS_sigma_b);
  c.range_sds = absl::GetFlag(FLAGS_range_sds);
  c.bins = absl::GetFlag(FLAGS_bins);
  if (!(c.sigma_w > 0.0) || !std::isfinite(c.sigma_w)) {
    return absl::InvalidArgumentError("--sigma_w must be finite and > 0");
  }
  if (!(c.sigma_b >= 0.0) || !std::isfinite(c.sigma_b)) {
    return absl::InvalidArgumentError("--sigma_b must be finite and >= 0");
  }
  if (!(c.range_sds > 0.0) || !std::isfinite(c.range_sds)) {
    return absl::InvalidArgumentError("--range_sds must be finite and > 0");
  }
  if (c.bins < 1) return absl::InvalidArgumentError("--bins must be >= 1");
  return c;
}

vev::activation::SecondLayerSampleOptions Options(const Config& config, int initializations,
                                                  vev::activation::NetworkSampler sampler,
                                                  uint64_t seed) {
  vev::activation::SecondLayerSampleOptions options;
  options.spec.phi = config.phi;
  options.spec.width = config.width;
  options.spec.depth = 2;
  options.spec.sigma_w = config.sigma_w;
  options.spec.sigma_b = config.sigma_b;
  options.spec.sampler = sampler;
  options.initializations = initializations;
  options.seed = seed;
  options.key = vev::activation::ConfigurationKey(options.spec);
  return options;
}

// One row of "dependence_scales".
struct ScaleRow {
  double initialization, conditional_sd_over_sqrt_n, iqr_over_2sqrt_n, iqr_over_normal_iqr,
      min_abs_h1;
};

// Streams are keyed by (--seed, configuration, initialization).
absl::Status Compute(const Config& config, const vev::io::FrameContext& frame,
                     vev::io::ExperimentRun& run) {
  const uint64_t seed = frame.seed;
  const int n = config.width;
  const double sqrt_n = std::sqrt(static_cast<double>(n));
  const double normal_iqr = 2.0 * vev::stats::NormalQuantile(0.75);
  vev::ProgressReporter progress(
      "second_layer_scales", config.initializations + 2 * config.scale_initializations,
      "initializations");

  const vev::activation::SecondLayerSample shown = vev::activation::SampleSecondLayers(
      Options(config, config.initializations, config.sampler, seed));
  progress.Update(config.initializations);
  const vev::VectorD iqr = vev::activation::ColumnInterquartileRanges(shown.h2);
  using R = ScaleRow;
  vev::io::RowTable<R> scales({{"initialization", "", &R::initialization},
                               {"conditional_sd_over_sqrt_n", "", &R::conditional_sd_over_sqrt_n},
                               {"iqr_over_2sqrt_n", "", &R::iqr_over_2sqrt_n},
                               {"iqr_over_normal_iqr", "", &R::iqr_over_normal_iqr},
                               {"min_abs_h1", "", &R::min_abs_h1}});
  for (int k = 0; k < config.initializations; ++k) {
    const double s = shown.conditional_sd(k);
    vev::stats::Histogram histogram(-config.range_sds * s, config.range_sds * s, config.bins);
    for (int i = 0; i < n; ++i) histogram.Add(shown.h2(i, k));
    vev::io::TableBuilder hist(
        run.AddTable(absl::StrCat("dependence_hist_", k + 1),
                     absl::StrCat("Histogram of the N = ", n, " values of h_2 of initialization ",
                                  k + 1)),
        {{"x", "h_2"}, {"density", "1/h_2"}});
    for (int b = 0; b < histogram.bins(); ++b) {
      hist.AddRow({histogram.BinCenter(b), histogram.Density(b)});
    }
    vev::io::TableBuilder curve(
        run.AddTable(absl::StrCat("dependence_curve_", k + 1),
                     absl::StrCat("N(0, s^2) given h_1 (s = ", s,
                                  ") and the Cauchy(0, sqrt(N)) marginal")),
        {{"x", "h_2"}, {"gaussian", "1/h_2"}, {"cauchy", "1/h_2"}});
    constexpr int kPoints = 201;
    for (int j = 0; j < kPoints; ++j) {
      const double v = config.range_sds * s * (2.0 * j / (kPoints - 1) - 1.0);
      curve.AddRow({v, vev::stats::NormalPdf(v, 0.0, s), vev::stats::CauchyPdf(v, 0.0, sqrt_n)});
    }
    scales.Add({static_cast<double>(k + 1), s / sqrt_n, iqr(k) / (2.0 * sqrt_n),
                iqr(k) / (normal_iqr * s), shown.min_abs_h1(k)});
  }
  scales.WriteTo(run.AddTable(
      "dependence_scales",
      "Per initialization: exact conditional sd of h_2 given h_1, IQR of its N values, and "
      "min |h_1|"));
  const double shown_sd = vev::activation::SdLogIqr(iqr, n);
  run.AddScalar("shown_sd_log_iqr", shown_sd, 0.0,
                "sd of log(IQR / (2 sqrt N)) over the shown initializations");
  run.AddScalar("shown_iqr_max_over_min", iqr.maxCoeff() / iqr.minCoeff(), 0.0,
                "largest / smallest IQR among the shown initializations");
  vev::io::TableBuilder summary(
      run.AddTable("dependence_summary",
                   "One row: spread of log IQR (shown, many, i.i.d. control; 0 = not run)"),
      {{"shown_sd_log_iqr", ""}, {"sd_log_iqr", ""}, {"control_sd_log_iqr", ""}});
  const int m = config.scale_initializations;
  if (m == 0) {
    summary.AddRow({shown_sd, 0.0, 0.0});
    return absl::OkStatus();
  }
  // The law of the scale over many initializations (conditional sampler: same law).
  const vev::activation::SecondLayerSample many = vev::activation::SampleSecondLayers(
      Options(config, m, vev::activation::NetworkSampler::kConditionalGaussian, seed));
  progress.Update(config.initializations + m);
  std::vector<double> scale(m), scale_sq(m);
  for (int k = 0; k < m; ++k) {
    scale[k] = many.conditional_sd(k) / sqrt_n;
    scale_sq[k] = scale[k] * scale[k];
  }
  const std::vector<double> probs = {0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99};
  const std::vector<double> measured = vev::stats::MQuantiles(scale, probs);
  vev::io::TableBuilder quantiles(
      run.AddTable("scale_quantiles", absl::StrCat("Quantiles of s / sqrt(N) over ", m,
                                                   " initializations, and of 1/|Z|")),
      {{"p", ""}, {"measured", ""}, {"theory_inverse_abs_normal", ""}});
  for (size_t i = 0; i < probs.size(); ++i) {
    quantiles.AddRow({probs[i], measured[i], vev::activation::ReciprocalScaleQuantile(probs[i])});
  }
  run.AddScalar("scale_ks_sqrt_m", std::sqrt(static_cast<double>(m)) *
                    vev::stats::KsDistance(scale_sq, [](double x) { return vev::stats::LevyCdf(x); }),
                0.0, "sqrt(M) * KS distance of (s / sqrt N)^2 to Levy(0, 1) (phi = 1/z theory)");
  const double many_sd =
      vev::activation::SdLogIqr(vev::activation::ColumnInterquartileRanges(many.h2), n);
  run.AddScalar("sd_log_iqr", many_sd, many_sd / std::sqrt(2.0 * (m - 1)),
                "sd of log(IQR / (2 sqrt N)) over many initializations; theory for 1/z: "
                "sd(log|Z|) = pi / sqrt(8) = 1.1107 (plus sampling noise ~0.05); SE assumes "
                "near-normal logs");
  // Control: the same statistic for N i.i.d. Cauchy(0, sqrt(N)) values per group.
  const double control_sd = vev::activation::SdLogIqr(
      vev::activation::ColumnInterquartileRanges(vev::activation::IidCauchyGroups(n, m, seed)), n);
  progress.Update(config.initializations + 2 * m);
  run.AddScalar("control_sd_log_iqr_iid_cauchy", control_sd,
                control_sd / std::sqrt(2.0 * (m - 1)),
                "the same sd for groups of N i.i.d. Cauchy(0, sqrt N) values (no dependence)");
  summary.AddRow({shown_sd, many_sd, control_sd});
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  vev::io::ExperimentDefinition definition;
  definition.name = "second_layer_scales";
  definition.usage =
      "Fig. 2 of the activation paper: per-initialization histograms of h_2 for phi = 1/z "
      "and the spread of the per-initialization scale -> result proto.";
  definition.default_seed = 20181002;
  definition.rng_scheme = vev::rng::kRngScheme;
  return vev::io::RunExperiment<Config>(argc, argv, definition,
                                        {ConfigFromFlags, Compute, nullptr});
}

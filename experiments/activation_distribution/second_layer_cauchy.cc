// Fig. 1 of the activation paper (Sec. 5, Proposition 9): phi(z) = 1/z, x_0 = (1, ..., 1),
// sigma_w = 1, sigma_b = 0; for each width N, M random initializations; the histogram of all
// values of h_2 (density scale, clipped to +-range_scale sqrt(N)), the Cauchy(0, sqrt(N))
// density and the Gaussian fitted to the data, and the Kolmogorov-Smirnov distance of the
// pooled values to both.
//
//   bazel run //experiments/activation_distribution:second_layer_cauchy -- --out=/tmp/c.pb
//
// Tables: "cauchy_hist_N<N>" (x, density: bins; density counts every value, also those
// outside the range, so it is comparable with the full Cauchy density), "cauchy_curve_N<N>"
// (x, cauchy, gaussian: the two reference densities), "cauchy_fit" (one row per N: width,
// values, ks_cauchy, ks_gaussian, gaussian_sd_over_sqrt_n, outside_fraction,
// cauchy_outside_fraction). Scalars ks_cauchy_N<N>, ks_gaussian_N<N>.
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
#include "lib/base/progress.h"
#include "lib/base/status_macros.h"
#include "lib/io/experiment_frame.h"
#include "lib/io/flag_parsing.h"
#include "lib/io/table_builder.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/distributions.h"
#include "lib/stats/histogram.h"

ABSL_FLAG(std::string, widths, "10,100,1000", "Comma-separated widths N (>= 1).");
ABSL_FLAG(int, initializations, 100, "Random initializations per width (>= 1).");
ABSL_FLAG(std::string, activation, "reciprocal",
          "Activation (relu, heaviside, tanh, reciprocal, poly:C0:C1:..., exp_square:A).");
ABSL_FLAG(double, sigma_w, 1.0, "Weight scale: weights ~ N(0, sigma_w^2 / N); > 0.");
ABSL_FLAG(double, sigma_b, 0.0, "Bias scale: biases ~ N(0, sigma_b^2); >= 0.");
ABSL_FLAG(std::string, sampler, "explicit",
          "explicit (draw every weight) or conditional (h_2 given h_1 directly; same law).");
ABSL_FLAG(double, range_scale, 10.0,
          "Histogram range: +-range_scale * sqrt(N) (> 0); values outside still count in "
          "the density's normalization.");
ABSL_FLAG(int, bins, 100, "Histogram bins (>= 1).");
ABSL_FLAG(int, curve_points, 801, "Points of the reference density curves (>= 2).");

namespace {

struct Config {
  std::vector<int> widths;
  int initializations;
  vev::activation::Activation phi = vev::activation::Activation::Reciprocal();
  vev::activation::NetworkSampler sampler;
  double sigma_w, sigma_b, range_scale;
  int bins, curve_points;
};

absl::StatusOr<Config> ConfigFromFlags() {
  Config c;
  VEV_ASSIGN_OR_RETURN(c.widths, vev::io::ParseIntList("widths", absl::GetFlag(FLAGS_widths), 1));
  c.initializations = absl::GetFlag(FLAGS_initializations);
  if (c.initializations < 1) return absl::InvalidArgumentError("--initializations must be >= 1");
  absl::StatusOr<vev::activation::Activation> phi =
      vev::activation::Activation::Parse(absl::GetFlag(FLAGS_activation));
  if (!phi.ok()) return absl::InvalidArgumentError(absl::StrCat("--activation: ", phi.status().message()));
  c.phi = *phi;
  absl::StatusOr<vev::activation::NetworkSampler> sampler =
      vev::activation::ParseNetworkSampler(absl::GetFlag(FLAGS_sampler));
  if (!sampler.ok()) return absl::InvalidArgumentError(absl::StrCat("--sampler: ", sampler.status().message()));
  c.sampler = *sampler;
  c.sigma_w = absl::GetFlag(FLAGS_sigma_w);
  c.sigma_b = absl::GetFlag(FLAGS_sigma_b);
  c.range_scale = absl::GetFlag(FLAGS_range_scale);
  c.bins = absl::GetFlag(FLAGS_bins);
  c.curve_points = absl::GetFlag(FLAGS_curve_points);
  if (!(c.sigma_w > 0.0) || !std::isfinite(c.sigma_w)) {
    return absl::InvalidArgumentError("--sigma_w must be finite and > 0");
  }
  if (!(c.sigma_b >= 0.0) || !std::isfinite(c.sigma_b)) {
    return absl::InvalidArgumentError("--sigma_b must be finite and >= 0");
  }
  if (!(c.range_scale > 0.0) || !std::isfinite(c.range_scale)) {
    return absl::InvalidArgumentError("--range_scale must be finite and > 0");
  }
  if (c.bins < 1) return absl::InvalidArgumentError("--bins must be >= 1");
  if (c.curve_points < 2) return absl::InvalidArgumentError("--curve_points must be >= 2");
  return c;
}

// One row of "cauchy_fit".
struct FitRow {
  double width, values, ks_cauchy, ks_gaussian, gaussian_sd_over_sqrt_n, outside_fraction,
      cauchy_outside_fraction;
};

// Streams are keyed by (--seed, configuration, initialization).
absl::Status Compute(const Config& config, const vev::io::FrameContext& frame,
                     vev::io::ExperimentRun& run) {
  using R = FitRow;
  vev::io::RowTable<R> fits({{"width", "N", &R::width},
                             {"values", "N * initializations", &R::values},
                             {"ks_cauchy", "", &R::ks_cauchy},
                             {"ks_gaussian", "", &R::ks_gaussian},
                             {"gaussian_sd_over_sqrt_n", "", &R::gaussian_sd_over_sqrt_n},
                             {"outside_fraction", "", &R::outside_fraction},
                             {"cauchy_outside_fraction", "", &R::cauchy_outside_fraction}});
  const int64_t total_networks =
      static_cast<int64_t>(config.widths.size()) * config.initializations;
  vev::ProgressReporter progress("second_layer_cauchy", total_networks, "initializations");
  int64_t done = 0;
  for (const int n : config.widths) {
    vev::activation::SecondLayerSampleOptions options;
    options.spec.phi = config.phi;
    options.spec.width = n;
    options.spec.depth = 2;
    options.spec.sigma_w = config.sigma_w;
    options.spec.sigma_b = config.sigma_b;
    options.spec.sampler = config.sampler;
    options.initializations = config.initializations;
    options.seed = frame.seed;
    options.key = vev::activation::ConfigurationKey(options.spec);
    const vev::activation::SecondLayerSample sample =
        vev::activation::SampleSecondLayers(options);
    done += config.initializations;
    progress.Update(done);

    const double gamma = std::sqrt(static_cast<double>(n));
    const vev::activation::PooledFit fit = vev::activation::FitPooled(sample.h2, gamma);
    const double half = config.range_scale * gamma;
    vev::stats::Histogram histogram(-half, half, config.bins);
    for (int m = 0; m < sample.h2.cols(); ++m) {
      for (int i = 0; i < sample.h2.rows(); ++i) histogram.Add(sample.h2(i, m));
    }
    vev::io::TableBuilder hist(
        run.AddTable(absl::StrCat("cauchy_hist_N", n),
                     absl::StrCat("Histogram of h_2 over ", config.initializations,
                                  " initializations, N = ", n, ", phi = ", config.phi.Formula(),
                                  ", range +-", config.range_scale, " sqrt(N)")),
        {{"x", "h_2"}, {"density", "1/h_2"}});
    for (int b = 0; b < histogram.bins(); ++b) {
      hist.AddRow({histogram.BinCenter(b), histogram.Density(b)});
    }
    vev::io::TableBuilder curve(
        run.AddTable(absl::StrCat("cauchy_curve_N", n),
                     absl::StrCat("Cauchy(0, sqrt(N)) and fitted N(0, sd^2) densities, N = ", n)),
        {{"x", "h_2"}, {"cauchy", "1/h_2"}, {"gaussian", "1/h_2"}});
    for (int k = 0; k < config.curve_points; ++k) {
      const double x = -half + 2.0 * half * k / (config.curve_points - 1);
      curve.AddRow({x, vev::stats::CauchyPdf(x, 0.0, gamma),
                    vev::stats::NormalPdf(x, 0.0, fit.gaussian_sd)});
    }
    const double outside =
        static_cast<double>(histogram.underflow() + histogram.overflow()) / histogram.total();
    // cauchy_outside_fraction: P(|C| > range_scale) for a standard Cauchy.
    fits.Add({static_cast<double>(n), static_cast<double>(fit.values), fit.ks_cauchy,
              fit.ks_gaussian, fit.gaussian_sd / gamma, outside,
              1.0 - 2.0 * std::atan(config.range_scale) / 3.14159265358979323846});
    run.AddScalar(absl::StrCat("ks_cauchy_N", n), fit.ks_cauchy, 0.0,
                  "KS distance of the pooled h_2 to Cauchy(0, sqrt(N))");
    run.AddScalar(absl::StrCat("ks_gaussian_N", n), fit.ks_gaussian, 0.0,
                  "KS distance of the pooled h_2 to the fitted N(0, sd^2), sd^2 = mean h_2^2");
  }
  fits.WriteTo(run.AddTable("cauchy_fit", "Goodness of fit of the pooled h_2 per width"));
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  vev::io::ExperimentDefinition definition;
  definition.name = "second_layer_cauchy";
  definition.usage =
      "Fig. 1 of the activation paper: histograms of h_2 for phi = 1/z against "
      "Cauchy(0, sqrt(N)) and a fitted Gaussian -> result proto.";
  definition.default_seed = 20181001;
  definition.rng_scheme = vev::rng::kRngScheme;
  return vev::io::RunExperiment<Config>(argc, argv, definition,
                                        {ConfigFromFlags, Compute, nullptr});
}

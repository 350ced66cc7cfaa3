// Tests of the Fig. 2 engine (lib/variance/unit_variance.h):
// - bit-identical to its plain-loop specification (ReferenceUnitVariances) over odd shapes,
//   units, sample counts and blockings;
// - bit-identical across thread counts, networks per pass, block sizes and shard splits;
// - against the straightforward evaluation with lib/nn (InferenceWorkspace + LayerObserver,
//   Eigen products, a different summation order) within bounds derived from float rounding
//   (see AgreesWithEigenPathWithinRoundingBounds);
// - exact cases: integer arithmetic (no rounding at all) and ZerO's closed form;
// - errors.
#include "lib/variance/unit_variance.h"

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/initializers.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"
#include "lib/stats/moments.h"
#include "lib/variance/initialized_networks.h"
#include "lib/variance/packed_samples.h"

namespace vev::variance {
namespace {

constexpr double kFloatEps = 0x1p-24;   // unit roundoff u of float32
constexpr double kDoubleEps = 0x1p-53;  // unit roundoff of double

Matrix GaussianData(int features, int samples, double scale, uint64_t key) {
  Matrix x(features, samples);
  rng::RandomStream stream(11, {key});
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    x.data()[i] = static_cast<float>(scale * stream.Normal());
  }
  return x;
}

// He-normal weights and small nonzero biases, so the bias paths are exercised.
nn::ReluMlp RandomNetwork(const nn::MlpShape& shape, uint64_t key) {
  nn::ReluMlp net(shape);
  rng::RandomStream stream(12, {key});
  for (int l = 0; l < shape.num_layers(); ++l) {
    const double std = std::sqrt(2.0 / shape.in_features(l));
    for (Eigen::Index i = 0; i < net.weight(l).size(); ++i) {
      net.mutable_weight(l).data()[i] = static_cast<float>(std * stream.Normal());
    }
    for (Eigen::Index i = 0; i < net.bias(l).size(); ++i) {
      net.mutable_bias(l)(i) = static_cast<float>(0.05 * stream.Normal());
    }
  }
  return net;
}

NetworkSource RandomNetworks(uint64_t first_key) {
  return [first_key](int64_t index, nn::ReluMlp* net) {
    *net = RandomNetwork(net->shape(), first_key + static_cast<uint64_t>(index));
    return absl::OkStatus();
  };
}

::testing::AssertionResult BitsEqual(const MatrixD& a, const MatrixD& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) {
    return ::testing::AssertionFailure() << "shapes differ";
  }
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    for (Eigen::Index l = 0; l < a.cols(); ++l) {
      const double x = a(i, l), y = b(i, l);
      if (std::memcmp(&x, &y, sizeof(double)) != 0) {
        return ::testing::AssertionFailure()
               << "network " << i << " layer " << l << ": " << x << " vs " << y;
      }
    }
  }
  return ::testing::AssertionSuccess();
}

struct Case {
  nn::MlpShape shape;
  int samples;
  int unit;
  UnitVarianceOptions options;
};

TEST(ComputeUnitVariances, BitIdenticalToReference) {
  std::vector<Case> cases;
  {
    Case c{{300, 10, 20, 10, 0.0}, 1000 + 7, 0, {}};
    c.options.networks_per_pass = 3;
    c.options.panels_per_block = 5;
    c.options.k_block = 17;
    cases.push_back(c);
  }
  {
    Case c{{37, 7, 3, 10, 0.0}, 50, 3, {}};
    c.options.panels_per_block = 1;
    c.options.threads = 2;
    cases.push_back(c);
  }
  cases.push_back({{50, 10, 0, 10, 0.0}, 33, 9, {}});  // depth 0: one Linear 50 -> 10
  cases.push_back({{20, 1, 5, 10, 0.0}, 64, 0, {}});   // width 1
  cases.push_back({{16, 13, 4, 4, 0.0}, 17, 2, {}});   // classes < width
  for (const Case& c : cases) {
    SCOPED_TRACE(::testing::Message()
                 << "input " << c.shape.input_size << " width " << c.shape.width << " depth "
                 << c.shape.depth << " samples " << c.samples << " unit " << c.unit);
    const Matrix x = GaussianData(c.shape.input_size, c.samples, 1.0, c.shape.input_size);
    const PackedSamples data(x);
    UnitVarianceOptions options = c.options;
    options.unit = c.unit;
    constexpr int kNetworks = 5;
    const absl::StatusOr<MatrixD> v =
        ComputeUnitVariances(c.shape, data, kNetworks, RandomNetworks(100), options);
    ASSERT_TRUE(v.ok()) << v.status();
    MatrixD expected(kNetworks, c.shape.num_layers());
    for (int i = 0; i < kNetworks; ++i) {
      const std::vector<double> row =
          ReferenceUnitVariances(RandomNetwork(c.shape, 100 + i), x, c.unit);
      for (int l = 0; l < c.shape.num_layers(); ++l) expected(i, l) = row[l];
    }
    EXPECT_TRUE(BitsEqual(*v, expected));
  }
}

// Results depend on nothing but each network and the data: not on threads, networks per
// pass, block sizes, k-blocking, or which networks are evaluated together (shards).
TEST(ComputeUnitVariances, BitIdenticalAcrossThreadsBlockingAndShards) {
  const nn::MlpShape shape{200, 10, 30, 10, 0.0};
  const Matrix x = GaussianData(shape.input_size, 500, 1.2, 2);
  const PackedSamples data(x);
  constexpr int kNetworks = 13;
  const NetworkSource source =
      InitializedNetworks(nn::InitializerKind::kHeNormal, /*seed=*/5, /*first_index=*/0);
  const absl::StatusOr<MatrixD> base =
      ComputeUnitVariances(shape, data, kNetworks, source, UnitVarianceOptions());
  ASSERT_TRUE(base.ok()) << base.status();
  for (const int threads : {2, 3, 8}) {
    for (const int per_pass : {1, 4, 30}) {
      for (const int block : {1, 3, 64}) {
        UnitVarianceOptions options;
        options.threads = threads;
        options.networks_per_pass = per_pass;
        options.panels_per_block = block;
        options.k_block = per_pass == 4 ? 7 : 256;
        const absl::StatusOr<MatrixD> v =
            ComputeUnitVariances(shape, data, kNetworks, source, options);
        ASSERT_TRUE(v.ok()) << v.status();
        EXPECT_TRUE(BitsEqual(*v, *base))
            << "threads " << threads << " per_pass " << per_pass << " block " << block;
      }
    }
  }
  // Shards [0, 5), [5, 6), [6, 13): the sources start at the shard's first network.
  const int bounds[] = {0, 5, 6, 13};
  for (int s = 0; s < 3; ++s) {
    const absl::StatusOr<MatrixD> part = ComputeUnitVariances(
        shape, data, bounds[s + 1] - bounds[s],
        InitializedNetworks(nn::InitializerKind::kHeNormal, 5, bounds[s]), UnitVarianceOptions());
    ASSERT_TRUE(part.ok()) << part.status();
    EXPECT_TRUE(BitsEqual(*part, base->middleRows(bounds[s], bounds[s + 1] - bounds[s])))
        << "shard " << s;
  }
}

// Records every layer's full output (all units, all samples) of a lib/nn forward pass.
class RecordingObserver : public nn::LayerObserver {
 public:
  void OnLayerOutput(int layer, const Eigen::Ref<const Matrix>& linear_output) override {
    if (static_cast<int>(outputs.size()) <= layer) outputs.resize(layer + 1);
    outputs[layer] = linear_output;
  }
  std::vector<Matrix> outputs;  // [layer]: out_features x samples
};

// gamma_k = k u / (1 - k u) (Higham, Accuracy and Stability, Lemma 3.1): any evaluation
// order of a k-term dot product in float, with or without fma, has
// |fl(sum w_k h_k) - sum w_k h_k| <= gamma_k sum |w_k| |h_k|.
double Gamma(int k) { return k * kFloatEps / (1.0 - k * kFloatEps); }

// The engine (A: fma chains) and lib/nn's InferenceWorkspace with a LayerObserver (B: Eigen
// GEMM, another summation order) compute the same float network differently, so they
// differ by rounding. A bound on that difference cannot be propagated from layer 0 to 100
// (bounds through |W_l| grow geometrically while the signal does not), so it is checked
// one layer at a time, from the *measured* difference of the layer's inputs, for every
// unit of every layer of every sample. With h = max(z_prev, 0) (1-Lipschitz) and
// z = fl(fl(W h) + b):
//   |zA - zB| <= sum_k |W_rk| |hA_k - hB_k|                 (inputs already differ)
//              + gamma_{K+2} sum_k |W_rk| (|hA_k| + |hB_k|)  (each side's dot product; +2
//                                                             covers a rounded product and
//                                                             Eigen's add into C)
//              + u (|zA| + |zB|) (1 + u)                    (each side's bias addition)
//              + 2 (K + 2) 2^-149                           (subnormal rounding, absolute)
// evaluated in double (a factor 1 + 1e-9 covers its own rounding). This is a rigorous
// bound, not a fitted tolerance: a wrong weight, bias, layer or activation breaks it by
// orders of magnitude.
//
// Then the variances of unit 0: with e_s = zA_s - zB_s and sample variances (ddof = 1),
// var(zA) - var(zB) = 2 cov(zB, e) + var(e), so by Cauchy-Schwarz
//   |var(zA) - var(zB)| <= 2 sqrt(var(zB) var(e)) + var(e)
// exactly, plus the double rounding of the two variance computations (the engine's
// shifted sums and stats::Moments), each below 4 (n + 16) eps_double (1 + |mean| sqrt(n /
// S)) S / (n - 1) with S the sum of squared deviations (a generous form of the classical
// bounds for shifted and updating algorithms, Chan, Golub & LeVeque 1983).
TEST(ComputeUnitVariances, AgreesWithEigenPathWithinRoundingBounds) {
  const nn::MlpShape shape{3072, 10, 100, 10, 0.0};  // Fig. 2's network on CIFAR-10's input
  const int n = 400;
  const Matrix x = GaussianData(shape.input_size, n, 1.2, 3);  // normalized pixels: var ~1.5
  const PackedSamples data(x);
  const std::vector<nn::InitializerKind> kinds = {
      nn::InitializerKind::kHeNormal, nn::InitializerKind::kOrthogonal, nn::InitializerKind::kGsm};
  nn::InferenceWorkspace workspace(shape, n);
  double worst_ratio = 0.0, worst_variance_ratio = 0.0;
  for (const nn::InitializerKind kind : kinds) {
    SCOPED_TRACE(std::string(nn::InitializerName(kind)));
    const NetworkSource source = InitializedNetworks(kind, 9, 0);
    nn::ReluMlp net(shape);
    ASSERT_TRUE(source(0, &net).ok());
    const absl::StatusOr<MatrixD> engine = ComputeUnitVariances(shape, data, 1, source, {});
    ASSERT_TRUE(engine.ok()) << engine.status();

    RecordingObserver observer;
    workspace.Forward(net, x, &observer);
    ASSERT_EQ(static_cast<int>(observer.outputs.size()), shape.num_layers());
    std::vector<std::vector<VectorT<float>>> a(n);  // [sample][layer]
    for (int s = 0; s < n; ++s) a[s] = ReferenceLayerOutputs(net, x.col(s));

    for (int l = 0; l < shape.num_layers(); ++l) {
      const Matrix& w = net.weight(l);
      const int k_in = shape.in_features(l);
      const double gamma = Gamma(k_in + 2);
      for (int s = 0; s < n; ++s) {
        for (int r = 0; r < w.rows(); ++r) {
          double propagated = 0.0, magnitude = 0.0;
          for (int k = 0; k < k_in; ++k) {
            const double ha = l == 0 ? x(k, s) : std::max(a[s][l - 1](k), 0.0f);
            const double hb = l == 0 ? x(k, s) : std::max(observer.outputs[l - 1](k, s), 0.0f);
            propagated += std::abs(w(r, k)) * std::abs(ha - hb);
            magnitude += std::abs(w(r, k)) * (std::abs(ha) + std::abs(hb));
          }
          const double za = a[s][l](r), zb = observer.outputs[l](r, s);
          const double bound = (propagated + gamma * magnitude +
                                kFloatEps * (1 + kFloatEps) * (std::abs(za) + std::abs(zb)) +
                                2.0 * (k_in + 2) * 0x1p-149) *
                               (1 + 1e-9);
          ASSERT_LE(std::abs(za - zb), bound) << "layer " << l << " sample " << s << " unit " << r
                                              << ": engine " << za << ", lib/nn " << zb;
          if (bound > 0) worst_ratio = std::max(worst_ratio, std::abs(za - zb) / bound);
        }
      }
      // Unit-0 variances.
      stats::Moments zb_moments, e_moments, za_moments;
      for (int s = 0; s < n; ++s) {
        const double za = a[s][l](0), zb = observer.outputs[l](0, s);
        za_moments.Add(za);
        zb_moments.Add(zb);
        e_moments.Add(za - zb);
      }
      const double var_b = zb_moments.Variance(), var_e = e_moments.Variance();
      auto rounding = [n](const stats::Moments& m) {
        const double sum_sq = m.sum_sq_dev();
        const double condition = sum_sq > 0 ? 1 + std::abs(m.Mean()) * std::sqrt(n / sum_sq) : 1;
        return 4.0 * (n + 16) * kDoubleEps * condition * sum_sq / (n - 1);
      };
      const double bound =
          2 * std::sqrt(var_b * var_e) + var_e + rounding(za_moments) + 2 * rounding(zb_moments);
      const double difference = std::abs((*engine)(0, l) - var_b);
      EXPECT_LE(difference, bound) << "layer " << l << ": engine " << (*engine)(0, l)
                                   << ", lib/nn + Moments " << var_b << ", var(e) " << var_e;
      if (bound > 0) worst_variance_ratio = std::max(worst_variance_ratio, difference / bound);
    }
  }
  std::printf("largest |difference| / bound: layer outputs %.3g, unit-0 variances %.3g\n",
              worst_ratio, worst_variance_ratio);
}

// Integer data, weights in {-1, 0, 1} and integer biases: every float operation is exact
// (all values stay far below 2^24), so both evaluations give the exact variances, which
// must then agree with a long-double two-pass computation to double rounding.
TEST(ComputeUnitVariances, ExactInIntegerArithmetic) {
  const nn::MlpShape shape{3072, 10, 40, 10, 0.0};
  const int n = 333;
  rng::RandomStream stream(13, {1});
  Matrix x(shape.input_size, n);
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    x.data()[i] = static_cast<float>(static_cast<int>(stream.UniformInt(9)) - 4);
  }
  nn::ReluMlp net(shape);
  for (int l = 0; l < shape.num_layers(); ++l) {
    Matrix& w = net.mutable_weight(l);
    if (l == 0) {
      for (Eigen::Index i = 0; i < w.size(); ++i) {
        w.data()[i] = static_cast<float>(static_cast<int>(stream.UniformInt(3)) - 1);
      }
    } else {
      // A signed permutation, plus an extra +-1 entry in every third row of every eighth
      // layer: values at most double 5 times, so they stay below 2^22.
      std::vector<int> perm(shape.width);
      for (int i = 0; i < shape.width; ++i) perm[i] = i;
      stream.Shuffle(absl::MakeSpan(perm));
      w.setZero();
      for (int r = 0; r < w.rows(); ++r) {
        w(r, perm[r]) = static_cast<float>(stream.Sign());
        if (r % 3 == 0 && l % 8 == 0)
          w(r, (perm[r] + 1) % shape.width) = static_cast<float>(stream.Sign());
      }
    }
    for (int r = 0; r < net.bias(l).size(); ++r) {
      net.mutable_bias(l)(r) = static_cast<float>(static_cast<int>(stream.UniformInt(5)) - 2);
    }
  }
  const PackedSamples data(x);
  const absl::StatusOr<MatrixD> engine = ComputeUnitVariances(shape, data, 1,
                                                              [&net](int64_t, nn::ReluMlp* out) {
                                                                *out = net;
                                                                return absl::OkStatus();
                                                              },
                                                              {});
  ASSERT_TRUE(engine.ok()) << engine.status();
  RecordingObserver observer;
  nn::InferenceWorkspace workspace(shape, n);
  workspace.Forward(net, x, &observer);
  for (int l = 0; l < shape.num_layers(); ++l) {
    long double mean = 0;
    for (int s = 0; s < n; ++s) {
      ASSERT_LT(std::abs(observer.outputs[l](0, s)), 1 << 22) << "values must stay exact";
      mean += observer.outputs[l](0, s);
    }
    mean /= n;
    long double m2 = 0;
    for (int s = 0; s < n; ++s) {
      const long double d = observer.outputs[l](0, s) - mean;
      m2 += d * d;
    }
    const double exact = static_cast<double>(m2 / (n - 1));
    EXPECT_NEAR((*engine)(0, l), exact, 1e-12 * std::max(1.0, exact)) << "layer " << l;
  }
}

// ZerO (PROTOCOL.md): layer 0 is the 10 x 3072 rectangular identity, so z_0 = x[0..9]; the
// hidden and final layers are 10 x 10 identities, so z_l = max(z_{l-1}, 0) = max(x_0, 0)
// for every l >= 1. The empirical variance is var(x_0) at layer 0 and var(max(x_0, 0)),
// constant, after (the paper's "keeps the empirical variance constant after the first
// layer").
TEST(ComputeUnitVariances, ZerOClosedForm) {
  const nn::MlpShape shape{3072, 10, 100, 10, 0.0};
  const int n = 1000;
  const Matrix x = GaussianData(shape.input_size, n, 1.2, 4);
  const absl::StatusOr<MatrixD> v = ComputeUnitVariances(
      shape, PackedSamples(x), 2, InitializedNetworks(nn::InitializerKind::kZerO, 1, 0), {});
  ASSERT_TRUE(v.ok()) << v.status();
  auto exact_variance = [&](bool relu) {
    long double mean = 0, m2 = 0;
    for (int s = 0; s < n; ++s) mean += relu ? std::max(x(0, s), 0.0f) : x(0, s);
    mean /= n;
    for (int s = 0; s < n; ++s) {
      const long double d = (relu ? std::max(x(0, s), 0.0f) : x(0, s)) - mean;
      m2 += d * d;
    }
    return static_cast<double>(m2 / (n - 1));
  };
  // Shifted-sum rounding: far below 1e-12 relative at n = 1000.
  EXPECT_NEAR((*v)(0, 0), exact_variance(false), 1e-12 * exact_variance(false));
  const double after = exact_variance(true);
  for (int l = 1; l <= shape.depth; ++l) {
    EXPECT_NEAR((*v)(0, l), after, 1e-12 * after) << "layer " << l;
    EXPECT_EQ((*v)(0, l), (*v)(0, 1)) << "layer " << l;  // the same floats every layer
  }
  EXPECT_EQ((*v)(1, 50), (*v)(0, 50));  // deterministic: every network is the same
}

TEST(ComputeUnitVariances, Errors) {
  const nn::MlpShape shape{20, 10, 3, 10, 0.0};
  const PackedSamples data(GaussianData(20, 40, 1.0, 5));
  const NetworkSource good = RandomNetworks(1);
  UnitVarianceOptions options;
  options.unit = 10;
  EXPECT_EQ(ComputeUnitVariances(shape, data, 2, good, options).status().code(),
            absl::StatusCode::kInvalidArgument);
  options = UnitVarianceOptions();
  options.threads = 0;
  EXPECT_EQ(ComputeUnitVariances(shape, data, 2, good, options).status().code(),
            absl::StatusCode::kInvalidArgument);
  nn::MlpShape leaky = shape;
  leaky.negative_slope = 0.1;
  EXPECT_EQ(ComputeUnitVariances(leaky, data, 2, good, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  nn::MlpShape wrong_input = shape;
  wrong_input.input_size = 21;
  EXPECT_EQ(ComputeUnitVariances(wrong_input, data, 2, good, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  const PackedSamples one_sample(GaussianData(20, 1, 1.0, 6));
  EXPECT_EQ(ComputeUnitVariances(shape, one_sample, 2, good, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  // A failing source: its error comes back, with several threads too.
  const NetworkSource failing = [](int64_t index, nn::ReluMlp*) {
    return index == 7 ? absl::AbortedError("network 7 degenerated") : absl::OkStatus();
  };
  options = UnitVarianceOptions();
  options.threads = 3;
  options.networks_per_pass = 2;
  const absl::Status status = ComputeUnitVariances(shape, data, 12, failing, options).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kAborted);
  EXPECT_NE(status.message().find("network 7"), std::string::npos);
  // No networks: an empty result.
  const absl::StatusOr<MatrixD> none = ComputeUnitVariances(shape, data, 0, good, {});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->rows(), 0);
}

}  // namespace
}  // namespace vev::variance

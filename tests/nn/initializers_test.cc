// Tests of the initializers (lib/nn/initializers.h) against PROTOCOL.md "Initializers".
//
// Moment checks use known-variance standard errors of the estimators (STYLE.md Sec. 3): for
// N i.i.d. entries u = w / std with standardized moments mu4 = k_w, mu6, mu8 and known mean
// 0: SE(mean) = sqrt(1 / N), SE(mean u^2) = sqrt((mu4 - 1) / N), and for the kurtosis about
// the known mean, k = mean(u^4) / mean(u^2)^2, the delta method gives
// Var = (mu8 - mu4^2 + 4 mu4^2 (mu4 - 1) - 4 mu4 (mu6 - mu4)) / N (24 / N for a normal).
// Budget: two-sided 1e-5 per test over at most 18 assertions: z = 5.0 (each 5.7e-7).
#include "lib/nn/initializers.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "absl/flags/marshalling.h"
#include "gtest/gtest.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::nn {
namespace {

constexpr double kZ = 5.0;
constexpr uint64_t kSeed = 20240611;

TEST(InitializerKind, NamesRoundTripAndParseErrors) {
  const std::vector<std::string> expected = {"he_normal",    "he_uniform", "he_bernoulli",
                                             "glorot_normal", "lecun_normal", "orthogonal",
                                             "gsm",          "zero",       "identity",
                                             "metainit"};
  const std::vector<InitializerKind> kinds = AllInitializerKinds();
  ASSERT_EQ(kinds.size(), expected.size());
  for (size_t i = 0; i < kinds.size(); ++i) {
    EXPECT_EQ(InitializerName(kinds[i]), expected[i]);
    const absl::StatusOr<InitializerKind> parsed = ParseInitializerKind(expected[i]);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, kinds[i]);
    EXPECT_EQ(absl::UnparseFlag(kinds[i]), expected[i]);
  }
  const absl::StatusOr<InitializerKind> bad = ParseInitializerKind("He_Normal");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("he_normal"), std::string::npos) << bad.status();
  InitializerKind kind;
  std::string error;
  EXPECT_TRUE(absl::ParseFlag("gsm", &kind, &error));
  EXPECT_EQ(kind, InitializerKind::kGsm);
  EXPECT_FALSE(absl::ParseFlag("kaiming", &kind, &error));
  EXPECT_NE(error.find("unknown initializer 'kaiming'"), std::string::npos) << error;
}

TEST(InitializerKind, HeKindsAndWeightKurtosis) {
  EXPECT_TRUE(IsHeKind(InitializerKind::kHeNormal));
  EXPECT_TRUE(IsHeKind(InitializerKind::kHeUniform));
  EXPECT_TRUE(IsHeKind(InitializerKind::kHeBernoulli));
  EXPECT_FALSE(IsHeKind(InitializerKind::kGlorotNormal));
  EXPECT_EQ(HeWeightKurtosis(InitializerKind::kHeNormal), 3.0);
  EXPECT_EQ(HeWeightKurtosis(InitializerKind::kHeUniform), 1.8);
  EXPECT_EQ(HeWeightKurtosis(InitializerKind::kHeBernoulli), 1.0);
}

// Standardized moments E[u^4], E[u^6], E[u^8] of a unit-variance distribution.
struct StandardMoments {
  double mu4, mu6, mu8;
};
constexpr StandardMoments kNormalMoments{3.0, 15.0, 105.0};
// U(-sqrt 3, sqrt 3): E[u^2r] = 3^r / (2r + 1).
constexpr StandardMoments kUniformMoments{9.0 / 5.0, 27.0 / 7.0, 81.0 / 9.0};

// Expected standard deviation of layer l's weights under `kind` (random kinds only).
double SpecifiedStd(InitializerKind kind, const MlpShape& shape, int l) {
  const double fan_in = shape.in_features(l), fan_out = shape.out_features(l);
  const double a = shape.negative_slope;
  switch (kind) {
    case InitializerKind::kHeNormal:
    case InitializerKind::kHeUniform:
    case InitializerKind::kHeBernoulli:
      return std::sqrt(2.0 / ((1.0 + a * a) * fan_in));
    case InitializerKind::kGlorotNormal:
      return std::sqrt(2.0 / (fan_in + fan_out));
    case InitializerKind::kLecunNormal:
      return std::sqrt(1.0 / fan_in);
    case InitializerKind::kGsm:
      return std::sqrt((l == 0 ? 1.0 : 2.0) / fan_in);
    default:
      ADD_FAILURE() << "not an i.i.d. kind";
      return 1.0;
  }
}

// Pools u = w / std over every layer of `networks` independent networks and checks mean 0,
// E[u^2] = 1 and kurtosis mu4 against the known-variance standard errors.
void ExpectMomentsMatch(InitializerKind kind, const MlpShape& shape, const StandardMoments& m,
                        int networks) {
  double s1 = 0, s2 = 0, s4 = 0, n = 0;
  ReluMlp net(shape);
  for (int r = 0; r < networks; ++r) {
    ASSERT_TRUE(Initialize(kind, rng::RandomStream(kSeed, {1, static_cast<uint64_t>(r)}), &net)
                    .ok());
    for (int l = 0; l < shape.num_layers(); ++l) {
      EXPECT_TRUE(net.bias(l).isZero(0.0));
      const double std = SpecifiedStd(kind, shape, l);
      const Matrix& w = net.weight(l);
      for (Eigen::Index i = 0; i < w.size(); ++i) {
        const double u = w.data()[i] / std;
        s1 += u;
        s2 += u * u;
        s4 += u * u * u * u;
      }
      n += w.size();
    }
  }
  const double mean = s1 / n, m2 = s2 / n, kurtosis = (s4 / n) / (m2 * m2);
  const double se_mean = std::sqrt(1.0 / n);
  const double se_m2 = std::sqrt((m.mu4 - 1.0) / n);
  const double se_kurtosis =
      std::sqrt((m.mu8 - m.mu4 * m.mu4 + 4 * m.mu4 * m.mu4 * (m.mu4 - 1) -
                 4 * m.mu4 * (m.mu6 - m.mu4)) / n);
  const std::string where = std::string(InitializerName(kind)) + " seed " +
                            std::to_string(kSeed) + " N " + std::to_string(n);
  EXPECT_NEAR(mean, 0.0, kZ * se_mean) << where << " se " << se_mean;
  EXPECT_NEAR(m2, 1.0, kZ * se_m2) << where << " se " << se_m2;
  EXPECT_NEAR(kurtosis, m.mu4, kZ * se_kurtosis) << where << " se " << se_kurtosis;
}

// Layers of sizes 150 x 200, 150 x 150, 10 x 150 (fan_in 200, 150, 150): the first, hidden
// and final Linear each get their own scale.
const MlpShape kMomentShape{/*input_size=*/200, /*width=*/150, /*depth=*/2, /*num_classes=*/10,
                            /*negative_slope=*/0.0};

TEST(Initialize, HeNormalMoments) {
  ExpectMomentsMatch(InitializerKind::kHeNormal, kMomentShape, kNormalMoments, 30);
}

TEST(Initialize, HeUniformMoments) {
  ExpectMomentsMatch(InitializerKind::kHeUniform, kMomentShape, kUniformMoments, 30);
}

TEST(Initialize, GlorotAndLecunNormalMoments) {
  ExpectMomentsMatch(InitializerKind::kGlorotNormal, kMomentShape, kNormalMoments, 30);
  ExpectMomentsMatch(InitializerKind::kLecunNormal, kMomentShape, kNormalMoments, 30);
}

// Proposition 1's scale for the leaky ReLU: Var = 2 / ((1 + a^2) fan_in).
TEST(Initialize, HeNormalLeakyScale) {
  MlpShape shape = kMomentShape;
  shape.negative_slope = 0.5;
  ExpectMomentsMatch(InitializerKind::kHeNormal, shape, kNormalMoments, 30);
}

// Bernoulli: every |w| is exactly the float nearest to std (kurtosis exactly 1); signs are
// fair: the count of positive entries is Binomial(N, 1/2).
TEST(Initialize, HeBernoulliValuesAndSigns) {
  ReluMlp net(kMomentShape);
  double positive = 0, n = 0;
  for (int r = 0; r < 10; ++r) {
    ASSERT_TRUE(Initialize(InitializerKind::kHeBernoulli,
                           rng::RandomStream(kSeed, {2, static_cast<uint64_t>(r)}), &net)
                    .ok());
    for (int l = 0; l < kMomentShape.num_layers(); ++l) {
      const float std = static_cast<float>(std::sqrt(2.0 / kMomentShape.in_features(l)));
      const Matrix& w = net.weight(l);
      EXPECT_TRUE((w.array().abs() == std).all()) << "layer " << l;
      positive += (w.array() > 0).count();
      n += w.size();
    }
  }
  EXPECT_NEAR(positive / n, 0.5, kZ * std::sqrt(0.25 / n));
}

// Layer l draws from stream.Child(l) only, entries in column-major order.
TEST(Initialize, LayerStreamsAreKeyedByLayer) {
  const MlpShape shape{6, 4, 2, 10, 0.0};
  const rng::RandomStream stream(kSeed, {3, 7});
  ReluMlp net(shape), again(shape);
  ASSERT_TRUE(Initialize(InitializerKind::kHeNormal, stream, &net).ok());
  ASSERT_TRUE(Initialize(InitializerKind::kHeNormal, stream, &again).ok());
  for (int l = 0; l < shape.num_layers(); ++l) {
    EXPECT_EQ(net.weight(l), again.weight(l));
    rng::RandomStream layer_stream = stream.Child(l);
    Matrix expected(shape.out_features(l), shape.in_features(l));
    FillNormal(std::sqrt(2.0 / shape.in_features(l)), layer_stream, expected);
    EXPECT_EQ(net.weight(l), expected) << "layer " << l;
    rng::RandomStream by_key(kSeed, {3, 7, static_cast<uint64_t>(l)});
    EXPECT_EQ(static_cast<float>(std::sqrt(2.0 / shape.in_features(l)) * by_key.Normal()),
              net.weight(l)(0, 0));
  }
  ReluMlp other(shape);
  ASSERT_TRUE(
      Initialize(InitializerKind::kHeNormal, rng::RandomStream(kSeed, {3, 8}), &other).ok());
  EXPECT_NE(net.weight(1), other.weight(1));
}

// Q^T Q = gain^2 I (tall) or Q Q^T = gain^2 I (wide). Entries are the double QR result
// rounded to float (relative error <= eps_f / 2 each), so every inner product is within
// gain^2 * eps_f of the exact one (Cauchy-Schwarz); the bound allows 4x that.
void ExpectSemiOrthogonal(const Matrix& w, double gain, const std::string& where) {
  const MatrixD wd = w.cast<double>();
  const MatrixD gram = w.rows() >= w.cols() ? MatrixD(wd.transpose() * wd)
                                           : MatrixD(wd * wd.transpose());
  const MatrixD expected = gain * gain * MatrixD::Identity(gram.rows(), gram.cols());
  EXPECT_LE((gram - expected).cwiseAbs().maxCoeff(),
            4.0 * gain * gain * std::numeric_limits<float>::epsilon())
      << where << " " << w.rows() << " x " << w.cols();
}

TEST(Initialize, OrthogonalIsSemiOrthogonalTimesGain) {
  // Layers 7 x 30 (wide), 7 x 7 (square), 10 x 7 (tall).
  const MlpShape shape{30, 7, 2, 10, 0.0};
  ReluMlp net(shape);
  ASSERT_TRUE(Initialize(InitializerKind::kOrthogonal, rng::RandomStream(kSeed, {4}), &net).ok());
  for (int l = 0; l < shape.num_layers(); ++l) {
    ExpectSemiOrthogonal(net.weight(l), std::sqrt(2.0), "layer " + std::to_string(l));
    EXPECT_TRUE(net.bias(l).isZero(0.0));
  }
  for (const auto& [rows, cols] : {std::pair{1, 1}, std::pair{64, 64}, std::pair{3, 200},
                                   std::pair{200, 3}, std::pair{10, 784}}) {
    Matrix w(rows, cols);
    rng::RandomStream stream(kSeed, {5, static_cast<uint64_t>(rows), static_cast<uint64_t>(cols)});
    FillOrthogonal(1.5, stream, w);
    ExpectSemiOrthogonal(w, 1.5, "FillOrthogonal");
  }
}

// With the sign(diag(R)) correction, W(0, 0) has the sign of the first Gaussian draw, so it
// is positive with probability 1/2; a Householder QR without the correction makes it always
// negative (R(0, 0) = -sign(g00) ||g_0||). Binomial SE over 400 draws.
TEST(Initialize, OrthogonalSignCorrection) {
  for (const auto& [rows, cols] : {std::pair{6, 6}, std::pair{8, 3}, std::pair{3, 8}}) {
    int positive = 0;
    constexpr int kDraws = 400;
    for (int r = 0; r < kDraws; ++r) {
      Matrix w(rows, cols);
      rng::RandomStream stream(kSeed, {6, static_cast<uint64_t>(r)});
      FillOrthogonal(1.0, stream, w);
      if (w(0, 0) > 0) ++positive;
    }
    EXPECT_NEAR(positive / static_cast<double>(kDraws), 0.5, kZ * std::sqrt(0.25 / kDraws))
        << rows << " x " << cols;
  }
}

// gsm: W[y:, x:] = W[:y, :x], W[y:, :x] = W[:y, x:] = -W[:y, :x] exactly; the top-left
// block keeps its Gaussian draw (variance 1 / fan_in on the first layer, 2 / fan_in after).
TEST(Initialize, GsmMirroredBlocksAndScale) {
  const MlpShape shape{200, 150, 2, 10, 0.0};
  ReluMlp net(shape);
  double s1 = 0, s2 = 0, s4 = 0, n = 0;
  for (int r = 0; r < 30; ++r) {
    ASSERT_TRUE(
        Initialize(InitializerKind::kGsm, rng::RandomStream(kSeed, {7, static_cast<uint64_t>(r)}),
                   &net)
            .ok());
    for (int l = 0; l < shape.num_layers(); ++l) {
      const Matrix& w = net.weight(l);
      const Eigen::Index y = w.rows() / 2, x = w.cols() / 2;
      const Matrix top_left = w.topLeftCorner(y, x);
      EXPECT_EQ(Matrix(w.bottomRightCorner(y, x)), top_left);
      EXPECT_EQ(Matrix(w.bottomLeftCorner(y, x)), Matrix(-top_left));
      EXPECT_EQ(Matrix(w.topRightCorner(y, x)), Matrix(-top_left));
      const double std = SpecifiedStd(InitializerKind::kGsm, shape, l);
      for (Eigen::Index i = 0; i < top_left.size(); ++i) {
        const double u = top_left.data()[i] / std;
        s1 += u;
        s2 += u * u;
        s4 += u * u * u * u;
      }
      n += top_left.size();
    }
  }
  const double m2 = s2 / n;
  EXPECT_NEAR(s1 / n, 0.0, kZ * std::sqrt(1.0 / n));
  EXPECT_NEAR(m2, 1.0, kZ * std::sqrt(2.0 / n));
  EXPECT_NEAR(s4 / n / (m2 * m2), 3.0, kZ * std::sqrt(24.0 / n));
}

TEST(Initialize, GsmRejectsOddSizesWithAClearError) {
  ReluMlp odd_width(MlpShape{784, 5, 2, 10, 0.0});
  const absl::Status status =
      Initialize(InitializerKind::kGsm, rng::RandomStream(kSeed, {8}), &odd_width);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("even"), std::string::npos) << status;
  EXPECT_NE(status.message().find("width 5"), std::string::npos) << status;
  // The network is left untouched (all zeros) on error.
  EXPECT_TRUE(odd_width.weight(0).isZero(0.0));
  ReluMlp odd_input(MlpShape{7, 4, 1, 10, 0.0});
  EXPECT_EQ(Initialize(InitializerKind::kGsm, rng::RandomStream(kSeed, {8}), &odd_input).code(),
            absl::StatusCode::kInvalidArgument);
  ReluMlp even(MlpShape{784, 6, 2, 10, 0.0});
  EXPECT_TRUE(Initialize(InitializerKind::kGsm, rng::RandomStream(kSeed, {8}), &even).ok());
}

TEST(Initialize, ZerOIdentityWhenNotTaller) {
  Matrix w(3, 5);
  FillZerO(w);
  Matrix expected(3, 5);
  expected << 1, 0, 0, 0, 0,
              0, 1, 0, 0, 0,
              0, 0, 1, 0, 0;
  EXPECT_EQ(w, expected);
  Matrix square(4, 4);
  FillZerO(square);
  EXPECT_EQ(square, Matrix::Identity(4, 4));
}

// m = 10, n = 3: c = ceil(log2 10) = 4, p = 16, scale 2^(-4/2) = 1/4; the first 10 rows and
// 3 columns of Sylvester's H_16: column 0 all +1, column 1 alternates (+, -), column 2 in
// pairs (+, +, -, -). Written out by hand.
TEST(Initialize, ZerOHadamardCaseTenByThree) {
  Matrix w(10, 3);
  FillZerO(w);
  Matrix expected(10, 3);
  expected << 1,  1,  1,
              1, -1,  1,
              1,  1, -1,
              1, -1, -1,
              1,  1,  1,
              1, -1,  1,
              1,  1, -1,
              1, -1, -1,
              1,  1,  1,
              1, -1,  1;
  expected /= 4.0f;
  EXPECT_EQ(w, expected);
}

// m = 5, n = 3: c = 3, p = 8, scale 2^(-3/2). Rows 0..4 of H_8, columns 0..2.
TEST(Initialize, ZerOHadamardCaseOddExponent) {
  Matrix w(5, 3);
  FillZerO(w);
  Matrix signs(5, 3);
  signs << 1,  1,  1,
           1, -1,  1,
           1,  1, -1,
           1, -1, -1,
           1,  1,  1;
  const Matrix expected = (signs.cast<double>() / std::pow(2.0, 1.5)).cast<float>();
  EXPECT_EQ(w, expected);
}

// A whole ZerO network of width 5: 5 x 784 and 5 x 5 identities, final 10 x 5 Hadamard
// block (c = 4); all biases 0; deterministic (the stream is not used).
TEST(Initialize, ZerONetworkAndIdentity) {
  const MlpShape shape{784, 5, 3, 10, 0.0};
  ReluMlp a(shape), b(shape);
  ASSERT_TRUE(Initialize(InitializerKind::kZerO, rng::RandomStream(1, {}), &a).ok());
  ASSERT_TRUE(Initialize(InitializerKind::kZerO, rng::RandomStream(2, {}), &b).ok());
  EXPECT_EQ(a.weight(0), Matrix::Identity(5, 784));
  EXPECT_EQ(a.weight(1), Matrix::Identity(5, 5));
  EXPECT_EQ(a.weight(2), Matrix::Identity(5, 5));
  Matrix last(10, 5);
  FillZerO(last);
  EXPECT_EQ(a.weight(3), last);
  EXPECT_EQ(a.weight(3)(1, 1), -0.25f);
  for (int l = 0; l < shape.num_layers(); ++l) {
    EXPECT_EQ(a.weight(l), b.weight(l));
    EXPECT_TRUE(a.bias(l).isZero(0.0));
  }
  ReluMlp eye(shape);
  ASSERT_TRUE(Initialize(InitializerKind::kIdentity, rng::RandomStream(1, {}), &eye).ok());
  EXPECT_EQ(eye.weight(0), Matrix::Identity(5, 784));
  EXPECT_EQ(eye.weight(3), Matrix::Identity(10, 5));
}

TEST(Initialize, MetaInitIsProvidedElsewhere) {
  ReluMlp net(MlpShape{784, 10, 2, 10, 0.0});
  EXPECT_EQ(Initialize(InitializerKind::kMetaInit, rng::RandomStream(1, {}), &net).code(),
            absl::StatusCode::kUnimplemented);
}

// Biases are reset to 0 whatever they were.
TEST(Initialize, ResetsBiases) {
  const MlpShape shape{8, 6, 2, 10, 0.0};
  for (const InitializerKind kind : AllInitializerKinds()) {
    if (kind == InitializerKind::kMetaInit) continue;
    ReluMlp net(shape);
    for (int l = 0; l < shape.num_layers(); ++l) net.mutable_bias(l).setConstant(3.0f);
    ASSERT_TRUE(Initialize(kind, rng::RandomStream(kSeed, {9}), &net).ok())
        << InitializerName(kind);
    for (int l = 0; l < shape.num_layers(); ++l) {
      EXPECT_TRUE(net.bias(l).isZero(0.0)) << InitializerName(kind) << " layer " << l;
      EXPECT_TRUE(net.weight(l).allFinite());
    }
  }
}

}  // namespace
}  // namespace vev::nn

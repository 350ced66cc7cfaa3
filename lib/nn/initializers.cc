#include "lib/nn/initializers.h"

#include <cmath>
#include <cstdint>

#include "Eigen/Householder"
#include "Eigen/QR"
#include "absl/numeric/bits.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/check.h"

namespace vev::nn {
namespace {

struct KindName {
  InitializerKind kind;
  const char* name;
};

constexpr KindName kKindNames[] = {
    {InitializerKind::kHeNormal, "he_normal"},
    {InitializerKind::kHeUniform, "he_uniform"},
    {InitializerKind::kHeBernoulli, "he_bernoulli"},
    {InitializerKind::kGlorotNormal, "glorot_normal"},
    {InitializerKind::kLecunNormal, "lecun_normal"},
    {InitializerKind::kOrthogonal, "orthogonal"},
    {InitializerKind::kGsm, "gsm"},
    {InitializerKind::kZerO, "zero"},
    {InitializerKind::kIdentity, "identity"},
    {InitializerKind::kMetaInit, "metainit"},
};

std::string ValidNames() {
  std::vector<std::string> names;
  for (const KindName& k : kKindNames) names.push_back(k.name);
  return absl::StrJoin(names, ", ");
}

// gsm mirrors half-blocks: every layer's rows and cols must be even.
absl::Status CheckGsmShape(const MlpShape& shape) {
  for (int l = 0; l < shape.num_layers(); ++l) {
    const int rows = shape.out_features(l), cols = shape.in_features(l);
    if (rows % 2 != 0 || cols % 2 != 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "gsm initialization needs even layer sizes, but Linear layer ", l, " is ", rows,
          " x ", cols, " (input_size ", shape.input_size, ", width ", shape.width,
          ", num_classes ", shape.num_classes, "); use an even width"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

std::vector<InitializerKind> AllInitializerKinds() {
  std::vector<InitializerKind> kinds;
  for (const KindName& k : kKindNames) kinds.push_back(k.kind);
  return kinds;
}

absl::string_view InitializerName(InitializerKind kind) {
  for (const KindName& k : kKindNames) {
    if (k.kind == kind) return k.name;
  }
  VEV_CHECK(false);
  return "";
}

absl::StatusOr<InitializerKind> ParseInitializerKind(absl::string_view name) {
  for (const KindName& k : kKindNames) {
    if (name == k.name) return k.kind;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown initializer '", name, "'; valid: ", ValidNames()));
}

bool AbslParseFlag(absl::string_view text, InitializerKind* kind, std::string* error) {
  const absl::StatusOr<InitializerKind> parsed = ParseInitializerKind(text);
  if (!parsed.ok()) {
    *error = std::string(parsed.status().message());
    return false;
  }
  *kind = *parsed;
  return true;
}

std::string AbslUnparseFlag(InitializerKind kind) { return std::string(InitializerName(kind)); }

bool IsHeKind(InitializerKind kind) {
  return kind == InitializerKind::kHeNormal || kind == InitializerKind::kHeUniform ||
         kind == InitializerKind::kHeBernoulli;
}

double HeWeightKurtosis(InitializerKind kind) {
  switch (kind) {
    case InitializerKind::kHeNormal:
      return 3.0;
    case InitializerKind::kHeUniform:
      return 1.8;
    case InitializerKind::kHeBernoulli:
      return 1.0;
    default:
      VEV_CHECK(IsHeKind(kind));
      return 0.0;
  }
}

void FillNormal(double std, rng::RandomStream& stream, Eigen::Ref<Matrix> w) {
  for (Eigen::Index j = 0; j < w.cols(); ++j) {
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
      w(i, j) = static_cast<float>(std * stream.Normal());
    }
  }
}

void FillUniform(double bound, rng::RandomStream& stream, Eigen::Ref<Matrix> w) {
  for (Eigen::Index j = 0; j < w.cols(); ++j) {
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
      w(i, j) = static_cast<float>(-bound + 2.0 * bound * stream.Uniform01());
    }
  }
}

void FillBernoulli(double value, rng::RandomStream& stream, Eigen::Ref<Matrix> w) {
  for (Eigen::Index j = 0; j < w.cols(); ++j) {
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
      w(i, j) = static_cast<float>(value * stream.Sign());
    }
  }
}

void FillOrthogonal(double gain, rng::RandomStream& stream, Eigen::Ref<Matrix> w) {
  const Eigen::Index rows = w.rows(), cols = w.cols();
  MatrixD gaussian(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j) {
    for (Eigen::Index i = 0; i < rows; ++i) gaussian(i, j) = stream.Normal();
  }
  // QR of the tall orientation (r x c, r >= c); Q is its thin r x c factor.
  const bool transpose = rows < cols;
  const MatrixD tall = transpose ? MatrixD(gaussian.transpose()) : gaussian;
  const Eigen::Index r = tall.rows(), c = tall.cols();
  const Eigen::HouseholderQR<MatrixD> qr(tall);
  MatrixD q = qr.householderQ() * MatrixD::Identity(r, c);
  // sign(diag(R)) makes the factorization unique (torch.sign: 0 for 0, probability 0 here).
  const VectorD signs = qr.matrixQR().diagonal().head(c).array().sign();
  q = q * signs.asDiagonal();
  if (transpose) {
    w = (gain * q.transpose()).cast<float>();
  } else {
    w = (gain * q).cast<float>();
  }
}

void MirrorGsmBlocks(Eigen::Ref<Matrix> w) {
  VEV_CHECK(w.rows() % 2 == 0 && w.cols() % 2 == 0);
  const Eigen::Index y = w.rows() / 2, x = w.cols() / 2;
  // The three assignments read only the top-left block, which none of them writes.
  w.bottomRightCorner(y, x) = w.topLeftCorner(y, x);
  w.bottomLeftCorner(y, x) = -w.topLeftCorner(y, x);
  w.topRightCorner(y, x) = -w.topLeftCorner(y, x);
}

void FillZerO(Eigen::Ref<Matrix> w) {
  const Eigen::Index m = w.rows(), n = w.cols();
  if (m <= n) {
    FillIdentity(w);
    return;
  }
  // c = ceil(log2 m); p = 2^c >= m > n. (I(m x p) H_p I(p x n))[i, j] = H_p[i, j] =
  // (-1)^popcount(i & j) for Sylvester's construction H_2k = [[H_k, H_k], [H_k, -H_k]].
  int c = 0;
  while ((Eigen::Index{1} << c) < m) ++c;
  const double scale = 1.0 / std::pow(2.0, c / 2.0);
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index i = 0; i < m; ++i) {
      const int parity = absl::popcount(static_cast<uint64_t>(i & j)) & 1;
      w(i, j) = static_cast<float>(parity == 0 ? scale : -scale);
    }
  }
}

void FillIdentity(Eigen::Ref<Matrix> w) { w.setIdentity(); }

absl::Status Initialize(InitializerKind kind, const rng::RandomStream& stream, ReluMlp* net) {
  const MlpShape& shape = net->shape();
  if (kind == InitializerKind::kMetaInit) {
    return absl::UnimplementedError(
        "metainit is provided by the MetaInit library (it starts from he_normal and needs "
        "training data shapes); Initialize() covers the closed-form initializers only");
  }
  if (kind == InitializerKind::kGsm) {
    const absl::Status status = CheckGsmShape(shape);
    if (!status.ok()) return status;
  }
  // He scale for the leaky ReLU (Proposition 1): Var = 2 / ((1 + a^2) fan_in).
  const double he_gain2 = 2.0 / (1.0 + shape.negative_slope * shape.negative_slope);
  for (int l = 0; l < shape.num_layers(); ++l) {
    rng::RandomStream layer_stream = stream.Child(static_cast<uint64_t>(l));
    Matrix& w = net->mutable_weight(l);
    const double fan_in = shape.in_features(l), fan_out = shape.out_features(l);
    const double he_std = std::sqrt(he_gain2 / fan_in);
    switch (kind) {
      case InitializerKind::kHeNormal:
        FillNormal(he_std, layer_stream, w);
        break;
      case InitializerKind::kHeUniform:
        FillUniform(std::sqrt(3.0) * he_std, layer_stream, w);
        break;
      case InitializerKind::kHeBernoulli:
        FillBernoulli(he_std, layer_stream, w);
        break;
      case InitializerKind::kGlorotNormal:
        FillNormal(std::sqrt(2.0 / (fan_in + fan_out)), layer_stream, w);
        break;
      case InitializerKind::kLecunNormal:
        FillNormal(std::sqrt(1.0 / fan_in), layer_stream, w);
        break;
      case InitializerKind::kOrthogonal:
        FillOrthogonal(std::sqrt(2.0), layer_stream, w);
        break;
      case InitializerKind::kGsm:
        FillNormal(std::sqrt((l == 0 ? 1.0 : 2.0) / fan_in), layer_stream, w);
        MirrorGsmBlocks(w);
        break;
      case InitializerKind::kZerO:
        FillZerO(w);
        break;
      case InitializerKind::kIdentity:
        FillIdentity(w);
        break;
      case InitializerKind::kMetaInit:
        break;  // handled above
    }
    net->mutable_bias(l).setZero();
  }
  return absl::OkStatus();
}

}  // namespace vev::nn

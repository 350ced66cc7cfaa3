#include "lib/activation/activation.h"

#include <cmath>
#include <limits>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/check.h"

namespace vev::activation {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// E[Z^j] for Z ~ N(0, 1): (j - 1)!! for even j, 0 for odd j.
double NormalMoment(int j) {
  if (j % 2 == 1) return 0.0;
  double m = 1.0;
  for (int k = j - 1; k > 1; k -= 2) m *= k;
  return m;
}

// Shortest decimal that round-trips (for names) via %.17g trimmed.
std::string FormatNumber(double v) {
  for (int precision = 1; precision <= 17; ++precision) {
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%.*g", precision, v);
    double back = 0.0;
    if (absl::SimpleAtod(buffer, &back) && back == v) return buffer;
  }
  return absl::StrCat(v);
}

}  // namespace

Activation Activation::Relu() { return Activation(ActivationKind::kRelu, {}, 0.0); }
Activation Activation::Heaviside() { return Activation(ActivationKind::kHeaviside, {}, 0.0); }
Activation Activation::Tanh() { return Activation(ActivationKind::kTanh, {}, 0.0); }
Activation Activation::Reciprocal() { return Activation(ActivationKind::kReciprocal, {}, 0.0); }

Activation Activation::Polynomial(std::vector<double> coefficients) {
  VEV_CHECK(!coefficients.empty());
  return Activation(ActivationKind::kPolynomial, std::move(coefficients), 0.0);
}

Activation Activation::ExpSquare(double alpha) {
  VEV_CHECK(alpha > 0.0 && std::isfinite(alpha));
  return Activation(ActivationKind::kExpSquare, {}, alpha);
}

absl::StatusOr<Activation> Activation::Parse(absl::string_view spec) {
  const std::vector<absl::string_view> parts = absl::StrSplit(spec, ':');
  const absl::string_view head = parts[0];
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(
        "activation '", spec, "': ", why,
        " (expected relu, heaviside, tanh, reciprocal, poly:C0:C1:..., exp_square:ALPHA)"));
  };
  if (parts.size() == 1) {
    if (head == "relu") return Relu();
    if (head == "heaviside") return Heaviside();
    if (head == "tanh") return Tanh();
    if (head == "reciprocal") return Reciprocal();
  }
  if (head == "poly" && parts.size() >= 2) {
    std::vector<double> c;
    for (size_t i = 1; i < parts.size(); ++i) {
      double v = 0.0;
      if (!absl::SimpleAtod(parts[i], &v) || !std::isfinite(v)) {
        return bad(absl::StrCat("coefficient '", parts[i], "' is not a finite number"));
      }
      c.push_back(v);
    }
    return Polynomial(std::move(c));
  }
  if (head == "exp_square" && parts.size() == 2) {
    double alpha = 0.0;
    if (!absl::SimpleAtod(parts[1], &alpha) || !(alpha > 0.0) || !std::isfinite(alpha)) {
      return bad("ALPHA must be a finite number > 0");
    }
    return ExpSquare(alpha);
  }
  return bad("unknown");
}

std::string Activation::Name() const {
  switch (kind_) {
    case ActivationKind::kRelu: return "relu";
    case ActivationKind::kHeaviside: return "heaviside";
    case ActivationKind::kTanh: return "tanh";
    case ActivationKind::kReciprocal: return "reciprocal";
    case ActivationKind::kExpSquare: return absl::StrCat("exp_square:", FormatNumber(alpha_));
    case ActivationKind::kPolynomial: {
      std::string name = "poly";
      for (const double c : coefficients_) absl::StrAppend(&name, ":", FormatNumber(c));
      return name;
    }
  }
  return "";
}

std::string Activation::Formula() const {
  switch (kind_) {
    case ActivationKind::kRelu: return "max(z, 0)";
    case ActivationKind::kHeaviside: return "1{z > 0}";
    case ActivationKind::kTanh: return "tanh(z)";
    case ActivationKind::kReciprocal: return "1/z";
    case ActivationKind::kExpSquare: return absl::StrCat("exp(", FormatNumber(alpha_), " z^2)");
    case ActivationKind::kPolynomial: {
      std::string formula;
      for (size_t k = 0; k < coefficients_.size(); ++k) {
        const double c = coefficients_[k];
        if (c == 0.0) continue;
        const std::string power = k == 0 ? "" : (k == 1 ? "z" : absl::StrCat("z^", k));
        std::string term = (c == 1.0 && k > 0) ? power
                           : absl::StrCat(FormatNumber(std::fabs(c)), k > 0 ? " " : "", power);
        if (formula.empty()) {
          formula = c < 0 ? absl::StrCat("-", term) : term;
        } else {
          absl::StrAppend(&formula, c < 0 ? " - " : " + ", term);
        }
      }
      return formula.empty() ? "0" : formula;
    }
  }
  return "";
}

double Activation::operator()(double z) const {
  switch (kind_) {
    case ActivationKind::kRelu: return z > 0.0 ? z : 0.0;
    case ActivationKind::kHeaviside: return z > 0.0 ? 1.0 : 0.0;
    case ActivationKind::kTanh: return std::tanh(z);
    case ActivationKind::kReciprocal: return z != 0.0 ? 1.0 / z : 0.0;
    case ActivationKind::kExpSquare: return std::exp(alpha_ * z * z);
    case ActivationKind::kPolynomial: {
      double value = 0.0;  // Horner
      for (size_t k = coefficients_.size(); k-- > 0;) value = value * z + coefficients_[k];
      return value;
    }
  }
  return 0.0;
}

bool Activation::IsPermissible() const {
  return kind_ != ActivationKind::kReciprocal && kind_ != ActivationKind::kExpSquare;
}

double Activation::MomentFiniteBelow(int p) const {
  VEV_CHECK(p >= 1);
  switch (kind_) {
    case ActivationKind::kReciprocal: return 0.0;
    case ActivationKind::kExpSquare: return 1.0 / (2.0 * p * alpha_);
    default: return kInf;
  }
}

std::optional<double> Activation::GaussianMomentClosedForm(double q, int p) const {
  VEV_CHECK(p == 2 || p == 4);
  VEV_CHECK(q >= 0.0);
  if (q == 0.0) return std::pow((*this)(0.0), p);
  switch (kind_) {
    case ActivationKind::kRelu: return std::pow(q, 0.5 * p) * NormalMoment(p) / 2.0;
    case ActivationKind::kHeaviside: return 0.5;
    case ActivationKind::kTanh: return std::nullopt;
    case ActivationKind::kReciprocal: return kInf;
    case ActivationKind::kExpSquare: {
      const double t = 2.0 * p * alpha_ * q;
      return t < 1.0 ? 1.0 / std::sqrt(1.0 - t) : kInf;
    }
    case ActivationKind::kPolynomial: {
      // a_k = c_k q^(k/2): phi(sqrt(q) z) = sum_k a_k z^k; raise to the p-th power by
      // repeated convolution and take E[Z^j] term by term.
      std::vector<double> a(coefficients_.size());
      for (size_t k = 0; k < a.size(); ++k) a[k] = coefficients_[k] * std::pow(q, 0.5 * k);
      std::vector<double> power = {1.0};
      for (int i = 0; i < p; ++i) {
        std::vector<double> next(power.size() + a.size() - 1, 0.0);
        for (size_t j = 0; j < power.size(); ++j) {
          for (size_t k = 0; k < a.size(); ++k) next[j + k] += power[j] * a[k];
        }
        power = std::move(next);
      }
      double moment = 0.0;
      for (size_t j = 0; j < power.size(); j += 2) moment += power[j] * NormalMoment(j);
      return moment;
    }
  }
  return std::nullopt;
}

}  // namespace vev::activation

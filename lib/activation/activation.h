// The activation functions phi of "On the effect of the activation function on the
// distribution of hidden nodes in a deep network" (the activation paper): the permissible
// ones of Definition 1 used in practice (ReLU, Heaviside, tanh, polynomials) and the two
// non-permissible ones of Sec. 4: phi(z) = 1/z (Proposition 9, the Cauchy demo) and
// phi(z) = exp(alpha z^2) (Proposition 11, the undefined length map).
//
// Besides evaluating phi, an Activation knows its Gaussian moments
//   E[phi(sqrt(q) Z)^p],  Z ~ N(0, 1),  p = 2 or 4,
// in closed form where one exists, and the range of q where they are finite; the length
// map (length_map.h) and Eq. (4) (second_layer_dependence.h) are built on them.
#ifndef VEV_LIB_ACTIVATION_ACTIVATION_H_
#define VEV_LIB_ACTIVATION_ACTIVATION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vev::activation {

enum class ActivationKind {
  kRelu,        // max(z, 0)
  kHeaviside,   // 1 if z > 0 else 0 (the indicator of Sec. 4.2)
  kTanh,        // tanh(z)
  kPolynomial,  // sum_k c_k z^k
  kReciprocal,  // 1/z, and 0 at z = 0 (Proposition 9)
  kExpSquare,   // exp(alpha z^2), alpha > 0 (Proposition 11)
};

class Activation {
 public:
  static Activation Relu();
  static Activation Heaviside();
  static Activation Tanh();
  // phi(z) = sum_k coefficients[k] z^k; at least one coefficient (checked).
  static Activation Polynomial(std::vector<double> coefficients);
  static Activation Reciprocal();
  // alpha > 0 (checked).
  static Activation ExpSquare(double alpha);

  // Parses the names Name() produces: "relu", "heaviside", "tanh", "reciprocal",
  // "poly:C0:C1:..." (coefficients of z^0, z^1, ...), "exp_square:ALPHA".
  // Errors: InvalidArgument naming the bad spec.
  static absl::StatusOr<Activation> Parse(absl::string_view spec);

  ActivationKind kind() const { return kind_; }
  // The spec Parse() accepts, e.g. "poly:0:1:0.25" (numbers in their shortest round-trip
  // form).
  std::string Name() const;
  // Human-readable formula for figures, e.g. "z + 0.25 z^2", "1/z", "exp(0.5 z^2)".
  std::string Formula() const;

  double operator()(double z) const;

  // Definition 1: bounded on finite intervals, |phi(z)| = exp(o(z^2)), measurable. True for
  // ReLU, Heaviside, tanh, polynomials; false for 1/z (unbounded near 0) and exp(alpha z^2).
  bool IsPermissible() const;

  // sup { q >= 0 : E[|phi(sqrt(q) Z)|^p] < infinity } for p >= 1, with the moment finite for
  // every q strictly below it (and at q = 0): +infinity for permissible phi;
  // 1 / (2 p alpha) for exp(alpha z^2) (exp(p alpha q Z^2) is integrable against the
  // Gaussian density iff p alpha q < 1/2); 0 for 1/z (E[|Z|^-p] = infinity for p >= 1).
  double MomentFiniteBelow(int p) const;

  // E[phi(sqrt(q) Z)^p] for p in {2, 4} and q >= 0 (checked), where a closed form is known;
  // +infinity when the moment diverges; nullopt for tanh (use quadrature):
  //   ReLU: q^(p/2) (p - 1)!! / 2     (q/2 and 3 q^2 / 2; Sec. 4.2)
  //   Heaviside: 1/2 for q > 0        (Sec. 4.2)
  //   polynomial: sum_j b_j q^(j/2) (j - 1)!! over even j, b the coefficients of phi^p
  //   exp(alpha z^2): (1 - 2 p alpha q)^(-1/2) while 2 p alpha q < 1
  //   1/z: infinity for q > 0
  // At q = 0 every moment is phi(0)^p.
  std::optional<double> GaussianMomentClosedForm(double q, int p) const;

  const std::vector<double>& coefficients() const { return coefficients_; }
  double alpha() const { return alpha_; }

 private:
  Activation(ActivationKind kind, std::vector<double> coefficients, double alpha)
      : kind_(kind), coefficients_(std::move(coefficients)), alpha_(alpha) {}

  ActivationKind kind_;
  std::vector<double> coefficients_;  // kPolynomial only
  double alpha_ = 0.0;                // kExpSquare only
};

}  // namespace vev::activation

#endif  // VEV_LIB_ACTIVATION_ACTIVATION_H_

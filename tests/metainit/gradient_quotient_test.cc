// Tests of the gradient quotient and its exact derivative (lib/metainit/gradient_quotient.h),
// in double precision against independent computations:
// - g against the engine's own backward pass (lib/nn, separate code);
// - Hg against central differences of the engine's gradient along g;
// - GQ against a direct evaluation of PROTOCOL.md's formula from those g and Hg;
// - sum(W_l * dGQ/dW_l) against central differences of GQ under W_l -> (1 + t) W_l, and
//   the full dGQ/dtheta against central differences along random directions, for depths
//   0, 1, 3, 10 and widths 2..20, with non-zero biases.
// Central differences: step h = 1e-6 (relative error ~ h^2 * f''' + eps / h ~ 1e-10).
// GQ is piecewise smooth (|q|, ReLU kinks): a kink between theta - h and theta + h would
// make the difference meaningless, so each check first asserts local smoothness
// (|GQ(+h) - 2 GQ(0) + GQ(-h)| tiny) and otherwise moves to the next random network.
#include "lib/metainit/gradient_quotient.h"

#include <cmath>
#include <cstdint>
#include <vector>

#include "gtest/gtest.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::metainit {
namespace {

using MatrixD = MatrixT<double>;
using Tensors = nn::MlpTensorsT<double>;

struct Problem {
  nn::MlpShape shape;
  Tensors net;
  MatrixD x;
  std::vector<uint8_t> labels;
};

// A random network with He-scale weights and non-zero biases, Gaussian inputs and random
// labels.
Problem MakeProblem(int input, int width, int depth, int batch, uint64_t seed) {
  nn::MlpShape shape;
  shape.input_size = input;
  shape.width = width;
  shape.depth = depth;
  shape.num_classes = 10;
  Problem p{shape, Tensors(shape), MatrixD(input, batch), std::vector<uint8_t>(batch)};
  rng::RandomStream stream(seed, {1});
  for (int l = 0; l < shape.num_layers(); ++l) {
    const double scale = std::sqrt(2.0 / shape.in_features(l));
    for (Eigen::Index i = 0; i < p.net.weight(l).size(); ++i) {
      p.net.mutable_weight(l).data()[i] = scale * stream.Normal();
    }
    for (Eigen::Index i = 0; i < p.net.bias(l).size(); ++i) {
      p.net.mutable_bias(l).data()[i] = 0.1 * stream.Normal();
    }
  }
  for (Eigen::Index i = 0; i < p.x.size(); ++i) p.x.data()[i] = stream.Normal();
  for (uint8_t& y : p.labels) y = static_cast<uint8_t>(stream.UniformInt(10));
  return p;
}

// theta + t * v, entry by entry over all weights and biases.
Tensors Axpy(const Tensors& theta, double t, const Tensors& v) {
  Tensors out = theta;
  for (int l = 0; l < theta.num_layers(); ++l) {
    out.mutable_weight(l) += t * v.weight(l);
    out.mutable_bias(l) += t * v.bias(l);
  }
  return out;
}

double Dot(const Tensors& a, const Tensors& b) {
  double sum = 0.0;
  for (int l = 0; l < a.num_layers(); ++l) {
    sum += a.weight(l).cwiseProduct(b.weight(l)).sum() + a.bias(l).dot(b.bias(l));
  }
  return sum;
}

double MaxAbsDiff(const Tensors& a, const Tensors& b) {
  double m = 0.0;
  for (int l = 0; l < a.num_layers(); ++l) {
    m = std::max(m, (a.weight(l) - b.weight(l)).cwiseAbs().maxCoeff());
    m = std::max(m, (a.bias(l) - b.bias(l)).cwiseAbs().maxCoeff());
  }
  return m;
}

double MaxAbs(const Tensors& a) {
  double m = 0.0;
  for (int l = 0; l < a.num_layers(); ++l) {
    m = std::max(m, a.weight(l).cwiseAbs().maxCoeff());
    m = std::max(m, a.bias(l).cwiseAbs().maxCoeff());
  }
  return m;
}

// The engine's gradient of the mean cross-entropy (independent code).
Tensors EngineGradient(const Problem& p, const Tensors& theta) {
  nn::MlpWorkspaceT<double> ws(p.shape, static_cast<int>(p.labels.size()));
  Tensors grads(p.shape);
  ws.CrossEntropyAndAccumulateGradient(theta, p.x, p.labels, &grads);
  return grads;
}

constexpr double kStep = 1e-6;
constexpr double kEps = 1e-5;

TEST(GradientQuotient, GradientAndHessianVectorProductMatchIndependentComputations) {
  for (const int depth : {0, 1, 3, 10}) {
    const Problem p = MakeProblem(/*input=*/7, /*width=*/5, depth, /*batch=*/6, 100 + depth);
    GradientQuotientT<double> gq(p.shape, 6);
    gq.Evaluate(p.net, p.x, p.labels, kEps, /*with_derivative=*/false);
    const Tensors g = EngineGradient(p, p.net);
    EXPECT_LE(MaxAbsDiff(gq.gradient(), g), 1e-13 * std::max(1.0, MaxAbs(g))) << "depth " << depth;
    // Hg = d/dt g(theta + t g) at t = 0, by central differences.
    const Tensors plus = EngineGradient(p, Axpy(p.net, kStep, g));
    const Tensors minus = EngineGradient(p, Axpy(p.net, -kStep, g));
    Tensors fd = Axpy(plus, -1.0, minus);
    for (int l = 0; l < fd.num_layers(); ++l) {
      fd.mutable_weight(l) /= 2 * kStep;
      fd.mutable_bias(l) /= 2 * kStep;
    }
    EXPECT_LE(MaxAbsDiff(gq.hessian_gradient(), fd), 1e-6 * std::max(1e-3, MaxAbs(fd)))
        << "depth " << depth;
  }
}

TEST(GradientQuotient, MatchesDirectEvaluationOfTheDefinition) {
  const Problem p = MakeProblem(9, 6, 3, 8, 7);
  GradientQuotientT<double> gq(p.shape, 8);
  const double value = gq.Evaluate(p.net, p.x, p.labels, kEps, false);
  const Tensors g = EngineGradient(p, p.net);
  const Tensors hg = gq.hessian_gradient();  // checked against differences above
  double sum = 0.0, count = 0.0;
  for (int l = 0; l < g.num_layers(); ++l) {
    auto add = [&](double gi, double hi) {
      const double s = gi >= 0 ? 1.0 : -1.0;
      sum += std::abs((gi - hi) / (gi + kEps * s) - 1.0);
      count += 1.0;
    };
    for (Eigen::Index i = 0; i < g.weight(l).size(); ++i) add(g.weight(l).data()[i], hg.weight(l).data()[i]);
    for (Eigen::Index i = 0; i < g.bias(l).size(); ++i) add(g.bias(l).data()[i], hg.bias(l).data()[i]);
  }
  EXPECT_EQ(count, static_cast<double>(p.shape.num_parameters()));
  EXPECT_NEAR(value, sum / count, 1e-12 * value);
}

// Derivative of GQ along `direction` by central differences; returns false if GQ is not
// smooth between theta - h and theta + h.
bool CentralDifference(const Problem& p, const Tensors& direction, double* derivative) {
  GradientQuotientT<double> gq(p.shape, static_cast<int>(p.labels.size()));
  const double f0 = gq.Evaluate(p.net, p.x, p.labels, kEps, false);
  const double fp = gq.Evaluate(Axpy(p.net, kStep, direction), p.x, p.labels, kEps, false);
  const double fm = gq.Evaluate(Axpy(p.net, -kStep, direction), p.x, p.labels, kEps, false);
  *derivative = (fp - fm) / (2 * kStep);
  // Smooth: the second difference is O(h^2 f''), far below a kink's O(h |f'|) jump.
  return std::abs(fp - 2 * f0 + fm) <= 1e-3 * kStep * (std::abs(*derivative) + 1e-3);
}

TEST(GradientQuotient, WeightProjectionsMatchCentralDifferencesOfRescaling) {
  int checked = 0, skipped = 0;
  for (const int depth : {0, 1, 3, 10}) {
    for (const int width : {2, 3, 7, 12, 20}) {
      bool done = false;
      for (uint64_t seed = 1; seed <= 5 && !done; ++seed) {
        const Problem p = MakeProblem(6, width, depth, 5, 1000 * depth + 10 * width + seed);
        GradientQuotientT<double> gq(p.shape, 5);
        gq.Evaluate(p.net, p.x, p.labels, kEps, true);
        bool smooth = true;
        std::vector<double> fd(p.shape.num_layers());
        for (int l = 0; l < p.shape.num_layers() && smooth; ++l) {
          Tensors direction(p.shape);  // W_l -> (1 + t) W_l
          direction.mutable_weight(l) = p.net.weight(l);
          smooth = CentralDifference(p, direction, &fd[l]);
        }
        if (!smooth) {
          ++skipped;
          continue;
        }
        for (int l = 0; l < p.shape.num_layers(); ++l) {
          const double exact = gq.weight_projections()[l];
          EXPECT_NEAR(exact, fd[l], 1e-6 * std::max(std::abs(fd[l]), 1e-4))
              << "depth " << depth << " width " << width << " layer " << l;
        }
        ++checked;
        done = true;
      }
      EXPECT_TRUE(done) << "no smooth network found for depth " << depth << " width " << width;
    }
  }
  std::printf("checked %d configurations, skipped %d non-smooth draws\n", checked, skipped);
}

TEST(GradientQuotient, FullGradientMatchesCentralDifferencesAlongRandomDirections) {
  int checked = 0;
  for (const int depth : {0, 1, 3, 10}) {
    for (uint64_t seed = 1; seed <= 6; ++seed) {
      const Problem p = MakeProblem(5, 4, depth, 4, 50 + seed + 10 * depth);
      GradientQuotientT<double> gq(p.shape, 4);
      gq.Evaluate(p.net, p.x, p.labels, kEps, true);
      Tensors direction(p.shape);
      rng::RandomStream stream(seed, {static_cast<uint64_t>(depth), 9});
      for (int l = 0; l < p.shape.num_layers(); ++l) {
        for (Eigen::Index i = 0; i < direction.weight(l).size(); ++i) direction.mutable_weight(l).data()[i] = stream.Normal();
        for (Eigen::Index i = 0; i < direction.bias(l).size(); ++i) direction.mutable_bias(l).data()[i] = stream.Normal();
      }
      double fd;
      if (!CentralDifference(p, direction, &fd)) continue;
      EXPECT_NEAR(Dot(gq.gq_gradient(), direction), fd, 1e-6 * std::max(std::abs(fd), 1e-4))
          << "depth " << depth << " seed " << seed;
      ++checked;
    }
  }
  EXPECT_GE(checked, 12);
}

// The checks above can fail: a wrong adjoint (here: the derivative with one layer's
// projection perturbed by 1%) is caught by the same comparison.
TEST(GradientQuotient, ComparisonDetectsAWrongDerivative) {
  const Problem p = MakeProblem(6, 5, 3, 5, 4242);
  GradientQuotientT<double> gq(p.shape, 5);
  gq.Evaluate(p.net, p.x, p.labels, kEps, true);
  Tensors direction(p.shape);
  direction.mutable_weight(2) = p.net.weight(2);
  double fd;
  ASSERT_TRUE(CentralDifference(p, direction, &fd));
  const double wrong = 1.01 * gq.weight_projections()[2];
  EXPECT_GT(std::abs(wrong - fd), 1e-6 * std::max(std::abs(fd), 1e-4));
}

}  // namespace
}  // namespace vev::metainit

// Tests of the constant-width network (lib/nn/relu_mlp.h): the optimized forward pass against
// the plain-loop reference, the observer hook, and every gradient against central
// differences in double (STYLE.md Sec. 3), including depth 0 and a negative test.
#include "lib/nn/relu_mlp.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "gtest/gtest.h"
#include "lib/base/eigen_types.h"
#include "lib/nn/cross_entropy.h"
#include "lib/rng/random_stream.h"
#include "tests/nn/gradient_check.h"

namespace vev::nn {
namespace {

// Gaussian weights N(0, 2 / fan_in) (He) and small Gaussian biases, so every code path
// (including the bias gradient) sees nonzero values.
template <typename Scalar>
ReluMlpT<Scalar> RandomNetwork(const MlpShape& shape, uint64_t seed) {
  ReluMlpT<Scalar> net(shape);
  rng::RandomStream stream(seed, {1});
  for (int l = 0; l < shape.num_layers(); ++l) {
    const double std = std::sqrt(2.0 / shape.in_features(l));
    for (Eigen::Index i = 0; i < net.weight(l).size(); ++i) {
      net.mutable_weight(l).data()[i] = static_cast<Scalar>(std * stream.Normal());
    }
    for (Eigen::Index i = 0; i < net.bias(l).size(); ++i) {
      net.mutable_bias(l)(i) = static_cast<Scalar>(0.1 * stream.Normal());
    }
  }
  return net;
}

template <typename Scalar>
MatrixT<Scalar> RandomMatrix(Eigen::Index rows, Eigen::Index cols, uint64_t seed) {
  MatrixT<Scalar> m(rows, cols);
  rng::RandomStream stream(seed, {2});
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<Scalar>(stream.Normal());
  return m;
}

std::vector<uint8_t> RandomLabels(int n, int classes, uint64_t seed) {
  rng::RandomStream stream(seed, {3});
  std::vector<uint8_t> labels(n);
  for (uint8_t& y : labels) y = static_cast<uint8_t>(stream.UniformInt(classes));
  return labels;
}

// Records copies of every layer output it sees.
template <typename Scalar>
class RecordingObserver : public LayerObserverT<Scalar> {
 public:
  void OnLayerOutput(int layer, const Eigen::Ref<const MatrixT<Scalar>>& linear_output) override {
    layers.push_back(layer);
    outputs.push_back(linear_output);
  }
  std::vector<int> layers;
  std::vector<MatrixT<Scalar>> outputs;
};

struct Case {
  MlpShape shape;
  int batch;
};

std::vector<Case> ForwardCases() {
  return {
      {{/*input_size=*/7, /*width=*/5, /*depth=*/3, /*num_classes=*/4, 0.0}, 9},
      {{3, 1, 4, 10, 0.0}, 1},   // width 1, batch 1
      {{5, 6, 0, 3, 0.0}, 2},    // depth 0: a single Linear(input -> classes)
      {{11, 4, 2, 10, 0.1}, 5},  // leaky ReLU
      {{33, 17, 3, 10, 0.0}, 31},
  };
}

TEST(MlpShape, LayerSizesAndParameterCount) {
  const MlpShape shape{784, 10, 2, 10, 0.0};
  EXPECT_EQ(shape.num_layers(), 3);
  EXPECT_EQ(shape.in_features(0), 784);
  EXPECT_EQ(shape.out_features(0), 10);
  EXPECT_EQ(shape.in_features(2), 10);
  EXPECT_EQ(shape.out_features(2), 10);
  EXPECT_EQ(shape.num_parameters(), 10 * 785 + 10 * 11 + 10 * 11);
  const MlpShape depth0{3072, 50, 0, 10, 0.0};
  EXPECT_EQ(depth0.num_layers(), 1);
  EXPECT_EQ(depth0.in_features(0), 3072);
  EXPECT_EQ(depth0.out_features(0), 10);
  EXPECT_EQ(depth0.num_parameters(), 10 * 3073);
  const ReluMlp net(shape);
  EXPECT_EQ(net.weight(0).rows(), 10);
  EXPECT_EQ(net.weight(0).cols(), 784);
}

TEST(MlpShape, RejectsInvalidShapes) {
  EXPECT_TRUE(ValidateMlpShape({784, 10, 0, 10, 0.0}).ok());
  for (const MlpShape& bad : {MlpShape{0, 10, 1, 10, 0.0}, MlpShape{784, 0, 1, 10, 0.0},
                              MlpShape{784, 10, -1, 10, 0.0}, MlpShape{784, 10, 1, 1, 0.0},
                              MlpShape{784, 10, 1, 10, std::nan("")}}) {
    const absl::Status status = ValidateMlpShape(bad);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  }
}

// Per layer l, a dot product of length k_l accumulates at most ~k_l eps relative error, and
// earlier layers' errors propagate; the bound sums k over layers 0..l and scales by the
// largest magnitude seen so far (STYLE.md: 8 k eps max|value|).
template <typename Scalar>
void ExpectForwardMatchesReference(const Case& c) {
  const MlpShape& shape = c.shape;
  const ReluMlpT<Scalar> net = RandomNetwork<Scalar>(shape, 11);
  // x is a block inside a larger matrix: non-trivial outer stride and offset.
  const MatrixT<Scalar> big = RandomMatrix<Scalar>(shape.input_size + 5, c.batch + 3, 12);
  const auto x = big.block(2, 1, shape.input_size, c.batch);
  const std::vector<MatrixT<Scalar>> reference = ReferenceForward(net, x);

  MlpWorkspaceT<Scalar> workspace(shape, c.batch + 4);  // capacity above the batch size
  RecordingObserver<Scalar> observer;
  workspace.Forward(net, x, &observer);
  ASSERT_EQ(workspace.batch_size(), c.batch);
  ASSERT_EQ(observer.layers.size(), static_cast<size_t>(shape.num_layers()));
  const double eps = std::numeric_limits<Scalar>::epsilon();
  double k_sum = 0.0, scale = x.cwiseAbs().maxCoeff();
  for (int l = 0; l <= shape.depth; ++l) {
    EXPECT_EQ(observer.layers[l], l);
    k_sum += shape.in_features(l) + 1;
    scale = std::max<double>(scale, reference[l].cwiseAbs().maxCoeff());
    const double tolerance = 8.0 * k_sum * eps * scale;
    const MatrixT<Scalar> z = workspace.linear_output(l);
    ASSERT_EQ(z.rows(), shape.out_features(l));
    ASSERT_EQ(z.cols(), c.batch);
    EXPECT_LE((z - reference[l]).cwiseAbs().maxCoeff(), tolerance) << "layer " << l;
    EXPECT_EQ(observer.outputs[l], z) << "layer " << l;
    if (l < shape.depth) {
      const MatrixT<Scalar> h = workspace.activation(l);
      const Scalar a = static_cast<Scalar>(shape.negative_slope);
      EXPECT_EQ(h, z.unaryExpr([a](Scalar v) { return v > 0 ? v : (a == 0 ? Scalar(0) : a * v); }))
          << "layer " << l;
    }
  }
}

TEST(Forward, DoubleMatchesPlainLoopReference) {
  for (const Case& c : ForwardCases()) ExpectForwardMatchesReference<double>(c);
}

TEST(Forward, FloatMatchesPlainLoopReference) {
  for (const Case& c : ForwardCases()) ExpectForwardMatchesReference<float>(c);
}

// The float network against the same network in double: the float run is what experiments
// use, the double run is the accurate value.
TEST(Forward, FloatAgreesWithDouble) {
  const MlpShape shape{20, 10, 6, 10, 0.0};
  const ReluMlp net = RandomNetwork<float>(shape, 21);
  const Matrix x = RandomMatrix<float>(20, 16, 22);
  MlpWorkspace wf(shape, 16);
  wf.Forward(net, x);
  MlpWorkspaceT<double> wd(shape, 16);
  wd.Forward(net.Cast<double>(), x.cast<double>());
  const MatrixD zd = wd.logits();
  const MatrixD zf = wf.logits().cast<double>();
  // 7 layers of length <= 21 dot products: bound 8 * (sum k) * eps_float * max|z|.
  const double bound = 8.0 * (21 + 6 * 11) * std::numeric_limits<float>::epsilon() *
                       std::max(1.0, zd.cwiseAbs().maxCoeff());
  EXPECT_LE((zf - zd).cwiseAbs().maxCoeff(), bound);
}

TEST(InferenceWorkspace, BitIdenticalToTrainingWorkspace) {
  for (const Case& c : ForwardCases()) {
    const ReluMlp net = RandomNetwork<float>(c.shape, 31);
    const Matrix x = RandomMatrix<float>(c.shape.input_size, c.batch, 32);
    MlpWorkspace training(c.shape, c.batch);
    RecordingObserver<float> training_observer;
    training.Forward(net, x, &training_observer);
    InferenceWorkspace inference(c.shape, c.batch + 7);
    RecordingObserver<float> inference_observer;
    const Matrix logits = inference.Forward(net, x, &inference_observer);
    EXPECT_EQ(logits, Matrix(training.logits()));
    ASSERT_EQ(inference_observer.outputs.size(), training_observer.outputs.size());
    for (size_t l = 0; l < inference_observer.outputs.size(); ++l) {
      EXPECT_EQ(inference_observer.layers[l], static_cast<int>(l));
      EXPECT_EQ(inference_observer.outputs[l], training_observer.outputs[l]) << "layer " << l;
    }
  }
}

// Smallest |z| over the pre-activations that pass through phi_a (layers 0..depth-1).
double MinAbsHiddenPreactivation(const MlpWorkspaceT<double>& workspace, const MlpShape& shape) {
  double min_abs = std::numeric_limits<double>::infinity();
  for (int l = 0; l < shape.depth; ++l) {
    min_abs = std::min(min_abs, workspace.linear_output(l).cwiseAbs().minCoeff());
  }
  return min_abs;
}

struct GradientCase {
  MlpShape shape;
  int batch;
  uint64_t seed;
};

std::vector<GradientCase> GradientCases() {
  return {
      {{6, 5, 3, 4, 0.0}, 4, 101},
      {{6, 5, 0, 4, 0.0}, 3, 102},   // depth 0
      {{4, 1, 2, 3, 0.0}, 5, 106},   // width 1
      {{5, 7, 4, 10, 0.0}, 6, 104},  // 10 classes, deeper
      {{6, 4, 3, 5, 0.2}, 4, 105},   // leaky ReLU
  };
}

// Cross-entropy gradients of every weight and bias against central differences (double).
TEST(Backward, CrossEntropyGradientsMatchCentralDifferences) {
  for (const GradientCase& c : GradientCases()) {
    const ReluMlpT<double> net = RandomNetwork<double>(c.shape, c.seed);
    const MatrixD x = RandomMatrix<double>(c.shape.input_size, c.batch, c.seed + 1);
    const std::vector<uint8_t> labels = RandomLabels(c.batch, c.shape.num_classes, c.seed + 2);
    MlpWorkspaceT<double> workspace(c.shape, c.batch);
    MlpTensorsT<double> grads(c.shape);
    workspace.CrossEntropyAndAccumulateGradient(net, x, labels, &grads);
    // No pre-activation may sit within 10 h of the ReLU kink (h: the largest step used).
    const double h = testing::FiniteDifferenceStep(1.0);
    ASSERT_GT(MinAbsHiddenPreactivation(workspace, c.shape), 10.0 * h)
        << "seed " << c.seed << ": pick another seed";
    MlpWorkspaceT<double> loss_workspace(c.shape, c.batch);
    MatrixD unused(c.shape.num_classes, c.batch);
    const testing::GradientCheckReport report =
        testing::CheckGradients(net, grads, [&](const ReluMlpT<double>& p) {
          loss_workspace.Forward(p, x);
          return SoftmaxCrossEntropyT<double>::LossAndGradient(loss_workspace.logits(), labels,
                                                               unused);
        });
    EXPECT_TRUE(report.Passed()) << "depth " << c.shape.depth << " width " << c.shape.width
                                 << ": worst " << report.worst_entry << " rel. error "
                                 << report.max_relative_error << " analytic "
                                 << report.worst_analytic << " numeric " << report.worst_numeric;
    EXPECT_EQ(report.entries_checked, c.shape.num_parameters());
    // Not vacuous: the gradient reaches the first layer, and a good part is nonzero (ReLU
    // units inactive on the whole batch have exactly zero gradients).
    EXPECT_GT(grads.weight(0).cwiseAbs().maxCoeff(), 0.0) << "seed " << c.seed;
    EXPECT_GT(report.nonzero_entries, c.shape.num_parameters() / 3) << "seed " << c.seed;
  }
}

// Any loss of the logits: L = 0.5 ||z||^2 + sum(c .* z), dL/dz = z + c.
TEST(Backward, ArbitraryLogitLossMatchesCentralDifferences) {
  const MlpShape shape{5, 6, 2, 3, 0.0};
  const ReluMlpT<double> net = RandomNetwork<double>(shape, 201);
  const MatrixD x = RandomMatrix<double>(5, 4, 202);
  const MatrixD c = RandomMatrix<double>(3, 4, 203);
  MlpWorkspaceT<double> workspace(shape, 4);
  workspace.Forward(net, x);
  ASSERT_GT(MinAbsHiddenPreactivation(workspace, shape), 10.0 * testing::FiniteDifferenceStep(1));
  const MatrixD dz = workspace.logits() + c;
  MlpTensorsT<double> grads(shape);
  workspace.BackwardAndAccumulate(net, x, dz, &grads);
  MlpWorkspaceT<double> loss_workspace(shape, 4);
  const testing::GradientCheckReport report =
      testing::CheckGradients(net, grads, [&](const ReluMlpT<double>& p) {
        loss_workspace.Forward(p, x);
        const MatrixD z = loss_workspace.logits();
        return 0.5 * z.squaredNorm() + (c.array() * z.array()).sum();
      });
  EXPECT_TRUE(report.Passed()) << report.worst_entry << " " << report.max_relative_error;
}

// The checker must catch a wrong gradient: corrupt one entry by 1e-4 relative.
TEST(Backward, GradientCheckCatchesACorruptedEntry) {
  const GradientCase c = GradientCases()[0];
  const ReluMlpT<double> net = RandomNetwork<double>(c.shape, c.seed);
  const MatrixD x = RandomMatrix<double>(c.shape.input_size, c.batch, c.seed + 1);
  const std::vector<uint8_t> labels = RandomLabels(c.batch, c.shape.num_classes, c.seed + 2);
  MlpWorkspaceT<double> workspace(c.shape, c.batch);
  MlpTensorsT<double> grads(c.shape);
  workspace.CrossEntropyAndAccumulateGradient(net, x, labels, &grads);
  MatrixD unused(c.shape.num_classes, c.batch);
  auto loss = [&](const ReluMlpT<double>& p) {
    workspace.Forward(p, x);
    return SoftmaxCrossEntropyT<double>::LossAndGradient(workspace.logits(), labels, unused);
  };
  ASSERT_TRUE(testing::CheckGradients(net, grads, loss).Passed());
  for (const int layer : {0, 2}) {
    MlpTensorsT<double> corrupted = grads;
    Eigen::Index row, col;
    corrupted.weight(layer).cwiseAbs().maxCoeff(&row, &col);
    corrupted.mutable_weight(layer)(row, col) *= 1.0 + 1e-4;
    const testing::GradientCheckReport report = testing::CheckGradients(net, corrupted, loss);
    EXPECT_FALSE(report.Passed()) << "corruption in layer " << layer << " not detected";
    EXPECT_NEAR(report.max_relative_error, 1e-4, 1e-5);
  }
  MlpTensorsT<double> corrupted_bias = grads;
  corrupted_bias.mutable_bias(1)(0) += 1e-3;
  EXPECT_FALSE(testing::CheckGradients(net, corrupted_bias, loss).Passed());
}

// Gradients accumulate: two calls give twice one call; the float gradients agree with the
// double ones.
TEST(Backward, AccumulatesAndFloatAgreesWithDouble) {
  const MlpShape shape{12, 8, 3, 10, 0.0};
  const ReluMlp net = RandomNetwork<float>(shape, 301);
  const Matrix x = RandomMatrix<float>(12, 9, 302);
  const std::vector<uint8_t> labels = RandomLabels(9, 10, 303);
  MlpWorkspace workspace(shape, 9);
  MlpTensors once(shape), twice(shape);
  const double loss = workspace.CrossEntropyAndAccumulateGradient(net, x, labels, &once);
  workspace.CrossEntropyAndAccumulateGradient(net, x, labels, &twice);
  workspace.CrossEntropyAndAccumulateGradient(net, x, labels, &twice);
  MlpWorkspaceT<double> workspace_d(shape, 9);
  MlpTensorsT<double> grads_d(shape);
  const double loss_d = workspace_d.CrossEntropyAndAccumulateGradient(
      net.Cast<double>(), x.cast<double>(), labels, &grads_d);
  EXPECT_NEAR(loss, loss_d, 1e-5 * loss_d);
  for (int l = 0; l < shape.num_layers(); ++l) {
    EXPECT_EQ(twice.weight(l), (2.0f * once.weight(l)).eval()) << "layer " << l;
    EXPECT_EQ(twice.bias(l), (2.0f * once.bias(l)).eval()) << "layer " << l;
    const double scale = std::max(1e-6, grads_d.weight(l).cwiseAbs().maxCoeff());
    EXPECT_LE((once.weight(l).cast<double>() - grads_d.weight(l)).cwiseAbs().maxCoeff(),
              1e-4 * scale)
        << "layer " << l;
  }
}

// A batch smaller than the workspace capacity gives the same gradient as an exactly sized
// workspace (the training loop's last, short batch).
TEST(Backward, ShortBatchInLargerWorkspace) {
  const MlpShape shape{6, 5, 2, 4, 0.0};
  const ReluMlp net = RandomNetwork<float>(shape, 401);
  const Matrix x = RandomMatrix<float>(6, 3, 402);
  const std::vector<uint8_t> labels = RandomLabels(3, 4, 403);
  MlpWorkspace exact(shape, 3), large(shape, 90);
  MlpTensors g_exact(shape), g_large(shape);
  exact.CrossEntropyAndAccumulateGradient(net, x, labels, &g_exact);
  large.CrossEntropyAndAccumulateGradient(net, x, labels, &g_large);
  for (int l = 0; l < shape.num_layers(); ++l) {
    EXPECT_EQ(g_exact.weight(l), g_large.weight(l));
    EXPECT_EQ(g_exact.bias(l), g_large.bias(l));
  }
}

}  // namespace
}  // namespace vev::nn

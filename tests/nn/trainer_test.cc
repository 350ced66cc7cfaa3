// Tests of the training loop and evaluation (lib/nn/trainer.h): the batch schedule of
// PROTOCOL.md, learning on a separable synthetic problem, bit-identical results for any
// thread count, and input validation.
#include "lib/nn/trainer.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include <cstring>

#include "gtest/gtest.h"
#include "lib/base/eigen_types.h"
#include "lib/base/flush_denormals.h"
#include "lib/nn/adam.h"
#include "lib/nn/cross_entropy.h"
#include "lib/nn/initializers.h"
#include "lib/nn/relu_mlp.h"
#include "lib/rng/random_stream.h"

namespace vev::nn {
namespace {

constexpr uint64_t kSeed = 20240611;

TEST(BatchSampler, EpochsArePermutationsCutIntoBatchesWithShortLastBatch) {
  BatchSampler sampler(200, 90, rng::RandomStream(kSeed, {1}));
  std::vector<std::vector<int>> epochs;
  const std::vector<int> expected_sizes = {90, 90, 20, 90, 90, 20, 90};
  std::vector<int> current;
  for (size_t b = 0; b < expected_sizes.size(); ++b) {
    const absl::Span<const int> batch = sampler.Next();
    EXPECT_EQ(static_cast<int>(batch.size()), expected_sizes[b]) << "batch " << b;
    current.insert(current.end(), batch.begin(), batch.end());
    if (current.size() == 200) {
      epochs.push_back(current);
      current.clear();
    }
    EXPECT_EQ(sampler.epochs_started(), static_cast<int>(b / 3) + 1);
  }
  ASSERT_EQ(epochs.size(), 2u);
  for (std::vector<int>& epoch : epochs) {
    std::vector<int> sorted = epoch;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < 200; ++i) ASSERT_EQ(sorted[i], i);  // each sample exactly once
  }
  EXPECT_NE(epochs[0], epochs[1]);  // a fresh permutation per epoch
  // Epoch e is the shuffle of stream.Child(e): a pure function of the key.
  std::vector<int> expected(200);
  for (int i = 0; i < 200; ++i) expected[i] = i;
  rng::RandomStream(kSeed, {1, 1}).Shuffle(absl::MakeSpan(expected));
  EXPECT_EQ(epochs[1], expected);
}

TEST(BatchSampler, FewerSamplesThanBatch) {
  BatchSampler sampler(7, 90, rng::RandomStream(kSeed, {2}));
  EXPECT_EQ(sampler.Next().size(), 7u);
  EXPECT_EQ(sampler.Next().size(), 7u);
  EXPECT_EQ(sampler.epochs_started(), 2);
}

// Ten Gaussian clusters in 20 dimensions: class c has mean 3 * e_c-ish random direction
// (entries N(0, 1), scaled to norm 4) and unit noise, so the Bayes accuracy is near 1.
struct Dataset {
  Matrix features;
  std::vector<uint8_t> labels;
};

Dataset MakeClusters(int n, uint64_t key, const Matrix& centers) {
  Dataset data{Matrix(centers.rows(), n), std::vector<uint8_t>(n)};
  rng::RandomStream stream(kSeed, {3, key});
  for (int j = 0; j < n; ++j) {
    const int label = static_cast<int>(stream.UniformInt(10));
    data.labels[j] = static_cast<uint8_t>(label);
    for (int i = 0; i < centers.rows(); ++i) {
      data.features(i, j) = centers(i, label) + static_cast<float>(stream.Normal());
    }
  }
  return data;
}

Matrix MakeCenters(int dims) {
  Matrix centers(dims, 10);
  rng::RandomStream stream(kSeed, {4});
  for (Eigen::Index i = 0; i < centers.size(); ++i) {
    centers.data()[i] = static_cast<float>(stream.Normal());
  }
  for (int c = 0; c < 10; ++c) centers.col(c) *= 4.0f / centers.col(c).norm();
  return centers;
}

struct RunOutput {
  ReluMlp net;
  TrainResult train;
  Evaluation test;
};

// The whole protocol for one run: he_normal init keyed (seed, 10), batches keyed (seed, 11).
RunOutput RunOnce(const Dataset& train, const Dataset& test, int num_threads, uint64_t seed,
                  int steps) {
  const MlpShape shape{static_cast<int>(train.features.rows()), 16, 3, 10, 0.0};
  RunOutput out{ReluMlp(shape), {}, {}};
  EXPECT_TRUE(Initialize(InitializerKind::kHeNormal, rng::RandomStream(seed, {10}), &out.net).ok());
  TrainOptions options;
  options.steps = steps;
  options.adam.learning_rate = 3e-3;
  const absl::StatusOr<TrainResult> trained =
      Train(options, train.features, train.labels, rng::RandomStream(seed, {11}), &out.net);
  EXPECT_TRUE(trained.ok()) << trained.status();
  out.train = *trained;
  EvaluateOptions eval;
  eval.chunk_size = 300;  // does not divide 1000: a short last chunk
  eval.num_threads = num_threads;
  const absl::StatusOr<Evaluation> evaluation =
      Evaluate(out.net, test.features, test.labels, eval);
  EXPECT_TRUE(evaluation.ok()) << evaluation.status();
  out.test = *evaluation;
  return out;
}

// Chance is 10%; clusters of radius 4 in 20 dimensions with unit noise are nearly separable
// (nearest-center error ~ P(N(0, 1) > 2.8) per pair of classes, Bayes accuracy ~ 0.98). A
// seed sweep (seeds 1..9 and this one) gave test accuracy 0.92..0.95 and a final training
// loss 0.07..0.14 from 2.3..3.1; the bounds below leave room for any seed.
TEST(Train, LearnsSeparableClusters) {
  const Matrix centers = MakeCenters(20);
  const Dataset train = MakeClusters(2000, 1, centers);
  const Dataset test = MakeClusters(1000, 2, centers);
  const RunOutput run = RunOnce(train, test, 1, kSeed, 400);
  ASSERT_EQ(run.train.step_losses.size(), 400u);
  // 400 steps of 90 = 36,000 samples = 18 epochs of 2000 (the last one begun at step 378).
  EXPECT_EQ(run.train.epochs_started, 18);
  EXPECT_TRUE(run.train.parameters_finite);
  double first = 0, last = 0;
  for (int s = 0; s < 20; ++s) {
    first += run.train.step_losses[s] / 20;
    last += run.train.step_losses[380 + s] / 20;
  }
  EXPECT_GT(first, 1.5);  // near log(10) = 2.3 at initialization
  EXPECT_LT(last, 0.25 * first) << "first " << first << " last " << last;
  EXPECT_EQ(run.test.num_samples, 1000);
  EXPECT_GT(run.test.accuracy, 0.8) << "test loss " << run.test.mean_loss;
  EXPECT_LT(run.test.mean_loss, 0.5);
}

// Same seed: bit-identical weights, loss curve and evaluation, whether evaluation runs on 1
// or 2 threads, and whether whole runs execute one after another or concurrently on two
// threads (as experiments parallelize over runs).
TEST(Train, BitIdenticalForAnyThreadCount) {
  const Matrix centers = MakeCenters(20);
  const Dataset train = MakeClusters(500, 1, centers);
  const Dataset test = MakeClusters(1000, 2, centers);
  const RunOutput one = RunOnce(train, test, 1, kSeed, 60);
  const RunOutput two = RunOnce(train, test, 2, kSeed, 60);
  RunOutput concurrent_a = one, concurrent_b = one;
  std::thread thread_a([&] { concurrent_a = RunOnce(train, test, 2, kSeed, 60); });
  std::thread thread_b([&] { concurrent_b = RunOnce(train, test, 1, kSeed + 1, 60); });
  thread_a.join();
  thread_b.join();
  for (const RunOutput* other : {&two, static_cast<const RunOutput*>(&concurrent_a)}) {
    for (int l = 0; l < one.net.num_layers(); ++l) {
      EXPECT_EQ(one.net.weight(l), other->net.weight(l)) << "layer " << l;
      EXPECT_EQ(one.net.bias(l), other->net.bias(l)) << "layer " << l;
    }
    EXPECT_EQ(one.train.step_losses, other->train.step_losses);
    EXPECT_EQ(one.test.num_correct, other->test.num_correct);
    EXPECT_EQ(one.test.mean_loss, other->test.mean_loss);  // bitwise
  }
  // A different seed gives a different network.
  EXPECT_NE(one.net.weight(1), concurrent_b.net.weight(1));
}

// Evaluate's accuracy and loss equal a direct computation over the whole set.
// AdamTrainer::Step applies Adam layer by layer inside the backward pass
// (CrossEntropyGradientByLayer). It must equal, bit for bit, the unfused step: zero the
// gradients, the whole backward pass (CrossEntropyAndAccumulateGradient), then Adam::Step.
// Odd sizes, width 1, leaky and plain ReLU, short last batches (200 samples = 90 + 90 + 20),
// the first layer's k = 3072 above Eigen's kc, and a width-200 network.
TEST(AdamTrainer, LayerwiseStepBitIdenticalToUnfusedStep) {
  struct Case {
    int input, width, depth;
    double slope;
  };
  const Case cases[] = {{17, 13, 3, 0.0}, {31, 1, 0, 0.0}, {7, 1, 4, 0.1}, {50, 200, 2, 0.0},
                        {3072, 33, 5, 0.2}, {784, 10, 6, 0.0}};
  auto bits_equal = [](const auto& a, const auto& b) {
    return a.size() == b.size() &&
           std::memcmp(a.data(), b.data(), sizeof(float) * a.size()) == 0;
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << "input " << c.input << " width " << c.width << " depth "
                                    << c.depth << " slope " << c.slope);
    const MlpShape shape{c.input, c.width, c.depth, 10, c.slope};
    constexpr int kSamples = 200;
    Matrix features(c.input, kSamples);
    std::vector<uint8_t> labels(kSamples);
    rng::RandomStream data(kSeed, {21, static_cast<uint64_t>(c.input)});
    for (Eigen::Index i = 0; i < features.size(); ++i) {
      features.data()[i] = static_cast<float>(data.Normal());
    }
    for (uint8_t& y : labels) y = static_cast<uint8_t>(data.UniformInt(10));
    ReluMlp fused(shape);
    ASSERT_TRUE(Initialize(InitializerKind::kHeNormal, rng::RandomStream(kSeed, {22}), &fused).ok());
    ReluMlp unfused = fused;
    TrainOptions options;
    options.adam.learning_rate = 3e-3;
    AdamTrainer trainer(options, kSamples, rng::RandomStream(kSeed, {23}), &fused);
    // The unfused step, spelled out.
    BatchSampler sampler(kSamples, options.batch_size, rng::RandomStream(kSeed, {23}));
    MlpWorkspace workspace(shape, options.batch_size);
    MlpTensors grads(shape);
    Adam adam(shape, options.adam);
    Matrix batch_x(c.input, options.batch_size);
    std::vector<uint8_t> batch_y(options.batch_size);
    for (int step = 0; step < 7; ++step) {
      const double fused_loss = trainer.Step(features, labels);
      double loss;
      {
        const ScopedFlushDenormals flush_denormals;
        const absl::Span<const int> batch = sampler.Next();
        const int n = static_cast<int>(batch.size());
        for (int j = 0; j < n; ++j) {
          batch_x.col(j) = features.col(batch[j]);
          batch_y[j] = labels[batch[j]];
        }
        grads.SetZero();
        loss = workspace.CrossEntropyAndAccumulateGradient(
            unfused, batch_x.leftCols(n), absl::MakeConstSpan(batch_y.data(), n), &grads);
        adam.Step(grads, &unfused);
      }
      EXPECT_EQ(std::memcmp(&loss, &fused_loss, sizeof(loss)), 0) << "step " << step;
      for (int l = 0; l < shape.num_layers(); ++l) {
        EXPECT_TRUE(bits_equal(fused.weight(l), unfused.weight(l))) << "step " << step << " W" << l;
        EXPECT_TRUE(bits_equal(fused.bias(l), unfused.bias(l))) << "step " << step << " b" << l;
      }
    }
  }
}

TEST(Evaluate, MatchesDirectComputation) {
  const Matrix centers = MakeCenters(20);
  const Dataset test = MakeClusters(777, 5, centers);
  const MlpShape shape{20, 12, 2, 10, 0.0};
  ReluMlp net(shape);
  ASSERT_TRUE(Initialize(InitializerKind::kHeNormal, rng::RandomStream(kSeed, {12}), &net).ok());
  InferenceWorkspace workspace(shape, 777);
  const Matrix logits = workspace.Forward(net, test.features);
  const int64_t correct = SoftmaxCrossEntropy::CountCorrect(logits, test.labels);
  const double loss = SoftmaxCrossEntropy::SumLoss(logits, test.labels) / 777;
  // The chunk size may change the float rounding of the logits (a batch of 1 takes Eigen's
  // matrix-vector path), so losses agree to float precision across chunk sizes; for a given
  // chunk size the thread count changes no bit.
  for (const int chunk : {1, 100, 777, 5000}) {
    double single_thread_loss = 0.0;
    for (const int threads : {1, 2, 3}) {
      const absl::StatusOr<Evaluation> e =
          Evaluate(net, test.features, test.labels, EvaluateOptions{chunk, threads});
      ASSERT_TRUE(e.ok()) << e.status();
      EXPECT_EQ(e->num_samples, 777);
      EXPECT_EQ(e->num_correct, correct) << "chunk " << chunk << " threads " << threads;
      EXPECT_EQ(e->accuracy, correct / 777.0);
      EXPECT_NEAR(e->mean_loss, loss, 1e-6 * loss) << "chunk " << chunk;
      if (threads == 1) single_thread_loss = e->mean_loss;
      EXPECT_EQ(e->mean_loss, single_thread_loss) << "chunk " << chunk << " threads " << threads;
    }
  }
}

TEST(Train, RejectsInvalidInput) {
  const MlpShape shape{4, 3, 1, 10, 0.0};
  ReluMlp net(shape);
  const Matrix features = Matrix::Ones(4, 5);
  const std::vector<uint8_t> labels = {0, 1, 2, 3, 4};
  const rng::RandomStream stream(kSeed, {13});
  const TrainOptions options;
  EXPECT_TRUE(Train(options, features, labels, stream, &net).ok());

  const std::vector<uint8_t> bad_label = {0, 1, 10, 3, 4};
  const absl::Status label_status = Train(options, features, bad_label, stream, &net).status();
  EXPECT_EQ(label_status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(label_status.message().find("label 10 at index 2"), std::string::npos)
      << label_status;
  const Matrix wrong_rows = Matrix::Ones(5, 5);
  EXPECT_EQ(Train(options, wrong_rows, labels, stream, &net).status().code(),
            absl::StatusCode::kInvalidArgument);
  const std::vector<uint8_t> too_few = {0, 1};
  EXPECT_EQ(Train(options, features, too_few, stream, &net).status().code(),
            absl::StatusCode::kInvalidArgument);
  TrainOptions bad_options;
  bad_options.batch_size = 0;
  EXPECT_EQ(Train(bad_options, features, labels, stream, &net).status().code(),
            absl::StatusCode::kInvalidArgument);
  bad_options = TrainOptions();
  bad_options.adam.learning_rate = -1.0;
  EXPECT_EQ(Train(bad_options, features, labels, stream, &net).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Evaluate(net, features, bad_label, EvaluateOptions()).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Evaluate(net, features, labels, EvaluateOptions{0, 1}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// Zero steps leave the network untouched; a diverging run is reported, not hidden.
TEST(Train, ZeroStepsAndDivergence) {
  const MlpShape shape{4, 3, 1, 10, 0.0};
  ReluMlp net(shape);
  ASSERT_TRUE(Initialize(InitializerKind::kHeNormal, rng::RandomStream(kSeed, {14}), &net).ok());
  const ReluMlp before = net;
  Matrix features = Matrix::Ones(4, 5);
  const std::vector<uint8_t> labels = {0, 1, 2, 3, 4};
  TrainOptions options;
  options.steps = 0;
  const absl::StatusOr<TrainResult> none =
      Train(options, features, labels, rng::RandomStream(kSeed, {15}), &net);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->step_losses.empty());
  EXPECT_EQ(net.weight(0), before.weight(0));
  features(0, 0) = std::numeric_limits<float>::infinity();
  options.steps = 3;
  const absl::StatusOr<TrainResult> diverged =
      Train(options, features, labels, rng::RandomStream(kSeed, {15}), &net);
  ASSERT_TRUE(diverged.ok());
  EXPECT_FALSE(diverged->parameters_finite);
}

}  // namespace
}  // namespace vev::nn

#include "lib/variance/unit_variance.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/base/check.h"
#include "lib/base/cpu_time.h"
#include "lib/variance/lane_variance.h"
#include "lib/variance/panel_gemm.h"

namespace vev::variance {
namespace {

absl::Status ValidateInputs(const nn::MlpShape& shape, const PackedSamples& data,
                            int64_t num_networks, const UnitVarianceOptions& options) {
  if (absl::Status s = nn::ValidateMlpShape(shape); !s.ok()) return s;
  if (shape.negative_slope != 0.0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the unit-variance engine supports the ReLU only, got negative slope ",
        shape.negative_slope));
  }
  if (shape.input_size != data.features()) {
    return absl::InvalidArgumentError(absl::StrCat("network input size ", shape.input_size,
                                                   " != dataset features ", data.features()));
  }
  if (data.samples() < 2) {
    return absl::InvalidArgumentError(
        absl::StrCat("need at least 2 samples for a variance, got ", data.samples()));
  }
  int max_unit = shape.num_classes;
  if (shape.depth > 0) max_unit = std::min(shape.width, shape.num_classes);
  if (options.unit < 0 || options.unit >= max_unit) {
    return absl::InvalidArgumentError(
        absl::StrCat("unit ", options.unit, " is not in [0, ", max_unit, ")"));
  }
  if (num_networks < 0 || options.threads < 1 || options.networks_per_pass < 1 ||
      options.panels_per_block < 1 || options.k_block < 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid engine options: networks ", num_networks, " (>= 0), threads ",
        options.threads, " (>= 1), networks_per_pass ", options.networks_per_pass,
        " (>= 1), panels_per_block ", options.panels_per_block, " (>= 1), k_block ",
        options.k_block, " (>= 1)"));
  }
  return absl::OkStatus();
}

// The state of one worker thread: a group of up to `capacity` networks, packed, with the
// buffers of one block of samples and the per-layer accumulators.
class GroupEvaluator {
 public:
  GroupEvaluator(const nn::MlpShape& shape, const PackedSamples& data,
                 const UnitVarianceOptions& options, int capacity)
      : shape_(shape),
        data_(data),
        options_(options),
        capacity_(capacity),
        first_rows_(shape.out_features(0)),
        layer_stride_(static_cast<int64_t>(PaddedRows(std::max(shape.width, shape.num_classes))) *
                      kPanelSamples) {
    nets_.reserve(capacity);
    for (int g = 0; g < capacity; ++g) nets_.emplace_back(shape);
    hidden_.resize(capacity);
    biases_.resize(capacity);
    accumulators_.resize(capacity);
    const int64_t block = options.panels_per_block;
    first_stride_ = static_cast<int64_t>(PaddedRows(first_rows_ * capacity)) * kPanelSamples;
    first_out_.resize(static_cast<size_t>(block * first_stride_));
    buffer_a_.resize(static_cast<size_t>(block * layer_stride_));
    buffer_b_.resize(static_cast<size_t>(block * layer_stride_));
  }

  // Evaluates networks [begin, end) (end - begin <= capacity) into rows of *out.
  absl::Status Run(int64_t begin, int64_t end, const NetworkSource& source, MatrixD* out,
                   UnitVarianceTimings* timings) {
    const int count = static_cast<int>(end - begin);
    double t0 = ThreadCpuSeconds();
    for (int g = 0; g < count; ++g) {
      if (absl::Status s = source(begin + g, &nets_[g]); !s.ok()) return s;
    }
    double t1 = ThreadCpuSeconds();
    timings->init_cpu_seconds += t1 - t0;
    Pack(count);
    const int64_t panels = data_.panels();
    for (int64_t p0 = 0; p0 < panels; p0 += options_.panels_per_block) {
      const int64_t block = std::min<int64_t>(options_.panels_per_block, panels - p0);
      t0 = ThreadCpuSeconds();
      MultiplyPanels(first_, data_.panel(p0), data_.panel_stride(), block, first_out_.data(),
                     first_stride_, options_.k_block);
      t1 = ThreadCpuSeconds();
      timings->first_layer_cpu_seconds += t1 - t0;
      for (int g = 0; g < count; ++g) NarrowLayers(g, p0, block);
      timings->narrow_cpu_seconds += ThreadCpuSeconds() - t1;
    }
    for (int g = 0; g < count; ++g) {
      for (int l = 0; l < shape_.num_layers(); ++l) {
        (*out)(begin + g, l) = accumulators_[g][l].Variance();
      }
    }
    return absl::OkStatus();
  }

 private:
  void Pack(int count) {
    std::vector<const Matrix*> first_layers;
    for (int g = 0; g < count; ++g) first_layers.push_back(&nets_[g].weight(0));
    first_ = PackedWeights::Stack(first_layers);
    for (int g = 0; g < count; ++g) {
      const nn::ReluMlp& net = nets_[g];
      hidden_[g].clear();
      biases_[g].clear();
      for (int l = 0; l < shape_.num_layers(); ++l) {
        if (l > 0) hidden_[g].emplace_back(net.weight(l));
        std::vector<float> bias(PaddedRows(shape_.out_features(l)), 0.0f);
        for (int r = 0; r < shape_.out_features(l); ++r) bias[r] = net.bias(l)(r);
        biases_[g].push_back(std::move(bias));
      }
      accumulators_[g].assign(shape_.num_layers(), LaneVarianceAccumulator());
    }
  }

  // Layers 0..depth of network g on panels [p0, p0 + block): bias of layer 0 added to the
  // stacked product's rows of g, then the narrow layers ping-ponging between two buffers
  // of `block` panels (cache-resident), unit `unit` of every layer into its accumulator.
  void NarrowLayers(int g, int64_t p0, int64_t block) {
    const float* bias0 = biases_[g][0].data();
    for (int64_t p = 0; p < block; ++p) {
      const float* src = first_out_.data() + p * first_stride_ +
                         static_cast<int64_t>(g) * first_rows_ * kPanelSamples;
      float* dst = buffer_a_.data() + p * layer_stride_;
      for (int r = 0; r < first_rows_; ++r) {
        for (int j = 0; j < kPanelSamples; ++j) {
          dst[r * kPanelSamples + j] = src[r * kPanelSamples + j] + bias0[r];
        }
      }
    }
    AccumulateUnit(buffer_a_.data(), p0, block, &accumulators_[g][0]);
    float* in = buffer_a_.data();
    float* out = buffer_b_.data();
    for (int l = 1; l < shape_.num_layers(); ++l) {
      ReluLayerPanels(hidden_[g][l - 1], biases_[g][l].data(), in, layer_stride_, block, out,
                      layer_stride_);
      AccumulateUnit(out, p0, block, &accumulators_[g][l]);
      std::swap(in, out);
    }
  }

  void AccumulateUnit(const float* buffer, int64_t p0, int64_t block,
                      LaneVarianceAccumulator* accumulator) {
    const int64_t samples = data_.samples();
    for (int64_t p = 0; p < block; ++p) {
      const int64_t first_sample = (p0 + p) * kPanelSamples;
      const int valid = static_cast<int>(std::min<int64_t>(kPanelSamples, samples - first_sample));
      accumulator->AddPanel(buffer + p * layer_stride_ + options_.unit * kPanelSamples, valid);
    }
  }

  const nn::MlpShape shape_;
  const PackedSamples& data_;
  const UnitVarianceOptions& options_;
  const int capacity_;
  const int first_rows_;          // rows of each network's first layer
  const int64_t layer_stride_;    // floats per panel of a narrow-layer buffer
  int64_t first_stride_ = 0;      // floats per panel of the stacked first-layer output
  std::vector<nn::ReluMlp> nets_;
  PackedWeights first_;
  std::vector<std::vector<PackedWeights>> hidden_;  // [g][l - 1], layers 1..depth
  std::vector<std::vector<std::vector<float>>> biases_;  // [g][l], padded
  std::vector<std::vector<LaneVarianceAccumulator>> accumulators_;  // [g][l]
  std::vector<float> first_out_, buffer_a_, buffer_b_;
};

}  // namespace

absl::StatusOr<MatrixD> ComputeUnitVariances(const nn::MlpShape& shape,
                                             const PackedSamples& data, int64_t num_networks,
                                             const NetworkSource& source,
                                             const UnitVarianceOptions& options,
                                             UnitVarianceTimings* timings) {
  if (absl::Status s = ValidateInputs(shape, data, num_networks, options); !s.ok()) return s;
  MatrixD out(num_networks, shape.num_layers());
  if (num_networks == 0) return out;
  const int64_t per_thread = (num_networks + options.threads - 1) / options.threads;
  const int group = static_cast<int>(std::min<int64_t>(options.networks_per_pass, per_thread));
  const int64_t num_groups = (num_networks + group - 1) / group;
  const int threads = static_cast<int>(std::min<int64_t>(options.threads, num_groups));

  std::atomic<int64_t> next_group{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;  // guards first_error, done, the progress callback and the timings sum
  absl::Status first_error;
  int64_t done = 0;
  UnitVarianceTimings total;

  auto worker = [&]() {
    const double start = ThreadCpuSeconds();
    UnitVarianceTimings mine;
    GroupEvaluator evaluator(shape, data, options, group);
    while (!failed.load()) {
      const int64_t index = next_group.fetch_add(1);
      if (index >= num_groups) break;
      const int64_t begin = index * group;
      const int64_t end = std::min(num_networks, begin + group);
      const absl::Status status = evaluator.Run(begin, end, source, &out, &mine);
      std::lock_guard<std::mutex> lock(mutex);
      if (!status.ok()) {
        if (first_error.ok()) first_error = status;
        failed.store(true);
        break;
      }
      done += end - begin;
      if (options.progress) options.progress(done);
    }
    mine.total_cpu_seconds = ThreadCpuSeconds() - start;
    std::lock_guard<std::mutex> lock(mutex);
    total.init_cpu_seconds += mine.init_cpu_seconds;
    total.first_layer_cpu_seconds += mine.first_layer_cpu_seconds;
    total.narrow_cpu_seconds += mine.narrow_cpu_seconds;
    total.total_cpu_seconds += mine.total_cpu_seconds;
  };
  if (threads == 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (std::thread& t : pool) t.join();
  }
  if (!first_error.ok()) return first_error;
  if (timings != nullptr) *timings = total;
  return out;
}

std::vector<VectorT<float>> ReferenceLayerOutputs(const nn::ReluMlp& net,
                                                  const Eigen::Ref<const Vector>& x) {
  const nn::MlpShape& shape = net.shape();
  VEV_CHECK(x.size() == shape.input_size);
  std::vector<VectorT<float>> outputs;
  VectorT<float> h = x;
  for (int l = 0; l < shape.num_layers(); ++l) {
    const Matrix& w = net.weight(l);
    VectorT<float> z(w.rows());
    for (int r = 0; r < w.rows(); ++r) {
      float chain = 0.0f;
      for (int k = 0; k < w.cols(); ++k) chain = std::fma(w(r, k), h(k), chain);
      z(r) = chain + net.bias(l)(r);
    }
    outputs.push_back(z);
    h.resize(z.size());
    for (int r = 0; r < z.size(); ++r) h(r) = std::max(z(r), 0.0f);
  }
  return outputs;
}

std::vector<double> ReferenceUnitVariances(const nn::ReluMlp& net,
                                           const Eigen::Ref<const Matrix>& features, int unit) {
  VEV_CHECK(features.cols() >= 2);
  std::vector<LaneVarianceAccumulator> accumulators(net.num_layers());
  for (Eigen::Index s = 0; s < features.cols(); ++s) {
    const std::vector<VectorT<float>> z = ReferenceLayerOutputs(net, features.col(s));
    for (int l = 0; l < net.num_layers(); ++l) {
      accumulators[l].Add(static_cast<int>(s % kPanelSamples), z[l](unit));
    }
  }
  std::vector<double> variances;
  for (const LaneVarianceAccumulator& a : accumulators) variances.push_back(a.Variance());
  return variances;
}

}  // namespace vev::variance

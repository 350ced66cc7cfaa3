#include "lib/activation/random_network.h"

#include <cmath>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/base/check.h"

namespace vev::activation {
namespace {

uint64_t DoubleBits(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof(bits));
  return bits;
}

}  // namespace

absl::StatusOr<NetworkSampler> ParseNetworkSampler(absl::string_view name) {
  if (name == "explicit") return NetworkSampler::kExplicitWeights;
  if (name == "conditional") return NetworkSampler::kConditionalGaussian;
  return absl::InvalidArgumentError(
      absl::StrCat("sampler '", name, "': expected 'explicit' or 'conditional'"));
}

std::string NetworkSamplerName(NetworkSampler sampler) {
  return sampler == NetworkSampler::kExplicitWeights ? "explicit" : "conditional";
}

uint64_t ConfigurationKey(const RandomNetworkSpec& spec) {
  uint64_t h = 0x61637469766174ULL;  // "activat"
  for (const char c : spec.phi.Name()) h = rng::SplitMix64Mix(h ^ static_cast<uint64_t>(c));
  h = rng::SplitMix64Mix(h ^ static_cast<uint64_t>(spec.width));
  h = rng::SplitMix64Mix(h ^ static_cast<uint64_t>(spec.depth));
  h = rng::SplitMix64Mix(h ^ DoubleBits(spec.sigma_w));
  h = rng::SplitMix64Mix(h ^ DoubleBits(spec.sigma_b));
  h = rng::SplitMix64Mix(h ^ static_cast<uint64_t>(spec.sampler));
  return h;
}

RandomNetworkSampler::RandomNetworkSampler(const RandomNetworkSpec& spec) : spec_(spec) {
  VEV_CHECK(spec_.width >= 1);
  VEV_CHECK(spec_.depth >= 1);
  VEV_CHECK(spec_.sigma_w >= 0.0 && spec_.sigma_b >= 0.0);
  x_.resize(spec_.width);
}

void RandomNetworkSampler::Sample(const Eigen::Ref<const VectorD>& x0, rng::RandomStream& stream,
                                  Eigen::Ref<MatrixD> h) {
  const int n = spec_.width;
  VEV_CHECK(x0.size() == n);
  VEV_CHECK(h.rows() == n && h.cols() == spec_.depth);
  const double weight_scale = spec_.sigma_w / std::sqrt(static_cast<double>(n));
  x_ = x0;
  for (int l = 0; l < spec_.depth; ++l) {
    if (spec_.sampler == NetworkSampler::kExplicitWeights) {
      for (int i = 0; i < n; ++i) {
        // h_i = (sigma_w / sqrt(N)) sum_j g_ij x_j + sigma_b g_i, the row's standard
        // normals consumed in order j = 0..N-1.
        double dot = 0.0;
        for (int j = 0; j < n; ++j) dot += stream.Normal() * x_(j);
        h(i, l) = weight_scale * dot + spec_.sigma_b * stream.Normal();
      }
    } else {
      const double r = x_.squaredNorm() / n;
      const double s = std::sqrt(spec_.sigma_w * spec_.sigma_w * r + spec_.sigma_b * spec_.sigma_b);
      for (int i = 0; i < n; ++i) h(i, l) = s * stream.Normal();
    }
    if (l + 1 < spec_.depth) {
      for (int i = 0; i < n; ++i) x_(i) = spec_.phi(h(i, l));
    }
  }
}

VectorD LengthProcess(const Eigen::Ref<const MatrixD>& h) {
  VectorD q(h.cols());
  for (int l = 0; l < h.cols(); ++l) q(l) = h.col(l).squaredNorm() / h.rows();
  return q;
}

}  // namespace vev::activation

#include "tests/nn/gradient_check.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"

namespace vev::nn::testing {
namespace {

// Checks every entry of one tensor, reached through `entry(params, i)`.
template <typename GetEntry>
void CheckTensor(const std::string& name, int64_t size, const double* analytic,
                 ReluMlpT<double>& params, GetEntry entry,
                 absl::FunctionRef<double(const ReluMlpT<double>&)> loss,
                 GradientCheckReport* report) {
  for (int64_t i = 0; i < size; ++i) {
    double& theta = entry(params, i);
    const double original = theta;
    const double h = FiniteDifferenceStep(original);
    theta = original + h;
    const double up_theta = theta;
    const double up = loss(params);
    theta = original - h;
    const double down_theta = theta;
    const double down = loss(params);
    theta = original;
    const double numeric = (up - down) / (up_theta - down_theta);
    const double g = analytic[i];
    const double error =
        std::abs(g - numeric) / std::max({std::abs(g), std::abs(numeric), 1e-8});
    ++report->entries_checked;
    if (g != 0.0) ++report->nonzero_entries;
    if (error >= report->max_relative_error) {
      report->max_relative_error = error;
      report->worst_entry = absl::StrCat(name, " [", i, "]");
      report->worst_analytic = g;
      report->worst_numeric = numeric;
    }
  }
}

}  // namespace

double FiniteDifferenceStep(double theta) {
  return std::cbrt(std::numeric_limits<double>::epsilon()) * std::max(1.0, std::abs(theta));
}

GradientCheckReport CheckGradients(const ReluMlpT<double>& net,
                                   const MlpTensorsT<double>& analytic,
                                   absl::FunctionRef<double(const ReluMlpT<double>&)> loss) {
  GradientCheckReport report;
  ReluMlpT<double> params = net;
  for (int l = 0; l < net.num_layers(); ++l) {
    CheckTensor(
        absl::StrCat("weight ", l), net.weight(l).size(), analytic.weight(l).data(), params,
        [l](ReluMlpT<double>& p, int64_t i) -> double& { return p.mutable_weight(l).data()[i]; },
        loss, &report);
    CheckTensor(
        absl::StrCat("bias ", l), net.bias(l).size(), analytic.bias(l).data(), params,
        [l](ReluMlpT<double>& p, int64_t i) -> double& { return p.mutable_bias(l).data()[i]; },
        loss, &report);
  }
  return report;
}

}  // namespace vev::nn::testing

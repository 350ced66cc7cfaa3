// The claims of the vanishing-empirical-variance paper about Fig. 2 (Sec. 6.2), checked on
// the results of //experiments/vanishing_variance/fig2 at the selected scale (smoke in
// `bazel test //...`; `bazel test --config=paper //claims/...` for the paper's 10,000
// networks per initializer):
//
//  (a) "for all random initialization methods except MetaInit 90% networks will have
//      empirical variance lower than 10^-3 after 80 layers";
//  (b) "... and all quantiles monotonously decrease after 40 layers";
//  (c) "For MetaInit, empirical variances explode";
//  (d) ZerO "keeps the empirical variance constant after the first layer".
//
// Statistics (STYLE.md Sec. 3). Networks are i.i.d., so the tests are distribution-free,
// on the per-network variances: binomial counts and order-statistic confidence bounds of
// quantiles (lib/variance/variance_quantiles.h). The false-failure budget is 1e-5 in all,
// Bonferroni-split over the kAssertions statistical assertions below. Each assertion can
// only fail when the data contradict the claim significantly, so with few networks (smoke
// scale) the checks are weak and the test says which ones could not be decided; the
// measured values are printed either way. At paper scale, where the paper's statements
// are about curves estimated from 10,000 networks, (b) is also checked literally on the
// estimated quantile curves, and a failure there reports the measured violations.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/base/eigen_types.h"
#include "lib/io/result_file.h"
#include "lib/stats/quantiles.h"
#include "lib/variance/variance_quantiles.h"
#include "protos/result.pb.h"

namespace vev::variance {
namespace {

const std::vector<std::string> kRandomInits = {"he_normal", "glorot_normal", "orthogonal", "gsm"};
const std::vector<double> kProbs = {0.9, 0.99, 0.999};
constexpr int kLayers = 101;
constexpr double kThreshold = 1e-3;
// Statistical assertions: (a) 4 initializers x 20 layers; (b) 4 x 3 quantiles x 60
// adjacent-layer pairs; (c) 1.
constexpr int kAssertions = 4 * 20 + 4 * 3 * 60 + 1;
constexpr double kAlpha = 1e-5 / kAssertions;

struct Loaded {
  Result result;
  MatrixD v;  // networks x layers
  bool unavailable = false;
};

Loaded Load(const std::string& init) {
  Loaded out;
  const std::string path = absl::StrCat("experiments/vanishing_variance/fig2/fig2_", init, ".pb");
  absl::StatusOr<Result> r = io::ReadResultFile(path);
  EXPECT_TRUE(r.ok()) << r.status();
  if (!r.ok()) return out;
  out.result = *r;
  for (const Scalar& s : out.result.scalars()) {
    if (s.name() == "data_unavailable" && s.value() == 1.0) out.unavailable = true;
  }
  if (out.unavailable) return out;
  absl::StatusOr<const Table*> table =
      io::FindTable(out.result, absl::StrCat(init, "_network_variances"));
  EXPECT_TRUE(table.ok()) << table.status();
  if (!table.ok()) return out;
  EXPECT_EQ((*table)->columns_size(), kLayers + 1);
  const int n = (*table)->columns(0).values_size();
  out.v.resize(n, kLayers);
  for (int l = 0; l < kLayers; ++l) {
    for (int i = 0; i < n; ++i) out.v(i, l) = (*table)->columns(l + 1).values(i);
  }
  return out;
}

// The values of column l, sorted (non-finite ones sort as +inf; NaN counted as +inf:
// a variance that overflowed).
std::vector<double> SortedLayer(const MatrixD& v, int l) {
  std::vector<double> values(v.rows());
  for (Eigen::Index i = 0; i < v.rows(); ++i) {
    values[i] = std::isnan(v(i, l)) ? INFINITY : v(i, l);
  }
  std::sort(values.begin(), values.end());
  return values;
}

struct QuantileWithBounds {
  double estimate, lower, upper;
};

QuantileWithBounds Quantile(const std::vector<double>& sorted, double p) {
  const int64_t n = static_cast<int64_t>(sorted.size());
  const OrderStatisticBounds b = QuantileConfidenceOrderStatistics(n, p, kAlpha);
  return {stats::MQuantileSorted(sorted, p), b.lower == 0 ? -INFINITY : sorted[b.lower - 1],
          b.upper == n + 1 ? INFINITY : sorted[b.upper - 1]};
}

class Fig2Claims : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const std::string& init :
         {"he_normal", "glorot_normal", "orthogonal", "gsm", "metainit", "zero"}) {
      loaded_.push_back(Load(init));
      if (loaded_.back().unavailable) {
        GTEST_SKIP() << "skipped: dataset not available (fig2_" << init
                     << " says data_unavailable = 1); nothing to check";
      }
    }
    scale_ = loaded_[0].result.spec().scale();
    std::printf("Fig. 2 claims at scale '%s' (per-assertion alpha %.3g, %d assertions)\n",
                scale_.c_str(), kAlpha, kAssertions);
  }
  const Loaded& Get(const std::string& init) const {
    static const std::vector<std::string> order = {"he_normal", "glorot_normal", "orthogonal",
                                                   "gsm",       "metainit",      "zero"};
    return loaded_[std::find(order.begin(), order.end(), init) - order.begin()];
  }
  std::vector<Loaded> loaded_;
  std::string scale_;
};

// (a) For layers 81..100: P(V < 1e-3) >= 0.9 is rejected when the count below 1e-3 is
// improbably small under Binomial(n, 0.9): P(B <= count) < alpha.
TEST_F(Fig2Claims, NinetyPercentBelowOneThousandthAfterLayer80) {
  for (const std::string& init : kRandomInits) {
    const MatrixD& v = Get(init).v;
    const int64_t n = v.rows();
    double worst_fraction = 1.0, worst_q = 0.0;
    for (int l = 81; l < kLayers; ++l) {
      const std::vector<double> sorted = SortedLayer(v, l);
      const int64_t below =
          std::lower_bound(sorted.begin(), sorted.end(), kThreshold) - sorted.begin();
      const double p_value = BinomialCdf(below, n, 0.9);
      EXPECT_GE(p_value, kAlpha) << init << " layer " << l << ": only " << below << " of " << n
                                 << " networks have variance < 1e-3 (0.9 quantile "
                                 << stats::MQuantileSorted(sorted, 0.9) << ")";
      worst_fraction = std::min(worst_fraction, static_cast<double>(below) / n);
      worst_q = std::max(worst_q, stats::MQuantileSorted(sorted, 0.9));
    }
    std::printf(
        "(a) %-13s n = %5lld: layers 81-100: smallest fraction below 1e-3 = %.4f, "
        "largest 0.9 quantile = %.3g (claim: < 1e-3)\n",
        init.c_str(), static_cast<long long>(n), worst_fraction, worst_q);
  }
}

// (b) Quantiles after layer 40. Statistical check: no significant increase between
// adjacent layers (the lower bound at l + 1 above the upper bound at l: if q(l + 1) <= q(l),
// this needs a bound to miss its quantile, probability <= alpha). Reported: whether the
// decrease from layer 40 to 100 is significant, the trend, and the steps where the
// estimate does not decrease. Literal check at paper scale (the paper's statement about
// its 10,000-network curves): every estimated quantile curve decreases at every step.
TEST_F(Fig2Claims, QuantilesDecreaseAfterLayer40) {
  for (const std::string& init : kRandomInits) {
    const MatrixD& v = Get(init).v;
    std::vector<std::vector<double>> sorted(kLayers);
    for (int l = 40; l < kLayers; ++l) sorted[l] = SortedLayer(v, l);
    for (const double p : kProbs) {
      int increases = 0;
      std::string where;
      for (int l = 40; l < kLayers - 1; ++l) {
        const QuantileWithBounds a = Quantile(sorted[l], p), b = Quantile(sorted[l + 1], p);
        EXPECT_FALSE(b.lower > a.upper)
            << init << " q" << absl::StrCat(p) << " increases significantly from layer " << l << " ("
            << a.estimate << ", upper bound " << a.upper << ") to " << l + 1 << " (" << b.estimate
            << ", lower bound " << b.lower << ")";
        if (b.estimate >= a.estimate) {
          ++increases;
          absl::StrAppend(&where, where.empty() ? "" : ",", l, "->", l + 1);
        }
      }
      // The overall decrease is reported, not asserted: with heavy-tailed variances and few
      // networks the bounds are too wide to show it, which is no evidence against it.
      const QuantileWithBounds first = Quantile(sorted[40], p), last = Quantile(sorted[100], p);
      const char* overall = !(std::isfinite(first.lower) && std::isfinite(last.upper))
                                ? "too few networks to test"
                            : last.upper < first.lower ? "significant"
                                                       : "not significant";
      // Trend: least-squares slope of log10 of the estimate over layers 40..100.
      double sx = 0, sy = 0, sxx = 0, sxy = 0;
      int points = 0;
      for (int l = 40; l < kLayers; ++l) {
        const double q = Quantile(sorted[l], p).estimate;
        if (!(q > 0) || !std::isfinite(q)) continue;
        const double y = std::log10(q);
        sx += l, sy += y, sxx += double(l) * l, sxy += l * y, ++points;
      }
      const double slope = (points * sxy - sx * sy) / (points * sxx - sx * sx);
      std::printf(
          "(b) %-13s q%-5g layer 40 -> 100: %.3g -> %.3g (decrease %s; trend %.3f "
          "decades/layer); steps after 40 where the estimate does not decrease: %d of "
          "60%s%s\n",
          init.c_str(), p, first.estimate, last.estimate, overall, slope, increases,
          increases ? ": " : "", where.substr(0, 200).c_str());
      if (scale_ == "paper") {
        EXPECT_EQ(increases, 0) << init << " q" << absl::StrCat(p)
                                << ": the estimated quantile does not decrease at steps " << where;
      }
    }
  }
}

// (c) A network's variance "explodes" if some layer's variance is >= 1e3 times its layer-0
// variance (or overflows). The claim is taken as: at least half of the MetaInit networks
// explode; rejected if P(Binomial(n, 1/2) <= count) < alpha. The same fraction is printed
// for the other initializers for contrast.
TEST_F(Fig2Claims, MetaInitVariancesExplode) {
  auto exploding = [](const MatrixD& v) {
    int64_t count = 0;
    for (Eigen::Index i = 0; i < v.rows(); ++i) {
      bool explodes = false;
      for (int l = 1; l < kLayers; ++l) {
        if (!std::isfinite(v(i, l)) || v(i, l) >= 1e3 * v(i, 0)) explodes = true;
      }
      count += explodes;
    }
    return count;
  };
  const MatrixD& v = Get("metainit").v;
  const int64_t count = exploding(v), n = v.rows();
  EXPECT_GE(BinomialCdf(count, n, 0.5), kAlpha)
      << "only " << count << " of " << n << " MetaInit networks reach 1e3 x their layer-0 variance";
  double largest = 0.0;
  int at = 0;
  for (int l = 0; l < kLayers; ++l) {
    const double q = stats::MQuantileSorted(SortedLayer(v, l), 0.5);
    if (q > largest) largest = q, at = l;
  }
  std::printf(
      "(c) metainit      n = %5lld: %lld explode (max_l V_l >= 1e3 V_0); largest median "
      "variance %.3g at layer %d (median at layer 0: %.3g)\n",
      static_cast<long long>(n), static_cast<long long>(count), largest, at,
      stats::MQuantileSorted(SortedLayer(v, 0), 0.5));
  for (const std::string& init : kRandomInits) {
    std::printf("    for contrast, %-13s: %lld of %lld explode\n", init.c_str(),
                static_cast<long long>(exploding(Get(init).v)),
                static_cast<long long>(Get(init).v.rows()));
  }
}

// (d) ZerO is deterministic: every network's variance is the same at every layer >= 1
// (exactly: the same float values pass through identity layers), and differs at layer 0
// (the ReLU changes the distribution).
TEST_F(Fig2Claims, ZerOConstantAfterFirstLayer) {
  const MatrixD& v = Get("zero").v;
  ASSERT_GE(v.rows(), 1);
  for (Eigen::Index i = 0; i < v.rows(); ++i) {
    for (int l = 1; l < kLayers; ++l) {
      EXPECT_EQ(v(i, l), v(0, 1)) << "network " << i << " layer " << l;
    }
  }
  EXPECT_NE(v(0, 0), v(0, 1));
  std::printf("(d) zero: variance %.6g at layer 0, %.6g at every layer 1..100\n", v(0, 0), v(0, 1));
}

}  // namespace
}  // namespace vev::variance

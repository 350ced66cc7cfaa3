// Tests of claims/claim.h (the encoding of claims in a Result, read back exactly) and of the
// "dataset not available" path of the claim libraries: skipped claims, not failures.
#include "claims/claim.h"

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "claims/fig2/fig2_claims.h"
#include "claims/training/training_claims.h"
#include "gtest/gtest.h"
#include "protos/result.pb.h"

namespace vev::claims {
namespace {

Result Unavailable() {
  Result r;
  r.mutable_spec()->set_scale("smoke");
  Scalar* s = r.add_scalars();
  s->set_name("data_unavailable");
  s->set_value(1.0);
  return r;
}

TEST(ClaimEncoding, RoundTripsExactly) {
  Claim c;
  c.id = "x_1";
  c.paper = "vanishing_variance";
  c.section = "Sec. 6.2, Fig. 2";
  c.statement = "a statement\nwith a line break";  // written on one line
  c.summary = "value: 1.5 (colon kept)";
  c.target = "//claims:x_test";
  c.verdict = Verdict::kUndecided;
  c.Add("a", 1.0 / 3.0, 0.25, "first");
  c.Add("b", -INFINITY, 0.0, "second");
  c.Add("c", NAN, 0.0, "third");
  Result r;
  AddClaimTable(c, r);
  AddClaimTable(SkippedClaim(c, "why"), r);
  const absl::StatusOr<std::vector<Claim>> back = ClaimsFromResult(r);
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_EQ(back->size(), 2u);
  const Claim& d = (*back)[0];
  EXPECT_EQ(d.id, "x_1");
  EXPECT_EQ(d.paper, c.paper);
  EXPECT_EQ(d.section, c.section);
  EXPECT_EQ(d.statement, "a statement with a line break");
  EXPECT_EQ(d.summary, c.summary);
  EXPECT_EQ(d.target, c.target);
  EXPECT_EQ(d.verdict, Verdict::kUndecided);
  ASSERT_EQ(d.measurements.size(), 3u);
  EXPECT_EQ(d.Get("a").value, 1.0 / 3.0);
  EXPECT_EQ(d.Get("a").std_error, 0.25);
  EXPECT_EQ(d.Get("a").description, "first");
  EXPECT_EQ(d.Get("b").value, -INFINITY);
  EXPECT_TRUE(std::isnan(d.Get("c").value));
  EXPECT_EQ((*back)[1].verdict, Verdict::kSkipped);
  EXPECT_EQ((*back)[1].summary, "skipped: dataset not available (why)");
  EXPECT_TRUE((*back)[1].measurements.empty());
}

TEST(ClaimEncoding, RejectsABadVerdict) {
  Result r;
  Table* t = r.add_tables();
  t->set_name("claim:bad");
  Column* v = t->add_columns();
  v->set_name("verdict");
  v->add_values(7);
  EXPECT_FALSE(ClaimsFromResult(r).ok());
}

TEST(DataUnavailable, TrainingClaimsAreSkipped) {
  const absl::StatusOr<Fig1Check> f1 = CheckFig1("cifar10", Unavailable());
  ASSERT_TRUE(f1.ok()) << f1.status();
  EXPECT_TRUE(f1->skipped);
  EXPECT_EQ(f1->claim.verdict, Verdict::kSkipped);
  const absl::StatusOr<Fig3Check> f3 = CheckFig3("width10", Unavailable());
  ASSERT_TRUE(f3.ok()) << f3.status();
  EXPECT_EQ(f3->claim.verdict, Verdict::kSkipped);
  EXPECT_EQ(VerdictText(f3->claim.verdict), "skipped: dataset not available");
}

TEST(DataUnavailable, Fig2ClaimsAreSkipped) {
  std::map<std::string, Result> results;
  for (const std::string& init : kFig2Inits) results[init] = Unavailable();
  const absl::StatusOr<Fig2Data> data = Fig2DataFromResults(results);
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_TRUE(data->unavailable);
  const std::vector<Claim> claims = Fig2Claims(*data);
  ASSERT_FALSE(claims.empty());
  for (const Claim& c : claims) EXPECT_EQ(c.verdict, Verdict::kSkipped) << c.id;
}

}  // namespace
}  // namespace vev::claims

// show_result's exports on a real result (the kurtosis-vs-depth experiment): the CSV of a
// table reads back to the same doubles bit for bit, and the JSON parses back to the same
// message.
#include "tools/result_export.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "lib/io/result_file.h"

namespace vev::tools {
namespace {

Result RealResult() {
  absl::StatusOr<Result> result =
      io::ReadResultFile("experiments/vanishing_variance/kurtosis_vs_depth.pb");
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *result : Result();
}

// Bitwise equality, so that NaN equals NaN.
bool SameBits(double a, double b) { return std::memcmp(&a, &b, sizeof(double)) == 0; }

double ParseCsvNumber(absl::string_view field) {
  if (field == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (field == "Inf") return std::numeric_limits<double>::infinity();
  if (field == "-Inf") return -std::numeric_limits<double>::infinity();
  double v = 0;
  EXPECT_TRUE(absl::SimpleAtod(field, &v)) << field;
  return v;
}

TEST(TableToCsv, EveryColumnRoundTripsBitForBit) {
  const Result result = RealResult();
  ASSERT_GT(result.tables_size(), 0);
  for (const Table& table : result.tables()) {
    const absl::StatusOr<std::string> csv = TableToCsv(result, table.name());
    ASSERT_TRUE(csv.ok()) << csv.status();
    std::vector<std::string> lines = absl::StrSplit(*csv, '\n', absl::SkipEmpty());
    ASSERT_EQ(lines.size(), 1u + table.columns(0).values_size()) << table.name();
    const std::vector<std::string> header = absl::StrSplit(lines[0], ',');
    ASSERT_EQ(header.size(), static_cast<size_t>(table.columns_size()));
    for (int c = 0; c < table.columns_size(); ++c) EXPECT_EQ(header[c], table.columns(c).name());
    for (size_t r = 1; r < lines.size(); ++r) {
      const std::vector<std::string> fields = absl::StrSplit(lines[r], ',');
      ASSERT_EQ(fields.size(), header.size());
      for (int c = 0; c < table.columns_size(); ++c) {
        const double expected = table.columns(c).values(r - 1);
        EXPECT_TRUE(SameBits(ParseCsvNumber(fields[c]), expected))
            << table.name() << " row " << r - 1 << " column " << header[c] << ": '" << fields[c]
            << "' vs " << expected;
      }
    }
  }
}

TEST(TableToCsv, SpecialValuesAndErrors) {
  Result result;
  Table* t = result.add_tables();
  t->set_name("t");
  Column* c = t->add_columns();
  c->set_name("x,y");  // needs quoting
  for (double v : {0.1, std::numeric_limits<double>::quiet_NaN(),
                   std::numeric_limits<double>::infinity(),
                   -std::numeric_limits<double>::infinity()}) {
    c->add_values(v);
  }
  const absl::StatusOr<std::string> csv = TableToCsv(result, "");
  ASSERT_TRUE(csv.ok()) << csv.status();
  EXPECT_EQ(*csv, "\"x,y\"\n0.1\nNaN\nInf\n-Inf\n");
  EXPECT_EQ(TableToCsv(result, "u").status().code(), absl::StatusCode::kNotFound);
  result.add_tables()->set_name("u");
  EXPECT_EQ(TableToCsv(result, "").status().code(), absl::StatusCode::kInvalidArgument);
  Column* d = t->add_columns();  // unequal lengths
  d->set_name("z");
  EXPECT_EQ(TableToCsv(result, "t").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ResultToJson, ParsesBackToTheSameMessage) {
  const Result result = RealResult();
  const absl::StatusOr<std::string> json = ResultToJson(result);
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_NE(json->find("\"tables\""), std::string::npos);
  Result parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(*json, &parsed).ok());
  // Serialized bytes compare doubles bit for bit (NaN included).
  EXPECT_EQ(parsed.SerializeAsString(), result.SerializeAsString());
}

TEST(ResultToText, RepeatedNumbersOnOneLine) {
  Result result;
  Column* c = result.add_tables()->add_columns();
  c->set_name("x");
  for (double v : {1.0, 2.5, 3.0}) c->add_values(v);
  EXPECT_NE(ResultToText(result).find("values: [1, 2.5, 3]"), std::string::npos)
      << ResultToText(result);
}

}  // namespace
}  // namespace vev::tools

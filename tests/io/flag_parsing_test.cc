#include "lib/io/flag_parsing.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace vev::io {
namespace {

TEST(ParseIntList, ParsesCommaSeparatedValues) {
  const absl::StatusOr<std::vector<int>> v = ParseIntList("widths", "2, 5,10", 1);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(*v, (std::vector<int>{2, 5, 10}));
}

TEST(ParseIntList, ErrorsNameTheFlag) {
  for (const char* bad : {"", "2,,3", "2,x", "0", "3,-1", "1.5"}) {
    const absl::Status status = ParseIntList("widths", bad, 1).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(std::string(status.message()).find("--widths"), std::string::npos) << status;
  }
}

TEST(ParseDoubleList, RejectsNonFiniteAndBelowMinimum) {
  const absl::StatusOr<std::vector<double>> ok = ParseDoubleList("k", "1,1.8,3", 1.0);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, (std::vector<double>{1.0, 1.8, 3.0}));
  for (const char* bad : {"nan", "inf", "0.5", "1,abc"}) {
    EXPECT_EQ(ParseDoubleList("k", bad, 1.0).status().code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

}  // namespace
}  // namespace vev::io

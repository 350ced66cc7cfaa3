#include "lib/io/result_file.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace vev::io {
namespace {

std::string TempPath(const std::string& name) {
  const char* dir = std::getenv("TEST_TMPDIR");
  return absl::StrCat(dir != nullptr ? dir : "/tmp", "/", name);
}

bool Exists(const std::string& path) { return std::ifstream(path).good(); }

Result MakeResult() {
  Result result;
  result.mutable_spec()->set_experiment("unit");
  result.mutable_spec()->set_seed(42);
  Table* table = result.add_tables();
  table->set_name("t");
  Column* column = table->add_columns();
  column->set_name("x");
  column->add_values(1.5);
  column->add_values(-0.25);
  return result;
}

TEST(ResultFile, RoundTripsAndLeavesNoTemporary) {
  const std::string path = TempPath("roundtrip.pb");
  ASSERT_TRUE(WriteResultFile(MakeResult(), path).ok());
  EXPECT_FALSE(Exists(path + ".tmp"));
  const absl::StatusOr<Result> read = ReadResultFile(path);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->SerializeAsString(), MakeResult().SerializeAsString());
}

TEST(ResultFile, WriteIntoMissingDirectoryFailsWithNotFound) {
  const std::string path = TempPath("no/such/dir/result.pb");
  const absl::Status status = WriteResultFile(MakeResult(), path);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound) << status;
  EXPECT_FALSE(Exists(path));
}

TEST(ResultFile, EmptyPathIsInvalidArgument) {
  EXPECT_EQ(WriteResultFile(MakeResult(), "").code(), absl::StatusCode::kInvalidArgument);
}

TEST(ResultFile, MissingFileIsNotFound) {
  EXPECT_EQ(ReadResultFile(TempPath("missing.pb")).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(ResultFile, GarbageIsDataLoss) {
  const std::string path = TempPath("garbage.pb");
  std::ofstream(path, std::ios::binary) << "\xff\xff\xff\xff not a proto";
  EXPECT_EQ(ReadResultFile(path).status().code(), absl::StatusCode::kDataLoss);
}

TEST(ResultFile, FindTableAndColumnNameWhatExists) {
  const Result result = MakeResult();
  const absl::StatusOr<const Table*> table = FindTable(result, "t");
  ASSERT_TRUE(table.ok());
  EXPECT_TRUE(FindColumn(**table, "x").ok());
  const absl::Status missing = FindColumn(**table, "y").status();
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(std::string(missing.message()).find("columns: x"), std::string::npos) << missing;
  EXPECT_EQ(FindTable(result, "u").status().code(), absl::StatusCode::kNotFound);
}

TEST(ResultFile, TakeTableRemovesTheFirstOfThatNameOnly) {
  Result result;
  for (const char* name : {"a", "raw", "b", "raw"}) {
    Table* t = result.add_tables();
    t->set_name(name);
    t->set_description(absl::StrCat(name, result.tables_size()));
  }
  const absl::StatusOr<Table> taken = TakeTable(result, "raw");
  ASSERT_TRUE(taken.ok()) << taken.status();
  EXPECT_EQ(taken->description(), "raw2");
  ASSERT_EQ(result.tables_size(), 3);
  EXPECT_EQ(result.tables(0).name(), "a");
  EXPECT_EQ(result.tables(1).name(), "b");
  EXPECT_EQ(result.tables(2).description(), "raw4");
  EXPECT_EQ(TakeTable(result, "c").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(result.tables_size(), 3);
}

}  // namespace
}  // namespace vev::io

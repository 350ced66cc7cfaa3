#include "lib/io/experiment_run.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gnu/libc-version.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <zlib.h>

#include "Eigen/Core"
#include "absl/base/config.h"
#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "google/protobuf/stubs/common.h"
#include "lib/base/status_macros.h"
#include "lib/hash/sha256.h"
#include "lib/io/build_flags.h"
#include "lib/io/result_file.h"
#include "lib/io/shards.h"

namespace vev::io {
namespace {

// SHA-256 of the running executable, or "" if it cannot be read.
std::string ExecutableSha256() {
  std::ifstream in("/proc/self/exe", std::ios::binary);
  if (!in) return "";
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return hash::Sha256Hex(bytes);
}

std::string CommitFromGit(const char* workspace) {
  const std::string command = absl::StrCat("git -C '", workspace, "' rev-parse HEAD 2>/dev/null");
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "";
  char buffer[128] = {0};
  std::string out;
  while (std::fgets(buffer, sizeof(buffer), pipe) != nullptr) out += buffer;
  pclose(pipe);
  return std::string(absl::StripAsciiWhitespace(out));
}

// Versions of the shared libraries the binary links, beyond Eigen and protobuf (recorded
// above): from the headers it was compiled against and, where the library can tell, from
// the copy loaded at run time, so that two results differ when a system library changed.
std::vector<std::string> LinkedLibraryVersions() {
  std::vector<std::string> versions;
  versions.push_back(absl::StrCat("Abseil LTS ", ABSL_LTS_RELEASE_VERSION, ".",
                                  ABSL_LTS_RELEASE_PATCH_LEVEL));
  versions.push_back(absl::StrCat("zlib ", ZLIB_VERSION, " (loaded ", zlibVersion(), ")"));
  versions.push_back(absl::StrCat(OPENSSL_VERSION_TEXT, " libcrypto (loaded ",
                                  OpenSSL_version(OPENSSL_VERSION), ")"));
  versions.push_back(absl::StrCat("glibc ", __GLIBC__, ".", __GLIBC_MINOR__, " (loaded ",
                                  gnu_get_libc_version(), ")"));
  versions.push_back(absl::StrCat("libstdc++ ", _GLIBCXX_RELEASE, " (", __GLIBCXX__, ")"));
  return versions;
}

}  // namespace

std::string GitCommit() {
  if (const char* workspace = std::getenv("BUILD_WORKSPACE_DIRECTORY")) {
    const std::string commit = CommitFromGit(workspace);
    if (!commit.empty()) return commit;
  }
  return "unknown";
}

ExperimentRun::ExperimentRun(absl::string_view experiment, int argc, char** argv,
                             absl::Span<const std::string> unrecorded_flags)
    : start_(std::chrono::steady_clock::now()) {
  ExperimentSpec& spec = *result_.mutable_spec();
  spec.set_experiment(std::string(experiment));

  // Every flag the binary itself defines, sorted by name for a stable order.
  std::vector<const absl::CommandLineFlag*> flags;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (absl::StrContains(flag->Filename(), "absl/")) continue;
    if (name == kOutFlag || name == kMergeInputsFlag || name == kMergePartsFlag ||
        name == kShardIndexFlag || name == kShardCountFlag ||
        std::find(unrecorded_flags.begin(), unrecorded_flags.end(), name) !=
            unrecorded_flags.end()) {
      continue;
    }
    flags.push_back(flag);
  }
  std::sort(flags.begin(), flags.end(),
            [](const auto* a, const auto* b) { return a->Name() < b->Name(); });
  for (const absl::CommandLineFlag* flag : flags) {
    Parameter* parameter = spec.add_parameters();
    parameter->set_name(std::string(flag->Name()));
    parameter->set_value(flag->CurrentValue());
    parameter->set_description(flag->Help());
  }

  Provenance& provenance = *result_.mutable_provenance();
  provenance.set_git_commit(GitCommit());
  provenance.set_binary_sha256(ExecutableSha256());
  provenance.set_compiler(absl::StrCat("gcc ", __VERSION__));
  provenance.set_build_flags(kBuildFlags);
  provenance.add_libraries(absl::StrCat("Eigen ", EIGEN_WORLD_VERSION, ".", EIGEN_MAJOR_VERSION,
                                        ".", EIGEN_MINOR_VERSION));
  provenance.add_libraries(absl::StrCat(
      "protobuf ", google::protobuf::internal::VersionString(GOOGLE_PROTOBUF_VERSION)));
  for (std::string& library : LinkedLibraryVersions()) {
    provenance.add_libraries(std::move(library));
  }
  std::vector<std::string> args(argv, argv + argc);
  provenance.set_command_line(absl::StrJoin(args, " "));

  result_.mutable_run()->set_started_utc(
      absl::FormatTime(absl::RFC3339_sec, absl::Now(), absl::UTCTimeZone()));
}

void ExperimentRun::MarkDataUnavailable() {
  AddScalar(kDataUnavailableScalar, 1.0, 0.0,
            "the input data is not available on this machine; nothing was computed");
}

void ExperimentRun::SetRandomizedSpec(absl::string_view scale, uint64_t seed,
                                      absl::string_view rng_scheme) {
  ExperimentSpec& s = spec();
  s.set_scale(std::string(scale));
  s.set_seed(seed);
  s.set_rng_scheme(std::string(rng_scheme));
}

Table* ExperimentRun::AddTable(absl::string_view name, absl::string_view description) {
  Table* table = result_.add_tables();
  table->set_name(std::string(name));
  table->set_description(std::string(description));
  return table;
}

void ExperimentRun::AddScalar(absl::string_view name, double value, double std_error,
                              absl::string_view description) {
  Scalar* scalar = result_.add_scalars();
  scalar->set_name(std::string(name));
  scalar->set_value(value);
  scalar->set_std_error(std_error);
  scalar->set_description(std::string(description));
}

absl::Status ExperimentRun::LoadMergedShards(absl::Span<const std::string> paths) {
  VEV_ASSIGN_OR_RETURN(const Result merged, ReadAndMergeShards(paths));
  return AdoptMerged(merged, kMergeInputsFlag);
}

absl::Status ExperimentRun::LoadMergedParts(absl::Span<const std::string> paths,
                                            absl::string_view split_parameter,
                                            absl::Span<const std::string> item_tables) {
  VEV_ASSIGN_OR_RETURN(const Result merged, ReadAndMergeParts(paths, split_parameter, item_tables));
  return AdoptMerged(merged, kMergePartsFlag);
}

absl::Status ExperimentRun::AdoptMerged(const Result& merged, absl::string_view flag) {
  if (merged.spec().SerializeAsString() != result_.spec().SerializeAsString()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", flag, ": the inputs of '", merged.spec().experiment(),
                     "' were computed with a different spec than this merge run's flags"));
  }
  *result_.mutable_tables() = merged.tables();
  *result_.mutable_scalars() = merged.scalars();
  *result_.mutable_provenance()->mutable_datasets() = merged.provenance().datasets();
  result_.mutable_provenance()->set_git_commit(merged.provenance().git_commit());
  shard_wall_seconds_ = merged.run().wall_seconds();
  return absl::OkStatus();
}

absl::Status ExperimentRun::Write(absl::string_view path, int threads) {
  RunStats& run = *result_.mutable_run();
  run.set_wall_seconds(
      shard_wall_seconds_ +
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
  run.set_threads(threads);
  return WriteResultFile(result_, path);
}

void AddColumn(Table* table, absl::string_view name, absl::string_view unit,
               absl::Span<const double> values) {
  Column* column = table->add_columns();
  column->set_name(std::string(name));
  column->set_unit(std::string(unit));
  column->mutable_values()->Add(values.begin(), values.end());
}

int ExitWithError(const absl::Status& status) {
  if (status.ok()) return 0;
  std::fprintf(stderr, "error: %s\n", status.ToString().c_str());
  return 2;
}

}  // namespace vev::io

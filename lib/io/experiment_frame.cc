#include "lib/io/experiment_frame.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/base/status_macros.h"
#include "lib/io/result_file.h"

ABSL_FLAG(std::string, out, "", "Output result file (binary protobuf). Required.");
ABSL_FLAG(std::string, scale, "default",
          "Scale preset (smoke, default, paper), recorded; the BUILD file maps it to flags.");
ABSL_FLAG(uint64_t, seed, 0,
          "Base seed of every random stream (streams are keyed by item, never by shard or "
          "thread).");
ABSL_FLAG(int, threads, 1, "Worker threads (>= 1); the result does not depend on it.");
ABSL_FLAG(int, shard_index, 0, "Shard to compute (0-based).");
ABSL_FLAG(int, shard_count, 1, "Number of shards the items are split into (>= 1).");
ABSL_FLAG(std::string, merge_inputs, "",
          "Comma-separated shard results to merge, in shard order (then summarize).");
ABSL_FLAG(std::string, merge_parts, "",
          "Comma-separated whole results to merge, one per item of the split list flag, in "
          "order (each run with that one item and otherwise the same flags).");

namespace vev::io {
namespace {

constexpr absl::string_view kFrameFile = "lib/io/experiment_frame.cc";

bool IsHelpArgument(absl::string_view arg) {
  return arg == "--help" || arg == "-help" || arg == "--helpfull" || arg == "-helpfull" ||
         arg == "--helpshort" || arg == "-helpshort" || arg == "-h";
}

// True if argv sets --`name` (any of --name, -name, --name=v, -name=v, --noname).
bool FlagGiven(int argc, char** argv, absl::string_view name) {
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg == "--") break;
    if (!absl::ConsumePrefix(&arg, "--")) {
      if (!absl::ConsumePrefix(&arg, "-")) continue;
    }
    absl::string_view key = arg.substr(0, arg.find('='));
    if (key == name || (absl::ConsumePrefix(&key, "no") && key == name)) return true;
  }
  return false;
}

// The common flags that do not apply to `definition` (rejected when given, not recorded).
std::vector<std::string> InapplicableFlags(const ExperimentDefinition& definition) {
  std::vector<std::string> names;
  if (!definition.default_seed.has_value()) names.push_back("seed");
  if (!definition.default_threads.has_value()) names.push_back("threads");
  if (!definition.sharded) {
    names.insert(names.end(), {kShardIndexFlag, kShardCountFlag, kMergeInputsFlag});
  }
  if (definition.parts_parameter.empty()) names.push_back(kMergePartsFlag);
  return names;
}

bool Contains(const std::vector<std::string>& names, absl::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void PrintFlag(const absl::CommandLineFlag& flag) {
  std::printf("  --%s (default: \"%s\")\n      %s\n", std::string(flag.Name()).c_str(),
              flag.CurrentValue().c_str(), flag.Help().c_str());
}

// --help: the usage, then the binary's own flags, then the common flags that apply.
void PrintHelp(const ExperimentDefinition& definition, const std::vector<std::string>& hidden) {
  std::vector<const absl::CommandLineFlag*> own, common;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (absl::StrContains(flag->Filename(), "absl/")) continue;
    if (absl::EndsWith(flag->Filename(), kFrameFile)) {
      if (!Contains(hidden, name)) common.push_back(flag);
    } else {
      own.push_back(flag);
    }
  }
  auto by_name = [](const auto* a, const auto* b) { return a->Name() < b->Name(); };
  std::sort(own.begin(), own.end(), by_name);
  std::sort(common.begin(), common.end(), by_name);
  std::printf("%s\n\n", definition.usage.c_str());
  if (!own.empty()) std::printf("Flags of %s:\n", definition.name.c_str());
  for (const auto* flag : own) PrintFlag(*flag);
  std::printf("\nFlags of the experiment frame (lib/io/experiment_frame.h):\n");
  for (const auto* flag : common) PrintFlag(*flag);
}

std::vector<std::string> SplitPaths(const std::string& list) {
  std::vector<std::string> paths;
  for (absl::string_view p : absl::StrSplit(list, ',', absl::SkipEmpty())) {
    paths.push_back(ResolveUserPath(p));
  }
  return paths;
}

// Validates the common flags into `context` (before any work starts).
absl::Status ValidateCommonFlags(int argc, char** argv, const ExperimentDefinition& definition,
                                 FrameContext& context, std::string& out) {
  for (const std::string& name : InapplicableFlags(definition)) {
    if (FlagGiven(argc, argv, name)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " does not apply to ", definition.name, " (see --help)"));
    }
  }
  out = ResolveUserPath(absl::GetFlag(FLAGS_out));
  if (out.empty()) return absl::InvalidArgumentError("--out is required");
  VEV_RETURN_IF_ERROR(CheckWritableOutput(kOutFlag, out));
  context.scale = absl::GetFlag(FLAGS_scale);
  context.seed = definition.default_seed.has_value() ? absl::GetFlag(FLAGS_seed) : 0;
  context.threads = absl::GetFlag(FLAGS_threads);
  if (context.threads < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("--threads must be >= 1, got ", context.threads));
  }
  context.shard_index = absl::GetFlag(FLAGS_shard_index);
  context.shard_count = absl::GetFlag(FLAGS_shard_count);
  VEV_RETURN_IF_ERROR(ValidateShardFlags(context.shard_index, context.shard_count));
  const bool merging_shards = !absl::GetFlag(FLAGS_merge_inputs).empty();
  const bool merging_parts = !absl::GetFlag(FLAGS_merge_parts).empty();
  if (merging_shards && merging_parts) {
    return absl::InvalidArgumentError("--merge_inputs and --merge_parts exclude each other");
  }
  if ((merging_shards || merging_parts) && context.shard_count > 1) {
    return absl::InvalidArgumentError(
        "a merge (--merge_inputs, --merge_parts) writes a whole result: drop --shard_count");
  }
  return absl::OkStatus();
}

}  // namespace

namespace internal {

int RunFrame(int argc, char** argv, const ExperimentDefinition& definition,
             absl::FunctionRef<absl::Status()> make_config,
             absl::FunctionRef<absl::Status(const FrameContext&, ExperimentRun&)> compute,
             absl::FunctionRef<absl::Status(const FrameContext&, ExperimentRun&)> summarize) {
  absl::SetProgramUsageMessage(definition.usage);
  if (definition.default_seed.has_value()) absl::SetFlag(&FLAGS_seed, *definition.default_seed);
  if (definition.default_threads.has_value()) {
    absl::SetFlag(&FLAGS_threads, *definition.default_threads);
  }
  const std::vector<std::string> inapplicable = InapplicableFlags(definition);
  for (int i = 1; i < argc && absl::string_view(argv[i]) != "--"; ++i) {
    if (IsHelpArgument(argv[i])) {
      PrintHelp(definition, inapplicable);
      return 0;
    }
  }
  absl::ParseCommandLine(argc, argv);

  FrameContext context;
  context.argv0 = argv[0];
  std::string out;
  absl::Status status = ValidateCommonFlags(argc, argv, definition, context, out);
  if (!status.ok()) return ExitWithError(status);

  if (definition.default_seed.has_value() && definition.rng_scheme.empty()) {
    return ExitWithError(absl::InternalError(absl::StrCat(
        "the definition of ", definition.name, " has a seed but names no RNG scheme")));
  }
  ExperimentRun run(definition.name, argc, argv, inapplicable);
  run.spec().set_shard_index(context.shard_index);
  run.spec().set_shard_count(context.shard_count);
  status = make_config();
  if (!status.ok()) return ExitWithError(status);
  if (definition.default_seed.has_value()) {
    run.SetRandomizedSpec(context.scale, context.seed, definition.rng_scheme);
  } else {
    run.spec().set_scale(context.scale);
  }

  const std::vector<std::string> shard_paths = SplitPaths(absl::GetFlag(FLAGS_merge_inputs));
  const std::vector<std::string> part_paths = SplitPaths(absl::GetFlag(FLAGS_merge_parts));
  if (!shard_paths.empty()) {
    status = run.LoadMergedShards(shard_paths);
  } else if (!part_paths.empty()) {
    status = run.LoadMergedParts(part_paths, definition.parts_parameter,
                                 definition.part_item_tables);
  } else {
    status = compute(context, run);
  }
  if (!status.ok()) return ExitWithError(status);
  if (!context.IsPartialShard() && !IsDataUnavailable(run.result())) {
    status = summarize(context, run);
    if (!status.ok()) return ExitWithError(status);
  }
  return ExitWithError(run.Write(out, context.threads));
}

}  // namespace internal
}  // namespace vev::io

// The figure's data for Fig. 2: collects the per-layer quantile tables of several
// empirical_variance results (one per initializer) into one small result for
// //plots/fig2, leaving the per-network tables (10,000 x 101 values per initializer at
// paper scale) in the experiments' own results, where //claims/fig2 reads them.
//
//   quantile_tables --inputs=a.pb,b.pb,... --out=fig2_quantiles.pb
//
// Copies every table named <init>_quantiles, and adds per input the scalars
// <init>_networks and <init>_distinct_networks (from the input), plus samples and the
// dataset scalars of the first input (e.g. cifar10_train_samples). A result that says
// data_unavailable = 1 makes the output say so too.
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/status_macros.h"
#include "lib/io/experiment_frame.h"
#include "lib/io/result_file.h"
#include "lib/io/user_path.h"

ABSL_FLAG(std::string, inputs, "", "Comma-separated empirical_variance results. Required.");

namespace {

struct Config {
  std::vector<std::string> inputs;
};

absl::StatusOr<Config> ConfigFromFlags() {
  Config c;
  for (absl::string_view p : absl::StrSplit(absl::GetFlag(FLAGS_inputs), ',', absl::SkipEmpty())) {
    c.inputs.push_back(vev::io::ResolveUserPath(p));
  }
  if (c.inputs.empty()) return absl::InvalidArgumentError("--inputs is required");
  return c;
}

absl::Status Compute(const Config& c, const vev::io::FrameContext& frame,
                     vev::io::ExperimentRun& run) {
  bool unavailable = false;
  for (size_t i = 0; i < c.inputs.size(); ++i) {
    VEV_ASSIGN_OR_RETURN(const vev::Result input, vev::io::ReadResultFile(c.inputs[i]));
    if (input.spec().scale() != frame.scale) {
      return absl::InvalidArgumentError(absl::StrCat("--inputs: '", c.inputs[i], "' has scale '",
                                                     input.spec().scale(), "', expected '",
                                                     frame.scale, "'"));
    }
    for (const vev::Table& table : input.tables()) {
      if (absl::EndsWith(table.name(), "_quantiles")) *run.result().add_tables() = table;
    }
    for (const vev::Scalar& scalar : input.scalars()) {
      const bool per_input = absl::EndsWith(scalar.name(), "_networks");
      const bool shared = i == 0 && !absl::StrContains(scalar.name(), "_networks");
      if (scalar.name() == vev::io::kDataUnavailableScalar) {
        if (!unavailable) run.MarkDataUnavailable();
        unavailable = true;
      } else if (per_input || shared) {
        *run.result().add_scalars() = scalar;
      }
    }
    for (const vev::DatasetFile& file : input.provenance().datasets()) {
      if (i == 0) *run.result().mutable_provenance()->add_datasets() = file;
    }
  }
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  vev::io::ExperimentDefinition definition;
  definition.name = "fig2_quantile_tables";
  definition.usage = "Collects Fig. 2's per-layer quantile tables into one result.";
  return vev::io::RunExperiment<Config>(argc, argv, definition,
                                        {ConfigFromFlags, Compute, nullptr});
}

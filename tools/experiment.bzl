"""`vev_experiment`: runs an experiment binary as a build action and keeps its result.

Bazel's action cache is then the result cache: an experiment whose binary, flags and
inputs are unchanged is never recomputed, and a change to any of them reruns exactly the
affected experiments. The same action runs unchanged under remote execution.
"""

def _vev_experiment_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".pb")
    args = ctx.actions.args()
    for flag in ctx.attr.flags:
        args.add(ctx.expand_location(flag, ctx.attr.data))
    args.add("--out=" + out.path)
    ctx.actions.run(
        executable = ctx.executable.binary,
        arguments = [args],
        inputs = ctx.files.data + [ctx.version_file],
        outputs = [out],
        # The volatile status file carries the git commit into the result's provenance;
        # a change of commit alone does not rerun the action.
        env = {"VEV_BUILD_INFO": ctx.version_file.path},
        mnemonic = "Experiment",
        progress_message = "Running experiment %{label}",
    )
    return [DefaultInfo(files = depset([out]))]

vev_experiment = rule(
    implementation = _vev_experiment_impl,
    doc = """Runs `binary` with `flags` plus `--out=<name>.pb`; the output is `<name>.pb`.

    Args:
      binary: the experiment cc_binary; it must accept --out and write a result proto.
      flags: fixed command-line flags; `$(location ...)` of `data` labels is expanded.
      data: input files (datasets) the binary reads; part of the cache key.
    """,
    attrs = {
        "binary": attr.label(executable = True, cfg = "exec", mandatory = True),
        "flags": attr.string_list(),
        "data": attr.label_list(allow_files = True),
    },
)

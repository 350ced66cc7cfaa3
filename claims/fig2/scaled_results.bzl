"""`scaled_results`: experiment results built at a fixed scale preset, for claims tests.

`bazel test //...` runs with the default preset (`--//tools:scale=default`), but the claims
tests must then check the seconds-long smoke results, not rebuild the main job; with
`--config=paper` they must check the paper-scale results. This rule builds its `results`
with `--//tools:scale` set by an outgoing transition: "paper" stays "paper", any other
preset becomes `scale` (default "smoke"). The runfiles paths of the results are unchanged.
"""

def _scale_transition_impl(settings, attr):
    current = settings["//tools:scale"]
    return {"//tools:scale": "paper" if current == "paper" else attr.scale}

_scale_transition = transition(
    implementation = _scale_transition_impl,
    inputs = ["//tools:scale"],
    outputs = ["//tools:scale"],
)

def _scaled_results_impl(ctx):
    files = depset(transitive = [dep[DefaultInfo].files for dep in ctx.attr.results])
    runfiles = ctx.runfiles(transitive_files = files)
    for dep in ctx.attr.results:
        runfiles = runfiles.merge(dep[DefaultInfo].default_runfiles)
    return [DefaultInfo(files = files, runfiles = runfiles)]

scaled_results = rule(
    implementation = _scaled_results_impl,
    doc = """The `results` (vev_experiment targets) built at scale `scale`, or at "paper" when
    the build's preset is "paper".

    Args:
      results: vev_experiment targets.
      scale: the preset used unless the build's preset is "paper" (default "smoke").
    """,
    attrs = {
        "results": attr.label_list(cfg = _scale_transition, mandatory = True),
        "scale": attr.string(default = "smoke", values = ["smoke", "default", "paper"]),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
)

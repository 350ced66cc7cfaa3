"""`vev_experiment`: runs an experiment binary as build actions and keeps its result.

Bazel's action cache is then the result cache: an experiment whose binary, flags and
inputs are unchanged is never recomputed, and a change to any of them reruns exactly the
affected experiments. The same actions run unchanged under remote execution.

The scale preset is one build flag, `--//tools:scale=smoke|default|paper` (`.bazelrc`
has `--config=smoke` and `--config=paper`); each experiment maps it to flags and to a
number of shards. With n > 1 shards, n independent actions each compute a contiguous block
of the experiment's items (`--shard_index=i --shard_count=n`) and one more action merges
them (`--merge_inputs=...`); see lib/io/shards.h for why the result does not depend on n.
"""

SCALES = ["smoke", "default", "paper"]

ScaleInfo = provider(doc = "The selected scale preset.", fields = ["scale"])

def _scale_setting_impl(ctx):
    if ctx.build_setting_value not in SCALES:
        fail("--%s must be one of %s, got '%s'" % (ctx.label, SCALES, ctx.build_setting_value))
    return ScaleInfo(scale = ctx.build_setting_value)

scale_setting = rule(
    implementation = _scale_setting_impl,
    build_setting = config.string(flag = True),
    doc = "The scale preset flag (one of smoke, default, paper).",
)

def _run_experiment(ctx, arguments, inputs, output, progress):
    ctx.actions.run(
        executable = ctx.executable.binary,
        arguments = arguments + ["--out=" + output.path],
        # No workspace-status file among the inputs: its build timestamp would change the
        # action's key for the disk and remote caches on every build. The result's
        # provenance identifies the code by the binary's SHA-256 instead.
        inputs = inputs + ctx.files.data,
        outputs = [output],
        mnemonic = "Experiment",
        progress_message = progress,
    )

def _vev_experiment_impl(ctx):
    scale = ctx.attr._scale[ScaleInfo].scale
    for key in list(ctx.attr.scale_flags.keys()) + list(ctx.attr.shards.keys()):
        if key not in SCALES:
            fail("scale '%s' is not one of %s" % (key, SCALES))
    flags = [ctx.expand_location(f, ctx.attr.data) for f in ctx.attr.flags]
    flags += [ctx.expand_location(f, ctx.attr.data) for f in ctx.attr.scale_flags.get(scale, [])]
    flags.append("--scale=" + scale)
    shard_count = int(ctx.attr.shards.get(scale, "1"))
    # Each scale's results have their own paths (bazel-bin/<package>/<scale>/<name>.pb), so
    # smoke results of `bazel test` never sit where the main job's results are read.
    out = ctx.actions.declare_file("%s/%s.pb" % (scale, ctx.label.name))

    if shard_count == 1:
        _run_experiment(ctx, flags, [], out, "Running experiment %s (%s scale)" % (ctx.label, scale))
    else:
        shard_files = []
        for i in range(shard_count):
            shard = ctx.actions.declare_file(
                "%s/%s.shards/%d-of-%d.pb" % (scale, ctx.label.name, i, shard_count),
            )
            _run_experiment(
                ctx,
                flags + ["--shard_index=%d" % i, "--shard_count=%d" % shard_count],
                [],
                shard,
                "Running experiment %s, shard %d/%d (%s scale)" % (ctx.label, i + 1, shard_count, scale),
            )
            shard_files.append(shard)
        _run_experiment(
            ctx,
            flags + ["--merge_inputs=" + ",".join([f.path for f in shard_files])],
            shard_files,
            out,
            "Merging %d shards of %s" % (shard_count, ctx.label),
        )
    # In the runfiles (tests, `bazel run`), the result of the build's scale also appears at
    # the scale-neutral path <package>/<name>.pb: a claim test reads "the results", and
    # `bazel test --config=default` points it at the main job's.
    neutral = "%s/%s.pb" % (ctx.label.package, ctx.label.name)
    runfiles = ctx.runfiles(files = [out], symlinks = {neutral: out})
    return [DefaultInfo(files = depset([out]), runfiles = runfiles)]

vev_experiment = rule(
    implementation = _vev_experiment_impl,
    doc = """Runs `binary` and writes its result as `<scale>/<name>.pb` in the package's output
    folder (e.g. bazel-bin/experiments/vanishing_variance/fig2/default/fig2_gsm.pb); in the
    runfiles also as `<name>.pb`, the result of the build's scale.

    Args:
      binary: the experiment cc_binary; it must accept --out and --scale, and, when
        sharded, --shard_index, --shard_count and --merge_inputs (lib/io/shards.h).
      flags: fixed command-line flags for every scale; `$(location ...)` of `data`
        labels is expanded.
      scale_flags: extra flags per scale preset, e.g. {"smoke": ["--networks=20"]}.
      shards: number of shard actions per scale preset (as strings), default 1.
      data: input files (datasets) the binary reads; part of the cache key.
    """,
    attrs = {
        "binary": attr.label(executable = True, cfg = "exec", mandatory = True),
        "flags": attr.string_list(),
        "scale_flags": attr.string_list_dict(),
        "shards": attr.string_dict(),
        "data": attr.label_list(allow_files = True),
        "_scale": attr.label(default = "//tools:scale"),
    },
)

"""`vev_report`: the evaluator's HTML report of one scale, from figures, results and claims.

The results shown in the provenance are found from the figures and the claims: an aspect
walks each figure's `results`/`named_results` and each experiment's `data`, and collects
every vev_experiment output on the way (so a new figure brings its results along).
"""

load("//tools:experiment.bzl", "ScaleInfo")

ReportResultsInfo = provider(
    doc = "Result files (label string -> File) reachable from a target.",
    fields = ["results"],
)

def _results_aspect_impl(target, ctx):
    results = {}
    for attr in ["results", "data"]:
        for dep in getattr(ctx.rule.attr, attr, []):
            if ReportResultsInfo in dep:
                results.update(dep[ReportResultsInfo].results)
    named = getattr(ctx.rule.attr, "named_results", {})
    for dep in (named.keys() if type(named) == "dict" else []):
        if ReportResultsInfo in dep:
            results.update(dep[ReportResultsInfo].results)
    if ctx.rule.kind == "vev_experiment":
        for f in target.files.to_list():
            if f.extension == "pb":
                results[str(target.label)] = f
    return [ReportResultsInfo(results = results)]

_results_aspect = aspect(
    implementation = _results_aspect_impl,
    attr_aspects = ["results", "named_results", "data"],
)

def _vev_report_impl(ctx):
    scale = ctx.attr._scale[ScaleInfo].scale
    prefix = "%s/%s" % (ctx.attr.out_prefix, scale) if ctx.attr.out_prefix else scale
    index = ctx.actions.declare_file(prefix + "/index.html")
    results = {}
    for t in ctx.attr.figures + [ctx.attr.claims]:
        results.update(t[ReportResultsInfo].results)
    # The claims result is listed in the provenance too.
    claims_files = [f for f in ctx.attr.claims.files.to_list() if f.extension == "pb"]
    if len(claims_files) != 1:
        fail("claims must give exactly one .pb file")
    outputs = [index]
    figure_args = []
    figure_inputs = []
    for t in ctx.attr.figures:
        pngs = [f for f in t[DefaultInfo].files.to_list() if f.extension == "png"]
        if len(pngs) != 1:
            fail("%s: expected one PNG among its files" % t.label)
        outputs.append(ctx.actions.declare_file("%s/%s.png" % (prefix, t.label.name)))
        figure_args.append("%s=%s" % (t.label.name, pngs[0].path))
        figure_inputs.append(pngs[0])
    labels = sorted(results.keys())
    args = ctx.actions.args()
    args.add("--template_file=" + ctx.file.template.path)
    args.add("--claims=" + claims_files[0].path)
    args.add("--scale=" + scale)
    args.add("--out_dir=" + index.dirname)
    args.add("--results=" + ",".join(["%s=%s" % (l, results[l].path) for l in labels]))
    args.add("--figures=" + ",".join(figure_args))
    ctx.actions.run(
        executable = ctx.executable._tool,
        arguments = [args],
        inputs = [ctx.file.template] + claims_files + [results[l] for l in labels] + figure_inputs,
        outputs = outputs,
        mnemonic = "Report",
        progress_message = "Writing the report (%s scale)" % scale,
    )
    return [DefaultInfo(files = depset(outputs), runfiles = ctx.runfiles(files = outputs))]

vev_report = rule(
    implementation = _vev_report_impl,
    doc = """Writes [<out_prefix>/]<scale>/index.html and <figure>.png beside it.

    Args:
      figures: gnuplot_figure targets; each one's PNG (from its DefaultInfo) is copied
        beside the page under the target's name.
      claims: the claims result (//claims:claims).
      template: the page template (tools/report/template.html).
      out_prefix: folder inside the package's output folder, e.g. "report".
    """,
    attrs = {
        "figures": attr.label_list(aspects = [_results_aspect], mandatory = True),
        "claims": attr.label(aspects = [_results_aspect], mandatory = True),
        "template": attr.label(allow_single_file = [".html"], mandatory = True),
        "out_prefix": attr.string(default = ""),
        "_scale": attr.label(default = "//tools:scale"),
        "_tool": attr.label(default = "//tools/report", executable = True, cfg = "exec"),
    },
)

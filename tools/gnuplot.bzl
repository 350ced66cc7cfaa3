"""`gnuplot_figure`: result protos -> data tables -> gnuplot -> PDF, PNG and SVG."""

load("//tools:experiment.bzl", "ScaleInfo")

_TERMINALS = {
    "pdf": "pdfcairo enhanced color font 'Helvetica,9' size %din,%din",
    "png": "pngcairo enhanced color font 'Helvetica,9' size %d,%d",
    "svg": "svg enhanced font 'Helvetica,9' size %d,%d background '#ffffff'",
}

_PLOT_COMMAND = """
if grep -E '^([A-Za-z0-9_]+_)?data_unavailable = 1$' "$3/meta.gp" | grep -Evq '^(col|rows)_'; then
  gnuplot -e "$1; set label 1 'dataset not available on this machine: nothing was computed (data_unavailable = 1)' at graph 0.5, 0.5 center noenhanced; unset border; unset tics; unset key; plot [0:1][0:1] NaN"
else
  gnuplot -e "$1" "$2"
fi
"""

def _gnuplot_figure_impl(ctx):
    # Figures of each scale have their own paths, like the results they plot
    # (bazel-bin/<package>/<scale>/<name>.pdf).
    scale = ctx.attr._scale[ScaleInfo].scale
    tables = ctx.actions.declare_directory("%s/%s_tables" % (scale, ctx.label.name))
    args = ctx.actions.args()
    args.add("--out_dir=" + tables.path)
    args.add_all(ctx.files.results)
    named_files = []
    for target, name in ctx.attr.named_results.items():
        for f in target.files.to_list():
            args.add("%s=%s" % (name, f.path))
            named_files.append(f)
    ctx.actions.run(
        executable = ctx.executable._converter,
        arguments = [args],
        inputs = ctx.files.results + named_files,
        outputs = [tables],
        mnemonic = "ResultTables",
        progress_message = "Writing data tables for %{label}",
    )

    outputs = [tables]
    width_in, height_in = ctx.attr.size_inches
    for fmt, terminal in _TERMINALS.items():
        out = ctx.actions.declare_file("%s/%s.%s" % (scale, ctx.label.name, fmt))
        if fmt == "pdf":
            term = terminal % (width_in, height_in)
        else:
            term = terminal % (int(width_in * 120), int(height_in * 120))
        preamble = "set terminal %s; set output '%s'; tables = '%s'" % (term, out.path, tables.path)
        ctx.actions.run_shell(
            # A result that says data_unavailable = 1 (no dataset on this machine, e.g.
            # `bazel test` on a fresh machine) has nothing to plot: the figure then says so
            # instead of failing on missing tables. (Column indices and row counts,
            # col_... and rows_..., are not such a scalar.)
            command = _PLOT_COMMAND,
            arguments = [preamble, ctx.file.script.path, tables.path],
            inputs = [tables, ctx.file.script],
            outputs = [out],
            use_default_shell_env = True,
            mnemonic = "Gnuplot",
            progress_message = "Plotting %s (%s)" % (ctx.label, fmt),
        )
        outputs.append(out)
    return [DefaultInfo(files = depset(outputs), runfiles = ctx.runfiles(files = outputs))]

gnuplot_figure = rule(
    implementation = _gnuplot_figure_impl,
    doc = """Plots result files with a gnuplot script, as <scale>/<name>.pdf/.png/.svg.

    The results' tables are written by //tools:result_to_tables to the directory
    <scale>/<name>_tables/ (one <table>.dat per table, a header line of column names, and meta.gp
    defining the results' scale and git commit, their scalars, and for every table
    rows_<table> and col_<table>_<column>, its column's 1-based index). The script gets the
    variable `tables` (that directory), loads meta.gp, names columns by these variables
    (`using col_runs_depth:col_runs_test_accuracy`, or col(table, column) for names it
    builds) instead of numbers, and must not set the terminal or output.

    Several results whose tables share names go in `named_results`: result NAME's tables
    are written to <name>_tables/NAME/ and its scalars are defined in meta.gp as
    NAME_<scalar>.

    Args:
      results: vev_experiment targets (or .pb files), tables written at the top level.
      named_results: {vev_experiment target: NAME}, tables written under NAME/.
      script: the gnuplot script.
      size_inches: [width, height] of the figure.
    """,
    attrs = {
        "results": attr.label_list(allow_files = [".pb"]),
        "named_results": attr.label_keyed_string_dict(allow_files = [".pb"]),
        "script": attr.label(allow_single_file = [".gp"], mandatory = True),
        "size_inches": attr.int_list(default = [9, 5]),
        "_scale": attr.label(default = "//tools:scale"),
        "_converter": attr.label(
            default = "//tools:result_to_tables",
            executable = True,
            cfg = "exec",
        ),
    },
)

# Fig. 2 of the activation paper: histograms of h_2 (phi = 1/z, N = 1000) for nine random
# initializations, each over +-4 of its own conditional sd s_k, with N(0, s_k^2) (red: the
# law of h_2 given h_1) and the Cauchy(0, sqrt(N)) marginal (green, dashed). Panel titles
# give s_k / sqrt(N), the IQR in units of 2 sqrt(N) (the value for independent Cauchy values)
# and min |h_1|: a tiny |h_1| makes every |h_2| of that initialization large together.
# Inputs: `tables` (directory from result_to_tables), terminal and output set by the rule.
load tables."/meta.gp"

scales = tables."/dependence_scales.dat"
summary = tables."/dependence_summary.dat"
stats summary using col_dependence_summary_shown_sd_log_iqr nooutput
shown_sd = STATS_max
stats summary using col_dependence_summary_sd_log_iqr nooutput
many_sd = STATS_max
stats summary using col_dependence_summary_control_sd_log_iqr nooutput
control_sd = STATS_max
# One panel per row of dependence_scales (nine: 3 x 3).
shown = rows_dependence_scales
layout_columns = int(ceil(sqrt(shown)))

set multiplot layout int(ceil(shown / real(layout_columns))), layout_columns title sprintf("h_2 for %d initializations, {/Symbol f}(z) = 1/z, N = 1000 (Fig. 2). sd of log IQR: %.2f here, %.3f over many initializations, %.3f for i.i.d. Cauchy values   [scale: %s, commit %.10s]", shown, shown_sd, many_sd, control_sd, scale, git_commit) font ",10"
set key top right font ",7" opaque
set grid
set style fill solid 0.35 noborder
set format x "%.0f"
set xtics font ",7"
set ytics font ",7"
set format y "%.3g"
do for [k = 1:shown] {
  row = k - 1
  stats scales every ::row::row using col_dependence_scales_conditional_sd_over_sqrt_n nooutput
  s = STATS_max
  stats scales every ::row::row using col_dependence_scales_iqr_over_2sqrt_n nooutput
  iqr = STATS_max
  stats scales every ::row::row using col_dependence_scales_min_abs_h1 nooutput
  h1 = STATS_max
  hist = sprintf("dependence_hist_%d", k)
  curve = sprintf("dependence_curve_%d", k)
  set title sprintf("init %d: s/{/Symbol \326}N = %.2f, IQR/(2{/Symbol \326}N) = %.2f, min|h_1| = %.1e", \
                    k, s, iqr, h1) font ",8"
  plot sprintf("%s/%s.dat", tables, hist) using col(hist, "x"):col(hist, "density") \
         with boxes lc rgb "#4a6fa5" notitle, \
       sprintf("%s/%s.dat", tables, curve) using col(curve, "x"):col(curve, "gaussian") \
         with lines lw 2 lc rgb "#d02020" title (k == 1 ? "N(0, s^2) given h_1" : ""), \
       "" using col(curve, "x"):col(curve, "cauchy") with lines lw 2 dt 2 lc rgb "#1a9a1a" \
         title (k == 1 ? "Cauchy(0, {/Symbol \326}N) marginal" : "")
}
unset multiplot

# Fig. 1 of the activation paper (Proposition 9): histograms of all values of h_2 for
# phi(z) = 1/z, x_0 = ones, sigma_w = 1, sigma_b = 0, with the Cauchy(0, sqrt(N)) density
# (green) and the Gaussian fitted to the data (red); one panel per width N. Densities count
# every value, so the bars are comparable with the full densities on the clipped range.
# Inputs: `tables` (directory from result_to_tables), terminal and output set by the rule.
load tables."/meta.gp"

widths = "10 100 1000"
panel = "abc"
fit = tables."/cauchy_fit.dat"

set multiplot layout 1, 3 title sprintf("Histograms of h_2 for {/Symbol f}(z) = 1/z with Cauchy(0, {/Symbol \326}N) and a fitted Gaussian (Fig. 1, Proposition 9)   [scale: %s, commit %.10s]", scale, git_commit)
set key top right font ",8" box opaque
set grid
set xlabel "h_2"
set ylabel "density"
set style fill solid 0.35 noborder
do for [i = 1:words(widths)] {
  n = word(widths, i)
  row = i - 1
  stats fit every ::row::row using col_cauchy_fit_values nooutput
  values = STATS_max
  stats fit every ::row::row using col_cauchy_fit_ks_cauchy nooutput
  ks_c = STATS_max
  stats fit every ::row::row using col_cauchy_fit_ks_gaussian nooutput
  ks_g = STATS_max
  stats fit every ::row::row using col_cauchy_fit_outside_fraction nooutput
  outside = STATS_max
  hist = "cauchy_hist_N".n
  curve = "cauchy_curve_N".n
  set title sprintf("(%s) N = %s, %d initializations (%.1f%% of values outside the range)", \
                    substr(panel, i, i), n, values / n, 100 * outside) font ",9"
  plot sprintf("%s/%s.dat", tables, hist) using col(hist, "x"):col(hist, "density") \
         with boxes lc rgb "#4a6fa5" title "h_2, all values", \
       sprintf("%s/%s.dat", tables, curve) using col(curve, "x"):col(curve, "cauchy") \
         with lines lw 2 lc rgb "#1a9a1a" \
         title sprintf("Cauchy(0, {/Symbol \326}N): KS = %.3f", ks_c), \
       "" using col(curve, "x"):col(curve, "gaussian") with lines lw 2 lc rgb "#d02020" \
         title sprintf("fitted Gauss(0, {/Symbol s}^2): KS = %.3f", ks_g)
}
unset multiplot

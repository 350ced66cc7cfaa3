# Theorem 2 of the activation paper: the median over networks of the relative distance
# |q_l - q~_l| / q~_l of the length process to the length map over N (bars: 1-SE band of the
# median), for layers 1, 2, 5, 10 of six permissible configurations, with an N^(-1/2)
# guide (convergence in probability = every quantile of the distance goes to 0); phi = 1/z, whose length map is
# undefined after layer 1: the quartiles of q_2 / N (Levy(0, 1) in the limit: q_2 grows like
# N) and of q_3 (a squared standard Cauchy at every N: no concentration); and the length
# maps themselves. The configurations are those of
# //experiments/activation_distribution:theorem2_length_map, in order.
# Inputs: `tables` (directory from result_to_tables), terminal and output set by the rule.
load tables."/meta.gp"

titles = "'ReLU, {/Symbol s}_w = {/Symbol \326}2, {/Symbol s}_b = 0' 'ReLU, {/Symbol s}_w = 1, {/Symbol s}_b = 0.5' 'tanh, {/Symbol s}_w = 1, {/Symbol s}_b = 0' 'tanh, {/Symbol s}_w = 2.5, {/Symbol s}_b = 0.3' 'z + z^2/4, {/Symbol s}_w = 0.9, {/Symbol s}_b = 0.1' 'z + z^2/4, {/Symbol s}_w = 0.7, {/Symbol s}_b = 0.3'"
layers = "1 2 5 10"
colors = "#1f5fa8 #d0701a #2a9a3a #b02a8a"

qt = "q\314\203"  # q with a combining tilde (UTF-8 U+0303): the length map
set multiplot layout 2, 4 title sprintf("Theorem 2: the length process q_l converges in probability to the length map %s_l as N grows (permissible {/Symbol f}), not for {/Symbol f}(z) = 1/z   [scale: %s, commit %.10s]", qt, scale, git_commit)
set grid
set logscale xy
set format y "10^{%L}"
set format x "10^{%L}"
set xlabel "width N"
set key bottom left font ",7" opaque
set ylabel sprintf("median of |q_l - %s_l| / %s_l", qt, qt)
# Columns of length_error_c<i>.dat for layer l: the median median_abs_l<l> and its 1-SE
# band median_abs_lo_l<l>, median_abs_hi_l<l>.
med(t, l, what) = col(t, sprintf("median_abs%s_l%s", what, l))  # l: a string
do for [c = 0:5] {
  table = sprintf("length_error_c%d", c)
  file = sprintf("%s/%s.dat", tables, table)
  stats file every ::0::0 using (column(med(table, "1", ""))) nooutput
  anchor = STATS_max * sqrt(10.0)
  set title word(titles, c + 1) font ",9"
  plot for [i = 1:words(layers)] file \
         using col(table, "width"):(column(med(table, word(layers, i), ""))) \
         :(column(med(table, word(layers, i), "_lo"))):(column(med(table, word(layers, i), "_hi"))) \
         with yerrorlines pt 7 ps 0.5 lc rgb word(colors, i) title sprintf("layer %s", word(layers, i)), \
       anchor / sqrt(x) with lines dt 2 lc rgb "black" title "{/Symbol \265} N^{-1/2}"
}

set title "1/z: q_2 / N and q_3 do not concentrate (q_2 grows like N); length map undefined after layer 1" font ",8"
set xrange [7:20000]
set ylabel "quartiles over networks"
set key top right font ",7" opaque
file = sprintf("%s/length_quantiles_c6.dat", tables)
width_col = col_length_quantiles_c6_width
# Levy(0, 1) quartiles 0.7557, 2.198, 9.849; squared standard Cauchy: 0.1716, 1, 5.828.
plot file using width_col:(column(col_length_quantiles_c6_q2_p50) / column(width_col)) \
       :(column(col_length_quantiles_c6_q2_p25) / column(width_col)) \
       :(column(col_length_quantiles_c6_q2_p75) / column(width_col)) \
       with yerrorlines pt 7 ps 0.5 lc rgb "#1f5fa8" title "q_2 / N (median, quartiles)", \
     file using (column(width_col) * 1.15):col_length_quantiles_c6_q3_p50 \
       :col_length_quantiles_c6_q3_p25:col_length_quantiles_c6_q3_p75 \
       with yerrorlines pt 5 ps 0.5 lc rgb "#d0701a" \
       title "q_3 (median, quartiles)", \
     2.198 with lines dt 2 lc rgb "#1f5fa8" title "Levy(0,1) median", \
     1.0 with lines dt 2 lc rgb "#d0701a" title "Cauchy^2 median"

set title sprintf("the length maps %s_l", qt) font ",9"
unset logscale x
set format x "%g"
set xlabel "layer l"
set ylabel sprintf("%s_l", qt)
set key bottom left font ",6" opaque
set xrange [0:10]
map(c) = sprintf("length_map_c%d", c)
plot for [c = 0:5] sprintf("%s/%s.dat", tables, map(c)) \
       using col(map(c), "layer"):col(map(c), "q_tilde") with linespoints \
       pt 7 ps 0.4 title word(titles, c + 1)
unset multiplot

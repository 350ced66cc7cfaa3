# Sec. 5: the distribution of S_n^2 / sigma^2 at several depths: empirical CDFs (n values
# from independent networks, or from one shared network) against the Gamma(DF/2, 2/DF)
# approximation with kappa_l from Proposition 3 (dashed), log x axis.
# Inputs: `tables` (directory from result_to_tables), terminal and output set by the rule.
load tables."/meta.gp"

sims = "independent_n10 independent_n100 shared_n100"
# Titles from the tables' names (<independent|shared>_n<n>), so that they state the n plotted.
n_of(s) = s[strstrt(s, "_n") + 2:]
sim_title(s) = sprintf("%s, n = %s", strstrt(s, "shared") == 1 ? "shared network" : "independent", n_of(s))
colors = "#1f5fa8 #2a9a3a #d0701a"
file(s) = sprintf("%s/cdf_%s.dat", tables, s)
c(s, name, j) = col("cdf_".s, sprintf("%s_l%d", name, layer(j)))
panels = int(plot_layer_count)
layer(j) = j == 1 ? plot_layer_1 : j == 2 ? plot_layer_2 : j == 3 ? plot_layer_3 : j == 4 ? plot_layer_4 : j == 5 ? plot_layer_5 : plot_layer_6

set multiplot layout 2, (panels + 1) / 2 title sprintf("Sec. 5: CDF of S_n^2 / {/Symbol s}^2 vs the Gamma approximation, width 10, he\\_normal   [scale: %s, commit %.10s]", scale, git_commit)
set grid
set logscale x
set format x "10^{%L}"
set xlabel "S_n^2 / {/Symbol s}^2"
set yrange [-0.02:1.02]
set key top left font ",7" opaque
do for [j = 1:panels] {
  set title sprintf("layer %d", layer(j)) font ",10"
  plot for [i = 1:3] file(word(sims, i)) \
         using col("cdf_".word(sims, i), "x"):(column(c(word(sims, i), "ecdf", j))) \
         with steps lw 1.5 lc rgb word(colors, i) title sim_title(word(sims, i)), \
       file("independent_n10") \
         using col("cdf_independent_n10", "x"):(column(c("independent_n10", "gamma", j))) \
         with lines lw 1.5 dt 2 lc rgb word(colors, 1) title "Gamma, n = ".n_of("independent_n10"), \
       file("independent_n100") \
         using col("cdf_independent_n100", "x"):(column(c("independent_n100", "gamma", j))) \
         with lines lw 1.5 dt 2 lc rgb word(colors, 2) title "Gamma, n = ".n_of("independent_n100")
}
unset multiplot

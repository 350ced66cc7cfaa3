# Sec. 5: the density of log10(S_n^2 / sigma^2) at several depths, n = 100: histograms of
# the simulation (independent networks, or one shared network) against the density of the
# Gamma(DF/2, 2/DF) approximation with kappa_l from Proposition 3. Mass outside the axis
# (e.g. S^2 = 0 exactly when a layer of a network is dead) is counted in the normalization.
# Inputs: `tables` (directory from result_to_tables), terminal and output set by the rule.
load tables."/meta.gp"

sims = "independent_n100 shared_n100"
# Titles from the tables' names (<independent|shared>_n<n>), so that they state the n plotted.
n_of(s) = s[strstrt(s, "_n") + 2:]
sim_title(s) = sprintf("%s, n = %s", strstrt(s, "shared") == 1 ? "shared network" : "independent", n_of(s))
colors = "#2a9a3a #d0701a"
file(s) = sprintf("%s/density_%s.dat", tables, s)
c(s, name, j) = col("density_".s, sprintf("%s_l%d", name, layer(j)))
panels = int(plot_layer_count)
layer(j) = j == 1 ? plot_layer_1 : j == 2 ? plot_layer_2 : j == 3 ? plot_layer_3 : j == 4 ? plot_layer_4 : j == 5 ? plot_layer_5 : plot_layer_6

set multiplot layout 2, (panels + 1) / 2 title sprintf("Sec. 5: density of log_{10}(S_n^2 / {/Symbol s}^2), n = %s, vs the Gamma approximation, width 10, he\\_normal   [scale: %s, commit %.10s]", n_of("independent_n100"), scale, git_commit)
set grid
set xlabel "log_{10}(S_n^2 / {/Symbol s}^2)"
set ylabel "density"
set key top left font ",7" opaque
do for [j = 1:panels] {
  set title sprintf("layer %d", layer(j)) font ",10"
  plot for [i = 1:2] file(word(sims, i)) \
         using col("density_".word(sims, i), "u"):(column(c(word(sims, i), "hist", j))) \
         with steps lw 1.5 lc rgb word(colors, i) title sim_title(word(sims, i)), \
       file("independent_n100") \
         using col("density_independent_n100", "u"):(column(c("independent_n100", "gamma", j))) \
         with lines lw 1.5 dt 2 lc rgb "black" title "Gamma(DF/2, 2/DF), n = ".n_of("independent_n100")
}
unset multiplot

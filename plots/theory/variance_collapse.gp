# Sec. 5, the collapse of the empirical variance (issue 5, item 3), width-10 he_normal
# networks with N(0, I) inputs, so the theoretical variance sigma^2 of every layer is 1.
# Left: P(S_n^2 < 10^-3) over depth, simulated (points, binomial 1-SE bars) for n values
# from n independent networks ("independent", the setting of Sec. 5's formulas) or from one
# network and n inputs ("shared", the setting of Fig. 2), against the Gamma(DF/2, 2/DF)
# approximation with kappa_l from Proposition 3 (lines). Right: the median of S_n^2 and its
# mean E[S_n^2] (points with 1-SE bars where informative) against sigma^2 = 1.
# Inputs: `tables` (directory from result_to_tables), terminal and output set by the rule.
load tables."/meta.gp"

sims = "independent_n10 independent_n100 shared_n100 shared_n1000"
# Titles from the tables' names (<independent|shared>_n<n>), so that they state the n plotted.
n_of(s) = s[strstrt(s, "_n") + 2:]
sim_title(s) = sprintf("%s, n = %s", strstrt(s, "shared") == 1 ? "shared network" : "independent", n_of(s))
colors = "#1f5fa8 #2a9a3a #d0701a #a02a8a"
points = "7 7 7 6"
sizes = "0.4 0.4 0.4 0.8"
file(s) = sprintf("%s/layers_%s.dat", tables, s)
c(s, name) = col("layers_".s, name)

set multiplot layout 1, 2 title sprintf("Sec. 5: the empirical variance S_n^2 of unit 0 collapses while {/Symbol s}^2 = 1, width 10, he\\_normal   [scale: %s, commit %.10s]", scale, git_commit)
set grid
set xlabel "layer l"
set key font ",8" opaque

set title "P(S_n^2 < 10^{-3})" font ",10"
set key bottom right
set yrange [-0.02:1.02]
plot for [i = 1:4] file(word(sims, i)) \
       using c(word(sims, i), "layer"):c(word(sims, i), "below"):c(word(sims, i), "below_se") \
       with yerrorbars \
       pt (word(points, i) + 0) ps (word(sizes, i) + 0) lc rgb word(colors, i) \
       title "simulation, ".sim_title(word(sims, i)), \
     file("independent_n10") \
       using c("independent_n10", "layer"):c("independent_n10", "below_gamma") \
       with lines lw 1.5 dt 2 lc rgb word(colors, 1) title "Gamma approximation, n = ".n_of("independent_n10"), \
     file("independent_n100") \
       using c("independent_n100", "layer"):c("independent_n100", "below_gamma") \
       with lines lw 1.5 dt 2 lc rgb word(colors, 2) \
       title "Gamma approximation, n = ".n_of("independent_n100")

set title "median and mean of S_n^2 / {/Symbol s}^2" font ",10"
set key bottom left
set logscale y
set format y "10^{%L}"
set yrange [*:10]
plot 1 with lines lw 2 lc rgb "black" title "theoretical variance {/Symbol s}^2 = 1", \
     for [i = 1:4] file(word(sims, i)) using c(word(sims, i), "layer"):c(word(sims, i), "median") \
       with lines lw 1.5 lc rgb word(colors, i) title "median, ".sim_title(word(sims, i)), \
     for [i = 1:4] file(word(sims, i)) \
       using c(word(sims, i), "layer"):c(word(sims, i), "mean_plot"):c(word(sims, i), "mean_se_plot") \
       with yerrorbars pt 7 ps 0.4 lc rgb word(colors, i) notitle
unset multiplot

# Sec. 5: Var[S_n^2] = (kappa_l - (n-3)/(n-1)) sigma^4 / n with kappa_l from Proposition 3
# (lines) against simulation (points with 1-SE bars where informative, hollow beyond), for
# n independent values; values from one shared network (crosses) for contrast. Middle: E[S_n^2]
# (1 for independent values). Right: Kolmogorov-Smirnov distance between the simulated
# S_n^2 and the Gamma(DF/2, 2/DF) approximation.
# Inputs: `tables` (directory from result_to_tables), terminal and output set by the rule.
load tables."/meta.gp"

ns = "10 100"
colors = "#1f5fa8 #2a9a3a"
shared_colors = "#d0701a #a02a8a"
ind(n) = sprintf("%s/layers_independent_n%s.dat", tables, n)
sh(n) = sprintf("%s/layers_shared_n%s.dat", tables, n)
ci(n, name) = col("layers_independent_n".n, name)
cs(n, name) = col("layers_shared_n".n, name)

set multiplot layout 1, 3 title sprintf("Sec. 5: moments of the empirical variance S_n^2 over depth, width 10, he\\_normal, {/Symbol s}^2 = 1   [scale: %s, commit %.10s]", scale, git_commit)
set grid
set xlabel "layer l"
set key top left font ",7" opaque

set title "Var[S_n^2]" font ",10"
set logscale y
set format y "10^{%L}"
set xrange [0:30]
plot for [i = 1:2] ind(word(ns, i)) using ci(word(ns, i), "layer"):ci(word(ns, i), "variance_theory") \
       with lines lw 1.5 lc rgb word(colors, i) title sprintf("formula, n = %s", word(ns, i)), \
     for [i = 1:2] ind(word(ns, i)) using ci(word(ns, i), "layer"):ci(word(ns, i), "variance_plot") \
         :ci(word(ns, i), "variance_se_plot") with yerrorbars pt 7 ps 0.5 lc rgb word(colors, i) \
       title sprintf("independent, n = %s", word(ns, i)), \
     for [i = 1:2] ind(word(ns, i)) using ci(word(ns, i), "layer") \
         :(column(ci(word(ns, i), "informative")) == 0 ? column(ci(word(ns, i), "variance")) : NaN) \
       with points pt 6 ps 0.5 lc rgb word(colors, i) notitle, \
     for [i = 1:2] sh(word(ns, i)) using cs(word(ns, i), "layer"):cs(word(ns, i), "variance") \
       with points pt 2 ps 0.5 lc rgb word(shared_colors, i) \
       title sprintf("shared network, n = %s", word(ns, i))

set title "E[S_n^2]" font ",10"
set xrange [*:*]
set key bottom left
plot 1 with lines lw 2 lc rgb "black" title "{/Symbol s}^2 = 1", \
     for [i = 1:2] ind(word(ns, i)) using ci(word(ns, i), "layer"):ci(word(ns, i), "mean_plot") \
         :ci(word(ns, i), "mean_se_plot") with yerrorbars pt 7 ps 0.5 lc rgb word(colors, i) \
       title sprintf("independent, n = %s", word(ns, i)), \
     for [i = 1:2] ind(word(ns, i)) using ci(word(ns, i), "layer") \
         :(column(ci(word(ns, i), "mean_informative")) == 0 ? column(ci(word(ns, i), "mean")) : NaN) \
       with points pt 6 ps 0.5 lc rgb word(colors, i) notitle, \
     for [i = 1:2] sh(word(ns, i)) using cs(word(ns, i), "layer"):cs(word(ns, i), "mean") \
       with points pt 2 ps 0.5 lc rgb word(shared_colors, i) \
       title sprintf("shared network, n = %s", word(ns, i))

set title "KS distance to Gamma(DF/2, 2/DF)" font ",10"
unset logscale y
set format y "%g"
set yrange [0:1.02]
set key bottom right
plot for [i = 1:2] ind(word(ns, i)) using ci(word(ns, i), "layer"):ci(word(ns, i), "ks") \
       with linespoints pt 7 ps 0.4 lc rgb word(colors, i) \
       title sprintf("independent, n = %s", word(ns, i)), \
     for [i = 1:2] sh(word(ns, i)) using cs(word(ns, i), "layer"):cs(word(ns, i), "ks") \
       with linespoints pt 2 ps 0.4 lc rgb word(shared_colors, i) \
       title sprintf("shared network, n = %s", word(ns, i))
unset multiplot

# Sec. 5: Var[S_n^2] = (kappa_l - (n-3)/(n-1)) sigma^4 / n checked directly over depth, for n
# values from n independent width-50 he_normal networks (N(0, I) inputs, sigma^2 = 1), where
# kappa_l grows slowly enough for the estimate to stay informative over many layers: the
# formula with kappa_l from Proposition 3 (lines) against simulation (points with 1-SE bars
# where informative; hollow points beyond). Right: E[S_n^2] against sigma^2 = 1.
# Inputs: `tables` (directory from result_to_tables), terminal and output set by the rule.
load tables."/meta.gp"

ns = "2 10"
colors = "#1f5fa8 #2a9a3a"
ind(n) = sprintf("%s/layers_independent_n%s.dat", tables, n)
ci(n, name) = col("layers_independent_n".n, name)

set multiplot layout 1, 2 title sprintf("Sec. 5: Var[S_n^2] over depth, n independent values, width 50, he\\_normal, {/Symbol s}^2 = 1   [scale: %s, commit %.10s]", scale, git_commit)
set grid
set xlabel "layer l"
set key top left font ",8" opaque

set title "Var[S_n^2] / {/Symbol s}^4" font ",10"
set logscale y
set format y "10^{%L}"
plot for [i = 1:2] ind(word(ns, i)) using ci(word(ns, i), "layer"):ci(word(ns, i), "variance_theory") \
       with lines lw 1.5 lc rgb word(colors, i) \
       title sprintf("formula, {/Symbol k}_l from Proposition 3, n = %s", word(ns, i)), \
     for [i = 1:2] ind(word(ns, i)) using ci(word(ns, i), "layer"):ci(word(ns, i), "variance_plot") \
         :ci(word(ns, i), "variance_se_plot") with yerrorbars pt 7 ps 0.5 lc rgb word(colors, i) \
       title sprintf("simulation, n = %s", word(ns, i)), \
     for [i = 1:2] ind(word(ns, i)) using ci(word(ns, i), "layer") \
         :(column(ci(word(ns, i), "informative")) == 0 ? column(ci(word(ns, i), "variance")) : NaN) \
       with points pt 6 ps 0.5 lc rgb word(colors, i) notitle

set title "E[S_n^2] / {/Symbol s}^2" font ",10"
unset logscale y
set format y "%g"
set key bottom left
plot 1 with lines lw 2 lc rgb "black" title "{/Symbol s}^2 = 1", \
     for [i = 1:2] ind(word(ns, i)) using ci(word(ns, i), "layer"):ci(word(ns, i), "mean_plot") \
         :ci(word(ns, i), "mean_se_plot") with yerrorbars pt 7 ps 0.5 lc rgb word(colors, i) \
       title sprintf("simulation, n = %s", word(ns, i)), \
     for [i = 1:2] ind(word(ns, i)) using ci(word(ns, i), "layer") \
         :(column(ci(word(ns, i), "mean_informative")) == 0 ? column(ci(word(ns, i), "mean")) : NaN) \
       with points pt 6 ps 0.5 lc rgb word(colors, i) notitle
unset multiplot

# Proposition 3 vs simulation: the normalized covariance of squares c_l / sigma^4 of two
# units of every layer, exact (lines) against Monte Carlo (points with 1-SE bars where
# informative, hollow beyond). Rows: N(0, I) input, MNIST and CIFAR-10 inputs (a = 0).
# Inputs: `tables` (directory from result_to_tables), terminal and output set by the rule.
load tables."/meta.gp"

row_inputs = "gaussian mnist cifar10"
row_titles = "'N(0,I) input' 'MNIST input' 'CIFAR-10 input'"
inits = "he_bernoulli he_uniform he_normal"
init_titles = "'Bernoulli, k_w = 1' 'uniform, k_w = 1.8' 'normal, k_w = 3'"
widths = "2 5 10 50"
colors = "#1f5fa8 #d0701a #2a9a3a #a02a8a"

set multiplot layout 3, 3 title sprintf("Proposition 3 vs simulation: covariance of squares c_l / {/Symbol s}^4, a = 0   [scale: %s, commit %.10s]", scale, git_commit)
set logscale y
set format y "10^{%L}"
set xlabel "layer l"
set ylabel "c_l / {/Symbol s}^4"
set key top left font ",7" opaque
set grid
set xrange [0:*]
set yrange [0.01:1e4]
table(r, k, i) = sprintf("layers_%s_a0_w%s_%s", word(row_inputs, r), word(widths, i), word(inits, k))
file(r, k, i) = sprintf("%s/%s.dat", tables, table(r, k, i))
c(r, k, i, name) = col(table(r, k, i), name)
do for [r = 1:3] {
  do for [k = 1:3] {
    set title sprintf("%s, %s", word(row_titles, r), word(init_titles, k)) font ",9"
    plot for [i = 1:4] file(r, k, i) using c(r, k, i, "layer"):c(r, k, i, "c_theory") \
           with lines lw 1.5 lc rgb word(colors, i) title sprintf("w = %s", word(widths, i)), \
         for [i = 1:4] file(r, k, i) \
           using c(r, k, i, "layer"):c(r, k, i, "c_plot"):c(r, k, i, "c_se_plot") \
           with yerrorbars pt 7 ps 0.5 lc rgb word(colors, i) notitle, \
         for [i = 1:4] file(r, k, i) using c(r, k, i, "layer") \
           :(column(c(r, k, i, "informative")) == 0 ? column(c(r, k, i, "c")) : NaN) \
           with points pt 6 ps 0.5 lc rgb word(colors, i) notitle
  }
}
unset multiplot

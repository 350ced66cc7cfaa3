# Proposition 3 vs simulation (issue 5, item 1): the kurtosis kappa_l of every layer of
# He-initialized networks over depth, exact trajectory (lines) against Monte-Carlo
# estimates with 1-SE bars (filled points: informative layers; hollow points: deeper layers,
# where the heavy-tailed estimator is no longer informative, shown without bars).
# Rows: Proposition 2 transforms z_0 = W_0 x of MNIST and CIFAR-10 training images by the
# network's own He first layer (the networks of Fig. 1), a = 0.
# Inputs: `tables` (directory from result_to_tables), terminal and output set by the rule.
load tables."/meta.gp"

row_inputs = "mnist cifar10"
row_slopes = "0 0"
row_titles = "'MNIST input' 'CIFAR-10 input'"
figure_title = "Proposition 3 vs simulation: kurtosis of every layer, z_0 = W_0 x for training images x"
inits = "he_bernoulli he_uniform he_normal"
init_titles = "'Bernoulli, k_w = 1' 'uniform, k_w = 1.8' 'normal, k_w = 3'"
widths = "2 5 10 50"
colors = "#1f5fa8 #d0701a #2a9a3a #a02a8a"

set multiplot layout words(row_inputs), 3 title sprintf("%s   [scale: %s, commit %.10s]", figure_title, scale, git_commit)
set logscale y
set format y "10^{%L}"
set xlabel "layer l"
set ylabel "kurtosis {/Symbol k}_l"
set key top left font ",7" opaque
set grid
set xrange [0:*]
set yrange [2:1e5]
table(r, k, i) = sprintf("layers_%s_a%s_w%s_%s", word(row_inputs, r), word(row_slopes, r), word(widths, i), word(inits, k))
file(r, k, i) = sprintf("%s/%s.dat", tables, table(r, k, i))
c(r, k, i, name) = col(table(r, k, i), name)
do for [r = 1:words(row_inputs)] {
  do for [k = 1:3] {
    set title sprintf("%s, %s", word(row_titles, r), word(init_titles, k)) font ",9"
    plot for [i = 1:4] file(r, k, i) using c(r, k, i, "layer"):c(r, k, i, "kappa_theory") \
           with lines lw 1.5 lc rgb word(colors, i) title sprintf("w = %s", word(widths, i)), \
         for [i = 1:4] file(r, k, i) \
           using c(r, k, i, "layer"):c(r, k, i, "kappa_plot"):c(r, k, i, "kappa_se_plot") \
           with yerrorbars pt 7 ps 0.5 lc rgb word(colors, i) notitle, \
         for [i = 1:4] file(r, k, i) using c(r, k, i, "layer") \
           :(column(c(r, k, i, "informative")) == 0 ? column(c(r, k, i, "kappa")) : NaN) \
           with points pt 6 ps 0.5 lc rgb word(colors, i) notitle
  }
}
unset multiplot

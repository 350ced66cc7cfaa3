# Theoretical output kurtosis vs depth (Proposition 3): rows = input starting point
# (MNIST, CIFAR-10 with the (kappa_0, c_0) of the paper's text; the data support the public
# code's assignment instead, see artifact.md), columns = weight kurtosis k_w.
# Inputs: `tables` (directory from result_to_tables), terminal and output set by the rule.
load tables."/meta.gp"

starts = "mnist cifar10"
start_titles = "'MNIST as in the paper text, (3.95, 0.71)' 'CIFAR-10 as in the paper text, (3.28, 0.10)'"
kws = "1 1.8 3"
kw_titles = "'Bernoulli, k_w = 1' 'uniform, k_w = 1.8' 'normal, k_w = 3'"
widths = "2 5 10 50 200"

set multiplot layout 2, 3 title sprintf("Theoretical output kurtosis (Proposition 3), ReLU, He init   [scale: %s, commit %.10s]", scale, git_commit)
set logscale y
set format y "10^{%L}"
set xlabel "depth (hidden layers)"
set ylabel "output kurtosis {/Symbol k}_d"
set key top left font ",8"
set grid
do for [s = 1:2] {
  do for [k = 1:3] {
    table = sprintf("kurtosis_%s_kw%s", word(starts, s), word(kws, k))
    file = sprintf("%s/%s.dat", tables, table)
    set title sprintf("%s, %s", word(start_titles, s), word(kw_titles, k)) font ",9"
    plot for [i = 1:words(widths)] file \
         using col(table, "depth"):(column(col(table, "kappa_w".word(widths, i)))) with lines lw 2 \
         title sprintf("width %s", word(widths, i))
  }
}
unset multiplot

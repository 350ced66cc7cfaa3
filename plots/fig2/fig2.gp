# Fig. 2 of the vanishing-empirical-variance paper: quantiles over networks of the empirical
# variance of unit 0 of every Linear layer, over the whole training set, vs depth; one
# panel per initializer, log-scale y from 1e-3 (values below leave the panel, as in the
# paper). Dashed lines: layers 40 and 80, where the paper's claims start.
# Inputs: `tables` (directory from result_to_tables), terminal and output set by the rule.
load tables."/meta.gp"

inits = "he_normal glorot_normal orthogonal gsm metainit zero"
titles = "'He normal' 'Glorot normal' 'orthogonal' 'GSM' 'MetaInit' 'ZerO'"
if (!exists("samples")) samples = 0
if (!exists("dataset_name")) dataset_name = exists("cifar10_train_samples") ? "CIFAR-10" : \
    (exists("mnist_train_samples") ? "MNIST" : (exists("fashion_mnist_train_samples") ? "Fashion-MNIST" : "?"))

set multiplot layout 2, 3 title sprintf("Fig. 2: quantiles of the empirical variance of unit 0 over depth, width 10, %s training set (%d samples)   [scale: %s, commit %.10s]", dataset_name, samples, scale, git_commit)
if (exists("data_unavailable")) {
  set title "dataset not available: nothing was computed (data_unavailable = 1)"
  unset border; unset tics; unset key
  plot [0:1][0:1] NaN notitle
  unset multiplot
  exit
}
set logscale y
set yrange [1e-3:*]
set xrange [0:100]
set format y "10^{%L}"
set xlabel "layer"
set ylabel "empirical variance"
set key top right font ",8"
set grid
set arrow 1 from 40, graph 0 to 40, graph 1 nohead dt 2 lc rgb "#888888"
set arrow 2 from 80, graph 0 to 80, graph 1 nohead dt 2 lc rgb "#888888"
do for [i = 1:6] {
  init = word(inits, i)
  n = value(init."_networks")
  distinct = value(init."_distinct_networks")
  if (distinct == 1 && n > 1) {
    set title sprintf("%s (%d networks, all equal: deterministic)", word(titles, i), n) font ",9"
  } else {
    set title sprintf("%s (%d networks)", word(titles, i), n) font ",9"
  }
  # MetaInit's curves peak at the top right, where the other panels' are lowest.
  if (init eq "metainit") { set key top left } else { set key top right }
  table = init."_quantiles"
  file = sprintf("%s/%s.dat", tables, table)
  plot file using col(table, "layer"):col(table, "q0.9") with lines lw 2 title "0.9 quantile", \
       file using col(table, "layer"):col(table, "q0.99") with lines lw 2 title "0.99 quantile", \
       file using col(table, "layer"):col(table, "q0.999") with lines lw 2 title "0.999 quantile"
}
unset multiplot

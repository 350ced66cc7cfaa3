# Fig. 3 of the vanishing-variance paper (CIFAR-10): mean test accuracy after 500 Adam steps
# over depth, with min/max bars over repeats, for width 10 (lr 1e-4) and width 200 (lr 1e-5).
# Tables: tables/<width10|width200>/configurations_<initializer>.dat (columns: initializer
# width depth runs mean_accuracy min_accuracy max_accuracy output_kurtosis).
load tables."/meta.gp"

panels = "width10 width200"
panel_titles = "'width 10, lr 10^{-4}' 'width 200, lr 10^{-5}'"
inits = "glorot_normal orthogonal he_normal gsm metainit zero"
init_titles = "Glorot orthogonal He GSM MetaInit ZerO"

set multiplot layout 1, 2 title sprintf("Fig. 3: CIFAR-10 test accuracy vs depth (mean, min-max bars)   [scale: %s, commit %.10s]", scale, git_commit)
set xlabel "depth (hidden layers)"
set ylabel "test accuracy after training"
set yrange [0:0.6]
set grid
set offsets graph 0.03, graph 0.03, 0, 0
set key top right font ",8"
do for [p = 1:2] {
  prefix = word(panels, p)
  test_samples = value(prefix."_cifar10_test_samples")
  set title sprintf("%s (test set: %d of 10000 images)", word(panel_titles, p), test_samples)
  # Initializers side by side at each depth: offsets of 1/170 of the deepest depth.
  stats sprintf("%s/%s/configurations.dat", tables, prefix) using 3 nooutput
  dx = STATS_max / 170.0
  plot for [i = 1:6] sprintf("%s/%s/configurations_%s.dat", tables, prefix, word(inits, i)) \
       using ($3 + (i - 3.5) * dx):5:6:7 with yerrorlines lw 1.5 pt 7 ps 0.5 lc i \
       title word(init_titles, i)
}
unset multiplot

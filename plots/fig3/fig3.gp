# Fig. 3 of the vanishing-variance paper (CIFAR-10): mean test accuracy after 500 Adam steps
# over depth, with min/max bars over repeats, for width 10 (lr 1e-4) and width 200 (lr 1e-5).
# Tables: tables/<width10|width200>/configurations_<initializer>.dat, columns named in meta.gp
# (col("<panel>/configurations_<initializer>", "<column>")).
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
  canonical = value(prefix."_cifar10_test_canonical_samples")
  set title sprintf("%s (test set: %d of %d images)", word(panel_titles, p), test_samples, canonical)
  # Initializers side by side at each depth: offsets of 1/170 of the deepest depth.
  all = prefix."/configurations"
  stats sprintf("%s/%s.dat", tables, all) using col(all, "depth") nooutput
  dx = STATS_max / 170.0
  table(i) = prefix."/configurations_".word(inits, i)
  # The initializers this scale ran (the smoke scale runs some only), in the order of inits.
  present = ""
  do for [i = 1:6] {
    if (has_table(table(i))) { present = present.sprintf(" %d", i) }
  }
  init(j) = word(present, j) + 0
  plot for [j = 1:words(present)] sprintf("%s/%s.dat", tables, table(init(j))) \
       using (column(col(table(init(j)), "depth")) + (init(j) - 3.5) * dx) \
         :col(table(init(j)), "mean_accuracy"):col(table(init(j)), "min_accuracy") \
         :col(table(init(j)), "max_accuracy") \
       with yerrorlines lw 1.5 pt 7 ps 0.5 lc init(j) title word(init_titles, init(j))
}
unset multiplot

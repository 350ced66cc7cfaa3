# Fig. 1 of the vanishing-variance paper: test accuracy after 500 Adam steps against the
# theoretical output kurtosis at initialization (Proposition 3 from the dataset's measured
# (kappa_0, c_0)), for He Bernoulli / uniform / normal networks of widths and depths 5..50.
# Tables: tables/<dataset>/configurations_<initializer>.dat, columns named in meta.gp
# (col_<dataset>_configurations_<initializer>_<column>), one row per configuration.
load tables."/meta.gp"

datasets = "mnist cifar10"
titles = "MNIST CIFAR-10"
inits = "he_bernoulli he_uniform he_normal"
init_titles = "'Bernoulli (k_w = 1)' 'uniform (k_w = 1.8)' 'normal (k_w = 3)'"

set multiplot layout 1, 2 title sprintf("Fig. 1: test accuracy vs output kurtosis at initialization   [scale: %s, commit %.10s]", scale, git_commit)
set logscale x
set format x "10^{%L}"
set xlabel "theoretical output kurtosis {/Symbol k}_d (Proposition 3)"
set ylabel "test accuracy after training"
set yrange [0:1]
set grid
set key top right box opaque
do for [d = 1:2] {
  prefix = word(datasets, d)
  test_samples = value(prefix."_".prefix."_test_samples")
  canonical = value(prefix."_".prefix."_test_canonical_samples")
  # Configurations per initializer: the rows of its table (one count if they agree).
  counts = ""
  do for [i = 1:3] {
    counts = counts.sprintf(i == 1 ? "%d" : "/%d", rows(prefix."/configurations_".word(inits, i)))
  }
  first = rows(prefix."/configurations_".word(inits, 1))
  same = rows(prefix."/configurations_".word(inits, 2)) == first && \
         rows(prefix."/configurations_".word(inits, 3)) == first
  set title sprintf("%s (%s configurations per initializer; test set: %d of %d images)", \
                    word(titles, d), same ? sprintf("%d", first) : counts, test_samples, canonical)
  table(i) = prefix."/configurations_".word(inits, i)
  plot for [i = 1:3] sprintf("%s/%s.dat", tables, table(i)) \
       using col(table(i), "output_kurtosis"):col(table(i), "mean_accuracy") \
       with points pt (4 + 2 * i) ps 0.8 lc i title word(init_titles, i)
}
unset multiplot

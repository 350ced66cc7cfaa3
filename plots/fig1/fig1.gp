# Fig. 1 of the vanishing-variance paper: test accuracy after 500 Adam steps against the
# theoretical output kurtosis at initialization (Proposition 3 from the dataset's measured
# (kappa_0, c_0)), for He Bernoulli / uniform / normal networks of widths and depths 5..50.
# Tables: tables/<dataset>/configurations_<initializer>.dat (columns: initializer width
# depth runs mean_accuracy min_accuracy max_accuracy output_kurtosis).
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
  set title sprintf("%s (%d configurations per initializer; test set: %d of %d images)", \
                    word(titles, d), 110, test_samples, canonical)
  plot for [i = 1:3] sprintf("%s/%s/configurations_%s.dat", tables, prefix, word(inits, i)) \
       using 8:5 with points pt (4 + 2 * i) ps 0.8 lc i title word(init_titles, i)
}
unset multiplot

# Theorem 10 of the activation paper: Monte-Carlo Cov[h_{2,1}^2, h_{2,2}^2] (points with 1-SE
# bars) against Eq. (4) (solid lines) over the width N, for ReLU and Heaviside and three
# sigma_w; dashed: the paper's printed Heaviside value 3 sigma_w^4 / (4N), three times
# Eq. (4). Bottom row: estimate / Eq. (4) with 1-SE bars (points offset in N for legibility).
# Inputs: `tables` (directory from result_to_tables), terminal and output set by the rule.
load tables."/meta.gp"

sigmas = "0.5 1 2"
colors = "#1f5fa8 #d0701a #2a9a3a"
offset(i) = 1.0 + 0.07 * (i - 2)
table(act, i) = sprintf("cov_squares_%s_sw%s", act, word(sigmas, i))
file(act, i) = sprintf("%s/%s.dat", tables, table(act, i))
c(act, i, name) = col(table(act, i), name)

set multiplot layout 2, 2 title sprintf("Theorem 10: covariance of squares of two second-layer nodes vs Eq. (4)   [scale: %s, commit %.10s]", scale, git_commit)
set grid
set key top right font ",8" opaque
set logscale x
set xrange [1.5:150]
set xlabel "width N"

set logscale y
set format y "10^{%L}"
set ylabel "Cov[h_{21}^2, h_{22}^2]"
set title "ReLU ({/Symbol s}_b = 0): Eq. (4) = 5{/Symbol s}_w^8/(4N), as the paper's text says" font ",9"
plot for [i = 1:3] file("relu", i) \
       using c("relu", i, "width"):c("relu", i, "estimate"):c("relu", i, "std_error") \
       with yerrorbars pt 7 ps 0.6 lc rgb word(colors, i) \
       title sprintf("simulation, {/Symbol s}_w = %s", word(sigmas, i)), \
     for [i = 1:3] file("relu", i) using c("relu", i, "width"):c("relu", i, "eq4") \
       with lines lw 1.5 lc rgb word(colors, i) notitle
set title "Heaviside: Eq. (4) = {/Symbol s}_w^4/(4N) (solid); paper's text 3{/Symbol s}_w^4/(4N) (dashed)" font ",9"
plot for [i = 1:3] file("heaviside", i) \
       using c("heaviside", i, "width"):c("heaviside", i, "estimate"):c("heaviside", i, "std_error") \
       with yerrorbars pt 7 ps 0.6 lc rgb word(colors, i) \
       title sprintf("simulation, {/Symbol s}_w = %s", word(sigmas, i)), \
     for [i = 1:3] file("heaviside", i) using c("heaviside", i, "width"):c("heaviside", i, "eq4") \
       with lines lw 1.5 lc rgb word(colors, i) notitle, \
     for [i = 1:3] file("heaviside", i) using c("heaviside", i, "width"):c("heaviside", i, "paper_text") \
       with lines lw 1.5 dt 2 lc rgb word(colors, i) notitle

unset logscale y
set format y "%g"
set ylabel "estimate / Eq. (4)"
set title "ReLU: ratio to Eq. (4)" font ",9"
set yrange [0.85:1.15]
plot for [i = 1:3] file("relu", i) \
       using (column(c("relu", i, "width")) * offset(i)):c("relu", i, "ratio_eq4"):c("relu", i, "ratio_se") \
       with yerrorbars pt 7 ps 0.6 lc rgb word(colors, i) \
       title sprintf("{/Symbol s}_w = %s", word(sigmas, i)), \
     1 with lines lw 1.5 lc rgb "black" title "Eq. (4) = paper's text"
set title "Heaviside: ratio to Eq. (4); the paper's text would be 3" font ",9"
set yrange [0:3.5]
plot for [i = 1:3] file("heaviside", i) \
       using (column(c("heaviside", i, "width")) * offset(i)):c("heaviside", i, "ratio_eq4") \
         :c("heaviside", i, "ratio_se") with yerrorbars pt 7 ps 0.6 lc rgb word(colors, i) \
       title sprintf("{/Symbol s}_w = %s", word(sigmas, i)), \
     1 with lines lw 1.5 lc rgb "black" title "Eq. (4)", \
     3 with lines lw 1.5 dt 2 lc rgb "black" title "paper's text (3{/Symbol s}_w^4/(4N))"
unset multiplot

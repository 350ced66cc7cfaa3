#!/usr/bin/env bash
# The activation paper's experiment binaries (//experiments/activation_distribution): bad
# flags exit 2 with one line naming the flag and leave no output file; tiny good runs write
# results whose spec records the seed and RNG scheme and whose tables are the ones the
# figures read.
set -euo pipefail
cauchy=$1
scales=$2
cov=$3
length=$4
show=$5
tmp=${TEST_TMPDIR:-$(mktemp -d)}
fail() { echo "FAIL: $*" >&2; exit 1; }

expect_flag_error() {  # binary, flag-name, args...
  local binary=$1 flag=$2; shift 2
  local out="$tmp/bad.pb"
  rm -f "$out"
  set +e
  "$binary" --out="$out" "$@" 2>"$tmp/stderr"
  local code=$?
  set -e
  [ "$code" -eq 2 ] || fail "$(basename "$binary") $* exited $code, expected 2"
  [ "$(wc -l < "$tmp/stderr")" -eq 1 ] || fail "$*: expected one line, got: $(cat "$tmp/stderr")"
  grep -q -- "--$flag" "$tmp/stderr" || fail "$*: message does not name --$flag: $(cat "$tmp/stderr")"
  [ ! -e "$out" ] || fail "$*: output file left behind"
}

expect_flag_error "$cauchy" widths --widths=0
expect_flag_error "$cauchy" activation --activation=sigmoid
expect_flag_error "$cauchy" sampler --sampler=exact
expect_flag_error "$cauchy" sigma_w --sigma_w=0
expect_flag_error "$scales" width --width=1
expect_flag_error "$scales" scale_initializations --scale_initializations=1
expect_flag_error "$cov" activations --activations=reciprocal
expect_flag_error "$cov" widths --widths=1
expect_flag_error "$cov" sigma_ws --sigma_ws=1,-2
expect_flag_error "$cov" threads --threads=0
expect_flag_error "$length" configs --configs=relu/1
expect_flag_error "$length" undefined_configs --undefined_configs=exp_square:-1/1/0
expect_flag_error "$length" repeats --repeats=1
"$cauchy" 2>"$tmp/stderr" && fail "missing --out accepted"
grep -q -- "--out" "$tmp/stderr" || fail "missing --out: message does not name it"

run_and_show() {  # binary, name, args...
  local binary=$1 name=$2; shift 2
  "$binary" --out="$tmp/$name.pb" "$@" 2>"$tmp/$name.log" || fail "$name: $(cat "$tmp/$name.log")"
  "$show" "$tmp/$name.pb" > "$tmp/$name.txt"
  grep -qF 'rng_scheme: "vev-rng-1' "$tmp/$name.txt" || fail "$name: no rng_scheme"
  grep -qF 'seed: ' "$tmp/$name.txt" || fail "$name: no seed"
}
expect_tables() {  # name, table...
  local name=$1; shift
  for table in "$@"; do
    grep -qF "name: \"$table\"" "$tmp/$name.txt" || fail "$name: no table $table"
  done
}

run_and_show "$cauchy" cauchy --widths=10,20 --initializations=3
expect_tables cauchy cauchy_hist_N10 cauchy_curve_N20 cauchy_fit
run_and_show "$scales" scales --width=50 --initializations=9 --scale_initializations=20
expect_tables scales dependence_hist_1 dependence_curve_9 dependence_scales dependence_summary \
  scale_quantiles
run_and_show "$cov" cov --widths=2,5 --sigma_ws=0.5,1 --networks=100 --threads=1
expect_tables cov cov_squares_relu_sw0.5 cov_squares_heaviside_sw1
run_and_show "$length" length --widths=10,20 --repeats=3 --depth=3 --threads=1
expect_tables length length_map_c0 length_error_c5 length_quantiles_c6 length_map_u1
# Proposition 11 and 1/z: the undefined length maps say why.
grep -q 'Proposition 11' "$tmp/length.txt" || fail "length: no Proposition 11 message"
grep -q 'undefined after layer 1 (phi = 1/z' "$tmp/length.txt" || fail "length: no 1/z message"
echo "PASS"

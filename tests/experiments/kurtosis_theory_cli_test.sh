#!/usr/bin/env bash
# The experiment binary's command line: bad flags exit 2 with one line naming the flag and
# leave no output file; a good run writes a result that show_result prints with its full
# spec and provenance; the data equal Proposition 3 at a hand-checked point.
set -euo pipefail
binary=$1
show=$2
tmp=${TEST_TMPDIR:-$(mktemp -d)}
fail() { echo "FAIL: $*" >&2; exit 1; }

expect_flag_error() {  # flag-name, args...
  local flag=$1; shift
  local out="$tmp/bad.pb"
  rm -f "$out"
  set +e
  "$binary" --out="$out" "$@" 2>"$tmp/stderr"
  local code=$?
  set -e
  [ "$code" -eq 2 ] || fail "$* exited $code, expected 2"
  [ "$(wc -l < "$tmp/stderr")" -eq 1 ] || fail "$*: expected one line, got: $(cat "$tmp/stderr")"
  grep -q -- "--$flag" "$tmp/stderr" || fail "$*: message does not name --$flag: $(cat "$tmp/stderr")"
  [ ! -e "$out" ] && [ ! -e "$out.tmp" ] || fail "$*: output file left behind"
}

expect_flag_error max_depth --max_depth=-1
expect_flag_error widths --widths=0
expect_flag_error widths --widths=2,x
expect_flag_error weight_kurtoses --weight_kurtoses=0.5
expect_flag_error starting_points --starting_points=mnist:3.9
"$binary" 2>"$tmp/stderr" && fail "missing --out accepted"
grep -q -- "--out" "$tmp/stderr" || fail "missing --out: message does not name it"

out="$tmp/good.pb"
"$binary" --out="$out" --widths=2 --weight_kurtoses=3 --max_depth=1 \
  --starting_points=gauss:3:0
[ -s "$out" ] || fail "no result written"
"$show" "$out" > "$tmp/text"
for needle in 'experiment: "kurtosis_theory"' 'name: "max_depth"' 'value: "1"' \
    'git_commit:' 'build_flags: "-O2' 'wall_seconds:' 'name: "kurtosis_gauss_kw3"'; do
  grep -qF "$needle" "$tmp/text" || fail "show_result output lacks '$needle'"
done
# Width 2, ReLU, normal weights, Gaussian input: kappa_1 = 10.5 (derived by hand in
# tests/theory/kurtosis_recursion_test.cc). The kappa_w2 column holds depth 0 and 1.
grep -A4 'name: "kappa_w2"' "$tmp/text" | grep -q 'values: \[[^]]*, 10.5[],]' ||
  fail "kappa_1 != 10.5"
echo "PASS"

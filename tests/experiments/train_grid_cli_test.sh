#!/usr/bin/env bash
# A per-initializer training-grid binary (tools/initializers.bzl) on the command line, as
# under `bazel run`: --help exits 0 and lists the binary's and the frame's flags; a --out in
# a missing folder fails at once (exit 2, one line naming --out, before any data is read);
# relative --out and --input_kurtosis resolve against BUILD_WORKING_DIRECTORY. The last
# check trains one tiny network and says "skipped" when MNIST is not available.
set -euo pipefail
grid=$1
input_kurtosis=$2
show=$3
tmp=${TEST_TMPDIR:-$(mktemp -d)}
fail() { echo "FAIL: $*" >&2; exit 1; }

"$grid" --help > "$tmp/help" || fail "--help exited $?, expected 0"
for flag in --inits --widths --depths --repeats --steps --input_kurtosis --dataset \
    --skip_if_data_unavailable --out --scale --seed --shard_index --shard_count \
    --merge_inputs --merge_parts; do
  grep -q -- "$flag " "$tmp/help" || fail "--help does not list $flag"
done
! grep -q -- "--threads " "$tmp/help" || fail "--help lists --threads, which does not apply"

start=$(date +%s)
set +e
"$grid" --out="$tmp/no/such/folder/grid.pb" --dataset=mnist --inits=he_normal 2>"$tmp/stderr"
code=$?
set -e
[ "$code" -eq 2 ] || fail "--out in a missing folder exited $code, expected 2"
[ $(( $(date +%s) - start )) -le 5 ] || fail "--out in a missing folder took more than 5 s"
[ "$(wc -l < "$tmp/stderr")" -eq 1 ] || fail "expected one line: $(cat "$tmp/stderr")"
grep -q -- "--out" "$tmp/stderr" || fail "message does not name --out: $(cat "$tmp/stderr")"
[ ! -e "$tmp/no" ] || fail "a folder was created for a bad --out"

wd="$tmp/working_directory"
mkdir -p "$wd"
cp "$input_kurtosis" "$wd/kurtosis.pb"
BUILD_WORKING_DIRECTORY=$wd "$grid" --out=grid.pb --input_kurtosis=kurtosis.pb \
  --dataset=mnist --inits=he_normal --widths=2 --depths=0 --steps=1 \
  --skip_if_data_unavailable 2>"$tmp/run.log" || fail "tiny run: $(cat "$tmp/run.log")"
[ -s "$wd/grid.pb" ] || fail "relative --out was not written under BUILD_WORKING_DIRECTORY"
"$show" "$wd/grid.pb" > "$tmp/grid.txt"
if grep -qF 'name: "data_unavailable"' "$tmp/grid.txt"; then
  echo "relative --input_kurtosis: skipped (MNIST not available)"
else
  grep -qF 'name: "input_kappa0"' "$tmp/grid.txt" ||
    fail "relative --input_kurtosis was not read: no scalar input_kappa0"
  grep -qF 'name: "configurations_he_normal"' "$tmp/grid.txt" || fail "no configurations table"
fi
echo PASS

#!/usr/bin/env bash
# The experiment frame's command line (lib/io/experiment_frame.h), on the minimal sharded
# experiment shard_demo: --help exits 0 and lists the binary's and the applicable common
# flags; bad common flags fail fast (exit 2, one line naming the flag, no file left);
# relative paths resolve against BUILD_WORKING_DIRECTORY as under `bazel run`; shards
# merged from such paths give the whole run's data bit for bit.
set -euo pipefail
demo=$1
compare=$2
tmp=${TEST_TMPDIR:-$(mktemp -d)}
fail() { echo "FAIL: $*" >&2; exit 1; }

"$demo" --help > "$tmp/help" || fail "--help exited $?, expected 0"
for flag in --items --seed --shard_index --shard_count --merge_inputs --out --scale; do
  grep -q -- "$flag " "$tmp/help" || fail "--help does not list $flag"
done
for flag in --merge_parts --threads; do
  ! grep -q -- "$flag " "$tmp/help" || fail "--help lists $flag, which does not apply"
done

expect_error() {  # flag-name, args...: exit 2, one line naming --flag, no output file
  local flag=$1; shift
  set +e
  "$demo" "$@" 2>"$tmp/stderr"
  local code=$?
  set -e
  [ "$code" -eq 2 ] || fail "$* exited $code, expected 2"
  [ "$(wc -l < "$tmp/stderr")" -eq 1 ] || fail "$*: expected one line: $(cat "$tmp/stderr")"
  grep -q -- "--$flag" "$tmp/stderr" || fail "$*: message does not name --$flag: $(cat "$tmp/stderr")"
}
expect_error out
expect_error out --out="$tmp/no/such/folder/r.pb"
[ ! -e "$tmp/no" ] || fail "a folder was created for a bad --out"
expect_error out --out="$tmp"
expect_error merge_parts --out="$tmp/r.pb" --merge_parts=a.pb
expect_error threads --out="$tmp/r.pb" --threads=2
expect_error shard_index --out="$tmp/r.pb" --shard_index=2 --shard_count=2
expect_error merge_inputs --out="$tmp/r.pb" --merge_inputs=a.pb,b.pb --shard_count=2
[ ! -e "$tmp/r.pb" ] || fail "a rejected run wrote its output"

# As under `bazel run`: relative paths are the user's, not the runfiles folder's.
wd="$tmp/working_directory"
mkdir -p "$wd"
export BUILD_WORKING_DIRECTORY=$wd
"$demo" --items=9 --seed=5 --out=whole.pb
[ -s "$wd/whole.pb" ] || fail "relative --out was not written under BUILD_WORKING_DIRECTORY"
"$demo" --items=9 --seed=5 --shard_index=0 --shard_count=2 --out=s0.pb
"$demo" --items=9 --seed=5 --shard_index=1 --shard_count=2 --out=s1.pb
"$demo" --items=9 --seed=5 --merge_inputs=s0.pb,s1.pb --out=merged.pb
unset BUILD_WORKING_DIRECTORY
"$compare" "$wd/whole.pb" "$wd/merged.pb" > "$tmp/compare" ||
  fail "merged shards differ from the whole run: $(cat "$tmp/compare")"
"$demo" --items=9 --seed=6 --out="$wd/other.pb"
! "$compare" "$wd/whole.pb" "$wd/other.pb" > /dev/null || fail "compare_results missed a change of seed"
echo PASS

#!/usr/bin/env bash
# tools/progress.sh: shows the status file of a live process, drops the file of a dead one.
set -euo pipefail
script=$(readlink -f "$1")
export VEV_PROGRESS_DIR="${TEST_TMPDIR:-$(mktemp -d)}/progress"
mkdir -p "$VEV_PROGRESS_DIR"
fail() { echo "FAIL: $*" >&2; exit 1; }

sleep 60 & live=$!
trap 'kill $live 2>/dev/null || true' EXIT
now=$(date +%s)
printf '%d\tdemo shard 2/5\t3\t12\truns\t30\t90\t%d\n' "$live" "$now" > "$VEV_PROGRESS_DIR/$live.progress"
dead=999999999
printf '%d\told\t1\t2\truns\t1\t1\t%d\n' "$dead" "$now" > "$VEV_PROGRESS_DIR/$dead.progress"

out=$("$script")
grep -q 'demo shard 2/5 .* 3/12 .*runs .*25.0%' <<< "$out" || fail "live action line: $out"
grep -q 'old' <<< "$out" && fail "dead action shown: $out"
[ ! -e "$VEV_PROGRESS_DIR/$dead.progress" ] || fail "dead action's file kept"
kill "$live"; wait "$live" 2>/dev/null || true
grep -q 'no experiment action is running' <<< "$("$script")" || fail "empty listing"
echo PASS

#!/usr/bin/env bash
# End-to-end test of a real Bazel remote cache (tools/remote_cache.sh: nginx + WebDAV on
# 127.0.0.1) with two clones of this repository's current commit (HEAD; uncommitted changes
# are not part of it), each with its own output base, HOME and user name and no disk cache:
#   A  builds //:figures at smoke scale from scratch and fills the cache;
#   B1 (another absolute path) builds the same: every experiment action must be a remote
#      cache hit and every result file byte-identical to A's;
#   B2 after a real code change in lib/nn/init/gsm.cc, only experiments that depend on the
#      gsm library may run (the set //tests/experiments:initializer_isolation_gsm_test
#      checks; at smoke scale fig3_width200_gsm is not built), and their tables and scalars
#      must equal A's (the change is an error text);
#   B3 with the change undone, every experiment runs again in B, locally, not from the
#      cache (--modify_execution_info=Experiment=+no-remote-cache): tables and scalars equal
#      A's, and no result contains A's or B's path, HOME or user name, or the host name.
# "Tables and scalars" are everything in a result but its provenance, its run statistics
# and columns in seconds (CPU timings).
# Actions are counted from Bazel's --execution_log_json_file (one entry per spawn with its
# mnemonic, progress message and runner) and from nginx's access log.
#
#   tools/remote_cache_e2e.sh [--no-data] [--keep] [--port N] [--work DIR]
#
# Datasets: the clones get VEV_DATASETS_DIR from this checkout's user.bazelrc (written by
# tools/setup.sh --data-dir), if there is one; with --no-data they get none and the smoke
# experiments that need data write "data unavailable" results. Loopback only, no
# download. About 10-15 min on 2 cores (A compiles everything).
set -euo pipefail

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; }

repo=$(cd "$(dirname "$0")/.." && pwd)
use_data=1
keep=""
port=""
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-data) use_data=""; shift ;;
    --keep) keep=1; shift ;;
    --port) [ $# -ge 2 ] || { echo "remote_cache_e2e.sh: --port needs a number" >&2; exit 2; }
            port=$2; shift 2 ;;
    --work) [ $# -ge 2 ] || { echo "remote_cache_e2e.sh: --work needs a folder" >&2; exit 2; }
            work=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "remote_cache_e2e.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

log() { echo "remote_cache_e2e: $*"; }
fail() { echo "remote_cache_e2e: FAIL: $*" >&2; exit 1; }

commit=$(git -C "$repo" rev-parse HEAD)
data_dir=""
if [ -n "$use_data" ] && [ -f "$repo/user.bazelrc" ]; then
  data_dir=$(sed -n 's/^common --repo_env=VEV_DATASETS_DIR=//p' "$repo/user.bazelrc" | tail -n 1)
  [ -n "$data_dir" ] && [ ! -d "$data_dir" ] && data_dir=""
fi

if [ -z "$work" ]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/vev-remote-e2e.XXXXXX")
else
  mkdir -p "$work"
  work=$(cd "$work" && pwd)
fi
cache_dir=$work/cache
# Two clones at unrelated absolute paths of different lengths, each with its own HOME,
# user name and output base.
a_root=$work/a
b_root=$work/clone-b/somewhere/else
a_user=vev-e2e-user-a
b_user=vev-e2e-user-b

bazel_in() {  # bazel_in a|b ARGS...: bazel in that clone, with its HOME, user and output base
  local which=$1 root u
  shift
  if [ "$which" = a ]; then root=$a_root; u=$a_user; else root=$b_root; u=$b_user; fi
  (cd "$root/vev" && HOME=$root/home USER=$u LOGNAME=$u \
    bazel --output_base="$root/output_base" --max_idle_secs=600 "$@")
}

cleanup() {
  local rc=$?
  for w in a b; do
    local root=$a_root
    [ "$w" = b ] && root=$b_root
    [ -d "$root/output_base" ] && bazel_in "$w" shutdown >/dev/null 2>&1 || true
  done
  "$repo/tools/remote_cache.sh" stop --dir "$cache_dir" >/dev/null 2>&1 || true
  if [ -z "$keep" ] && [ $rc -eq 0 ]; then
    chmod -R u+w "$work" 2>/dev/null || true
    rm -rf "$work"
  else
    echo "remote_cache_e2e: kept $work" >&2
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free port on 127.0.0.1 (or the one asked for).
if [ -z "$port" ]; then
  for p in $(seq 19092 19191); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
  done
  [ -n "$port" ] || fail "no free port in 19092..19191"
fi
flag=$("$repo/tools/remote_cache.sh" start --port "$port" --dir "$cache_dir")
log "cache: $flag, storage $cache_dir/store"
access_log=$cache_dir/nginx/access.log

make_clone() {  # make_clone ROOT: a clone of $commit in ROOT/vev with its own user.bazelrc
  local root=$1
  mkdir -p "$root/home"
  git clone --quiet --no-checkout "$repo" "$root/vev"
  git -C "$root/vev" checkout --quiet --detach "$commit"
  # No disk cache: the remote cache is the only cache. Only the data folder, as setup.sh
  # would write it.
  : > "$root/vev/user.bazelrc"
  if [ -n "$data_dir" ]; then
    echo "common --repo_env=VEV_DATASETS_DIR=$data_dir" > "$root/vev/user.bazelrc"
  fi
}

targets=(//:figures //tools:show_result)
build_timeout=${VEV_E2E_BUILD_TIMEOUT:-2400}  # seconds per build; A's takes 7-8 min on 2 cores
export -f bazel_in
export a_root b_root a_user b_user
build() {  # build a|b NAME [FLAGS...]: the smoke build of $targets, timed, logged
  local which=$1 name=$2 start end
  shift 2
  local root=$a_root
  [ "$which" = b ] && root=$b_root
  start=$(date +%s.%N)
  if ! timeout "$build_timeout" bash -c 'bazel_in "$@"' _ "$which" build --config=smoke --jobs=2 "$flag" --disk_cache= \
      --execution_log_json_file="$work/$name.exec.json" "$@" "${targets[@]}" \
      > "$work/$name.log" 2>&1; then
    tail -n 30 "$work/$name.log" >&2
    fail "build $name failed or took more than $build_timeout s (log: $work/$name.log)"
  fi
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN {printf "%.1f\n", e - s}' > "$work/$name.seconds"
  spawns "$work/$name.exec.json" > "$work/$name.spawns.tsv"
}

# The spawns of an execution log as TSV lines: mnemonic, runner, progress message.
spawns() {
  awk '
    function field(line) { sub(/^  "[a-zA-Z]+": /, "", line); sub(/,$/, "", line);
                           gsub(/^"|"$/, "", line); return line }
    /^  "mnemonic": /        { m = field($0) }
    /^  "runner": /          { r = field($0) }
    /^  "progressMessage": / { p = field($0) }
    /^\}/ { if (m != "" || r != "") print m "\t" r "\t" p; m = ""; r = ""; p = "" }
  ' "$1"
}

summary() {  # summary NAME: "N spawns: K remote cache hit, ...; experiments: ..." + process line
  local f=$work/$1.spawns.tsv
  echo "$(wc -l < "$f") spawns ($(cut -f2 "$f" | sort | uniq -c | awk '{c=$1; $1=""; printf "%s%d%s", sep, c, $0; sep=","}')); Experiment spawns: $(awk -F'\t' '$1=="Experiment"' "$f" | wc -l) ($(awk -F'\t' '$1=="Experiment" && $2=="remote cache hit"' "$f" | wc -l) remote cache hits)"
}

executed_experiments() {  # labels of the Experiment spawns of NAME that ran (not cache hits)
  awk -F'\t' '$1=="Experiment" && $2!="remote cache hit" {print $3}' "$work/$1.spawns.tsv" \
    | { grep -o '//[^ ,]*' || true; } | sort -u
}

http_counts() {  # requests in the access log since line $1: "GET 200: n, GET 404: n, PUT: n"
  tail -n +"$(( $1 + 1 ))" "$access_log" | awk '
    $1=="GET" && $3==200 {hit++; hb += $4} $1=="GET" && $3==404 {miss++}
    $1=="PUT" {put++; pb += $5}
    END {printf "GET 200 (hits): %d (%d bytes), GET 404 (misses): %d, PUT: %d (%d bytes)\n",
         hit, hb, miss, put, pb}'
}

results() {  # results ROOT: result files relative to bazel-bin, sorted
  (cd "$1/vev/bazel-bin" && find -L . -name '*.pb' -type f | sed 's|^\./||' | sort)
}

# data_view ROOT FILE: a result's spec, tables and scalars as text, without provenance and
# run statistics, and without the values of columns in seconds (the CPU time per phase in
# Fig. 2's *_timing tables: measurements of the machine, not data).
data_view() {
  "$1/vev/bazel-bin/tools/show_result" "$2" | awk '
    /^(provenance|run) \{/ {skip = 1}
    skip { if (/^\}/) skip = 0; next }
    seconds && /^ *values: / { sub(/values: .*/, "values: (seconds, not compared)"); seconds = 0 }
    { seconds = ($0 ~ /^ *unit: "s"$/); print }'
}

compare_data() {  # compare_data FILE...: data_view of each equal in A and B, else fail
  local f n=0
  for f in "$@"; do
    if ! diff <(data_view "$a_root" "$a_root/vev/bazel-bin/$f") \
              <(data_view "$b_root" "$b_root/vev/bazel-bin/$f") > "$work/diff.txt"; then
      head -n 20 "$work/diff.txt" >&2
      fail "tables/scalars of $f differ between A and B"
    fi
    n=$((n + 1))
  done
  echo "$n"
}

log "commit $commit; datasets: ${data_dir:-none (data unavailable results)}"
log "clone A: $a_root/vev (HOME=$a_root/home, USER=$a_user)"
make_clone "$a_root"
log "clone B: $b_root/vev (HOME=$b_root/home, USER=$b_user)"
make_clone "$b_root"

# ---- A: from scratch, fills the cache ----
n0=$(wc -l < "$access_log")
build a A
log "A:  $(cat "$work/A.seconds") s; $(summary A)"
log "A:  $(grep -m1 ' processes: ' "$work/A.log" | sed 's/^INFO: //')"
log "A:  cache traffic: $(http_counts "$n0")"
log "A:  cache now holds $("$repo/tools/remote_cache.sh" status --dir "$cache_dir" | sed 's/.*storage [^,]*, //')"
mapfile -t a_results < <(results "$a_root")
[ ${#a_results[@]} -gt 0 ] || fail "A built no result files"

# ---- B1: same commit, another path, fresh output base: all from the cache ----
n0=$(wc -l < "$access_log")
build b B1
log "B1: $(cat "$work/B1.seconds") s; $(summary B1)"
log "B1: $(grep -m1 ' processes: ' "$work/B1.log" | sed 's/^INFO: //')"
log "B1: cache traffic: $(http_counts "$n0")"
ran=$(executed_experiments B1)
[ -z "$ran" ] || fail "B1 executed experiment actions instead of taking them from the cache: $ran"
executed=$(awk -F'\t' '$2!="remote cache hit"' "$work/B1.spawns.tsv" | wc -l)
[ "$(awk -F'\t' '$1=="Experiment"' "$work/B1.spawns.tsv" | wc -l)" -gt 0 ] \
  || fail "B1 has no Experiment spawn in its execution log"
mapfile -t b_results < <(results "$b_root")
[ "${a_results[*]}" = "${b_results[*]}" ] || fail "A and B have different result files"
for f in "${a_results[@]}"; do
  cmp -s "$a_root/vev/bazel-bin/$f" "$b_root/vev/bazel-bin/$f" || fail "$f differs between A and B"
done
log "B1: 0 experiments executed ($executed spawns executed in all); ${#a_results[@]} result files byte-identical to A's"

# ---- B2: a real change to one initializer reruns only its experiments ----
gsm=lib/nn/init/gsm.cc
grep -q '"); use an even width"' "$b_root/vev/$gsm" || fail "$gsm: the error text to change is gone"
sed -i 's/"); use an even width"/"); use an even width, e.g. 10"/' "$b_root/vev/$gsm"
expected=$(bazel_in b query --noshow_progress \
  'kind(vev_experiment, rdeps(deps(//:figures), //lib/nn/init:gsm))' 2>/dev/null | sort -u)
[ -n "$expected" ] || fail "query for the experiments that use //lib/nn/init:gsm returned nothing"
n0=$(wc -l < "$access_log")
build b B2
log "B2: $(cat "$work/B2.seconds") s; $(summary B2)"
log "B2: $(grep -m1 ' processes: ' "$work/B2.log" | sed 's/^INFO: //')"
log "B2: cache traffic: $(http_counts "$n0")"
ran=$(executed_experiments B2)
[ -n "$ran" ] || fail "B2: the change to $gsm ran no experiment (did the binary not change?)"
unexpected=$(comm -13 <(echo "$expected") <(echo "$ran"))
[ -z "$unexpected" ] || fail "B2: experiments that do not use gsm ran: $unexpected"
log "B2: executed experiments ($(echo "$ran" | wc -l) of the $(echo "$expected" | wc -l) that depend on gsm): $(echo $ran)"
log "B2: the other experiments that depend on gsm, not run (not built at this scale, or same inputs): $(comm -23 <(echo "$expected") <(echo "$ran") | tr '\n' ' ')"
n=$(compare_data "${a_results[@]}")
log "B2: tables and scalars of all $n results equal A's"

# ---- B3: unchanged code, every experiment executed again in B (not from the cache) ----
git -C "$b_root/vev" checkout --quiet -- "$gsm"
n0=$(wc -l < "$access_log")
build b B3 --modify_execution_info=Experiment=+no-remote-cache
log "B3: $(cat "$work/B3.seconds") s; $(summary B3)"
log "B3: cache traffic: $(http_counts "$n0")"
n_exp=$(awk -F'\t' '$1=="Experiment" && $2!="remote cache hit"' "$work/B3.spawns.tsv" | wc -l)
n_a=$(awk -F'\t' '$1=="Experiment"' "$work/A.spawns.tsv" | wc -l)
[ "$n_exp" -eq "$n_a" ] || fail "B3 executed $n_exp experiment actions, A $n_a"
n=$(compare_data "${a_results[@]}")
log "B3: $n_exp experiment actions executed in B; tables and scalars of all $n results equal A's"
# Nothing machine-specific in any result: paths, HOMEs, user names, host name.
leaks=""
for root in "$a_root" "$b_root"; do
  for f in "${a_results[@]}"; do
    # The raw bytes for the long strings; the text view, whole words, for the host name
    # (which may be as short as two letters).
    if grep -a -q -F -e "$work" -e "$a_user" -e "$b_user" "$root/vev/bazel-bin/$f" ||
       "$root/vev/bazel-bin/tools/show_result" "$root/vev/bazel-bin/$f" | grep -q -w -F "$(hostname)"; then
      leaks="$leaks $root/vev/bazel-bin/$f"
    fi
  done
done
[ -z "$leaks" ] || fail "a clone path, HOME, user or host name appears in:$leaks"
log "B3: no result contains a clone path, HOME, user name or the host name ($(hostname))"
if [ -n "$data_dir" ]; then
  # Known, not a failure here (both clones use the same folder): the data folder's path is
  # in the dataset manifests (inputs of every experiment that reads data, so part of their
  # action keys) and in the results' dataset descriptions (datasets/repositories.bzl).
  n=0
  for f in "${a_results[@]}"; do
    grep -a -q -F "$data_dir" "$a_root/vev/bazel-bin/$f" && n=$((n + 1))
  done
  log "note: $n of ${#a_results[@]} results name the data folder $data_dir (dataset origin)"
fi

log "cache holds $("$repo/tools/remote_cache.sh" status --dir "$cache_dir" | sed 's/.*storage [^,]*, //')"
log "PASS: A $(cat "$work/A.seconds") s from scratch, B1 $(cat "$work/B1.seconds") s all from the cache, B2 $(cat "$work/B2.seconds") s, B3 $(cat "$work/B3.seconds") s"

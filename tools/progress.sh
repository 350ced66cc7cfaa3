#!/usr/bin/env bash
# Shows the progress of the experiment actions running on this machine: one line per action,
# with its result file, done/total, elapsed time and ETA. Bazel prints an action's progress
# only when the action ends; the experiment binaries also keep their latest report in
# ${VEV_PROGRESS_DIR:-${TMPDIR:-/tmp}/vev-progress}/<pid>.progress (lib/base/progress.h).
#
#   tools/progress.sh              # once
#   tools/progress.sh --watch [S]  # every S seconds (default 10) until interrupted
#
# Run it in a second terminal while `bazel build //:figures` (or --config=paper) runs.
set -euo pipefail

dir=${VEV_PROGRESS_DIR:-${TMPDIR:-/tmp}/vev-progress}
watch=""
interval=10
while [ $# -gt 0 ]; do
  case "$1" in
    --watch) watch=1; shift
             if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then interval=$1; shift; fi ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "progress.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

duration() {  # seconds -> "1h02m", "3m05s", "42s"; "?" if unknown
  local s=$1
  if [ "$s" -lt 0 ]; then echo "?"; return; fi
  if [ "$s" -ge 3600 ]; then printf '%dh%02dm' $((s / 3600)) $((s % 3600 / 60))
  elif [ "$s" -ge 60 ]; then printf '%dm%02ds' $((s / 60)) $((s % 60))
  else printf '%ds' "$s"; fi
}

show() {
  local now n=0 f pid name done total unit elapsed eta stamp out
  now=$(date +%s)
  shopt -s nullglob
  for f in "$dir"/*.progress; do
    IFS=$'\t' read -r pid name done total unit elapsed eta stamp < "$f" || continue
    if [ ! -d "/proc/$pid" ]; then rm -f "$f"; continue; fi  # ended or killed
    # The action's result file names its experiment, scale and shard.
    out=$(tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null | sed -n 's/^--out=//p' | head -1)
    out=${out#bazel-out/*/bin/}
    elapsed=$((elapsed + now - stamp))
    [ "$eta" -ge 0 ] && eta=$((eta > now - stamp ? eta - (now - stamp) : 0))
    printf '%-72s %6s/%-6s %-8s %5.1f%%  elapsed %-7s ETA %s\n' "${out:-$name}" "$done" \
      "$total" "$unit" "$(awk -v d="$done" -v t="$total" 'BEGIN { print (t > 0 ? 100 * d / t : 0) }')" \
      "$(duration "$elapsed")" "$(duration "$eta")"
    n=$((n + 1))
  done
  [ "$n" -gt 0 ] || echo "no experiment action is running (status files: $dir)"
}

if [ -z "$watch" ]; then show; exit 0; fi
while true; do
  printf '\n%s\n' "$(date '+%H:%M:%S')"
  show
  sleep "$interval"
done

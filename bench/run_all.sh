#!/usr/bin/env bash
# Runs every benchmark binary given as an argument and writes one Google Benchmark JSON
# file per binary (bench/README.md).
#
#   bazel run //bench:all -- [--out_dir=DIR] [any --benchmark_* flag ...]
#
# DIR defaults to bench_results/<UTC time> in the workspace (under `bazel run`) or in the
# current directory. Every binary gets --benchmark_repetitions=3
# --benchmark_report_aggregates_only=true, then the flags given (a later flag wins).
set -euo pipefail

binaries=()
out_dir=""
flags=(--benchmark_repetitions=3 --benchmark_report_aggregates_only=true)
for arg in "$@"; do
  case "$arg" in
    --out_dir=*) out_dir=${arg#--out_dir=} ;;
    --benchmark_*) flags+=("$arg") ;;
    *) binaries+=("$arg") ;;
  esac
done
if [ -z "$out_dir" ]; then
  out_dir="${BUILD_WORKSPACE_DIRECTORY:-$PWD}/bench_results/$(date -u +%Y%m%dT%H%M%SZ)"
fi
mkdir -p "$out_dir"
for binary in "${binaries[@]}"; do
  name=$(basename "$binary")
  echo "== $name -> $out_dir/$name.json" >&2
  "$binary" "${flags[@]}" --benchmark_out="$out_dir/$name.json" --benchmark_out_format=json
done
echo "JSON results in $out_dir" >&2

#!/usr/bin/env bash
# show_result's command line: formats, a table as CSV, bad flags exit 2 with one line.
set -euo pipefail
show=$(readlink -f "$1")
result=$(readlink -f "$2")
cd "${TEST_TMPDIR:-$(mktemp -d)}"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$show" "$result" > text.txt
grep -q '^spec {' text.txt || fail "text format"
"$show" --format=json "$result" > json.txt
grep -q '"tables"' json.txt || fail "json format"
"$show" --format=csv --table=largest_eigenvalue "$result" > table.csv
header=$(head -1 table.csv)
[[ "$header" == *width* ]] || fail "csv header: $header"
if "$show" --format=xml "$result" 2>/dev/null; then fail "bad --format accepted"; fi
set +e
"$show" --format=xml "$result" 2>err.txt; code=$?
set -e
[ "$code" -eq 2 ] || fail "bad --format exit $code"
[ "$(wc -l < err.txt)" -eq 1 ] || fail "bad --format: more than one line: $(cat err.txt)"
if "$show" --format=csv --table=nope "$result" 2>/dev/null; then fail "missing table accepted"; fi
# Relative paths are resolved against BUILD_WORKING_DIRECTORY (what `bazel run` sets).
(cd / && BUILD_WORKING_DIRECTORY=$(dirname "$result") "$show" "$(basename "$result")" >/dev/null) ||
  fail "relative path against BUILD_WORKING_DIRECTORY"
"$show" --help >/dev/null 2>&1 || true
echo "PASS"

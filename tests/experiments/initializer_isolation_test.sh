#!/usr/bin/env bash
# Which experiments of //:figures depend on one initializer's library (a genquery of the
# build graph): exactly the expected ones, so that a change to that initializer reruns
# those and leaves every other cached result alone.
#   initializer_isolation_test.sh QUERY_OUTPUT EXPECTED_LABEL...
set -euo pipefail
query=$1
shift
actual=$(sort -u "$query")
expected=$(printf '%s\n' "$@" | sort -u)
if [ "$actual" != "$expected" ]; then
  echo "FAIL: experiments depending on the library ($query):" >&2
  diff <(echo "$expected") <(echo "$actual") | sed 's/^</  missing:/; s/^>/  unexpected:/' >&2
  exit 1
fi
echo "$(echo "$actual" | wc -l) experiments depend on it, as expected"

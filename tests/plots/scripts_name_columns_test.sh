#!/bin/bash
# Every gnuplot script given as an argument names its columns (col_<table>_<column>,
# col(table, column): see tools/result_to_tables.cc) instead of numbering them: no
# `using 1:2`, `$3` or `column(4)`, and no `stats ... using 2`.
set -euo pipefail
status=0
for script in "$@"; do
  # Colors ("#1f5fa8"), comments and `every ::0::0` aside; a column number follows `using`,
  # a ':' of a using spec, '$' or column(.
  if hits=$(sed -E 's/"#[0-9a-fA-F]{6}"/"color"/g; s/#.*//; s/every [^ ]*//g' "$script" | grep -nE '(using|:)[[:space:]]*\(?[0-9]+[[:space:]]*(:|\)|$|[[:space:]]+(with|title|notitle|nooutput|every|lc|lt|pt|ps|lw|dt|axes|smooth))|\$[0-9]|column\([[:space:]]*[0-9]'); then
    echo "FAIL $script numbers columns:"
    echo "$hits"
    status=1
  fi
done
[[ $# -gt 0 ]] || { echo "no scripts given"; exit 1; }
[[ $status -eq 0 ]] && echo "PASS: $# scripts name their columns"
exit $status

#!/bin/bash
# Every link and image path in the report of the build's scale (//:report) resolves: each
# href/src is either "#id" with that id in the page, or a relative path to a file in the
# page's folder. No absolute URL (the page must work offline and when moved).
set -euo pipefail

runfiles="${TEST_SRCDIR}/${TEST_WORKSPACE}"
pages=("${runfiles}"/report/*/index.html)
[[ ${#pages[@]} -eq 1 && -f "${pages[0]}" ]] || { echo "FAIL: expected one report/<scale>/index.html"; exit 1; }
page="${pages[0]}"
dir="$(dirname "${page}")"
status=0
count=0
while read -r ref; do
  count=$((count + 1))
  case "${ref}" in
    \#*)
      grep -q "id=\"${ref#\#}\"" "${page}" || { echo "FAIL: anchor ${ref} has no id"; status=1; } ;;
    *:*|/*)
      echo "FAIL: absolute or external reference ${ref}"; status=1 ;;
    *)
      [[ -s "${dir}/${ref}" ]] || { echo "FAIL: ${ref} does not exist beside the page"; status=1; } ;;
  esac
done < <(grep -o -E '(href|src)="[^"]*"' "${page}" | sed -E 's/^(href|src)="(.*)"$/\2/')
(( count > 0 )) || { echo "FAIL: no links found"; status=1; }
echo "${count} links and image paths checked"
exit "${status}"

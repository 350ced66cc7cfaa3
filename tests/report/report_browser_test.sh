#!/bin/bash
# Renders the report of the build's scale (//:report) in headless Chromium and checks that
# every figure loaded (no broken image: each <img> complete with naturalWidth > 0), that the
# page height is plausible and that every claim of //claims:claims has its row. Saves a
# screenshot as an undeclared test output (report.png; bazel-testlogs/.../test.outputs):
# the top 6,000 px by default (about 3 s); the whole page (about 50,000 px at smoke scale,
# 1.5 min of software rendering) with --test_env=REPORT_SCREENSHOT_HEIGHT=full.
set -euo pipefail

runfiles="${TEST_SRCDIR}/${TEST_WORKSPACE}"
pages=("${runfiles}"/report/*/index.html)
[[ ${#pages[@]} -eq 1 && -f "${pages[0]}" ]] || { echo "FAIL: expected one report/<scale>/index.html, got ${pages[*]}"; exit 1; }
page_dir="$(dirname "${pages[0]}")"
claims=("${runfiles}"/claims/*/claims.pb)
out="${TEST_UNDECLARED_OUTPUTS_DIR:-${TEST_TMPDIR}}"
chromium_bin="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "${chromium_bin}" ]] || { echo "FAIL: ${chromium_bin} not found (tools/setup.sh installs it)"; exit 1; }

# A copy of the page with a tiny check script appended (the report itself has no script).
work="${TEST_TMPDIR}/page"
mkdir -p "${work}"
cp -L "${page_dir}"/* "${work}/"
cat >> "${work}/index.html" <<'SCRIPT'
<script>
window.addEventListener('load', function () {
  var imgs = document.images, broken = [];
  for (var i = 0; i < imgs.length; i++) {
    if (!imgs[i].complete || imgs[i].naturalWidth === 0) broken.push(imgs[i].getAttribute('src'));
  }
  var p = document.createElement('pre');
  p.id = 'report-check';
  p.textContent = 'CHECK images=' + imgs.length + ' broken=' + broken.length + ' height=' +
      document.documentElement.scrollHeight + ' claims=' +
      document.querySelectorAll('tr.claim').length + ' broken_list=' + broken.join(' ') + ' END';
  document.body.appendChild(p);
});
</script>
SCRIPT

chrome() {
  local profile
  profile="$(mktemp -d "${TEST_TMPDIR}/profile.XXXXXX")"
  HOME="${TEST_TMPDIR}" timeout 120 "${chromium_bin}" --headless --no-sandbox --disable-gpu \
    --disable-quic --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="${profile}" --virtual-time-budget=10000 "$@" 2>"${TEST_TMPDIR}/chromium.log"
}

dom="$(chrome --dump-dom "file://${work}/index.html")"
check="$(grep -o 'CHECK [^<]* END' <<<"${dom}" || true)"
[[ -n "${check}" ]] || { echo "FAIL: the check script did not run"; tail -5 "${TEST_TMPDIR}/chromium.log"; exit 1; }
echo "${check}"
field() { sed -n "s/.* $1=\([0-9]*\) .*/\1/p" <<<"${check}"; }
images="$(field images)"; broken="$(field broken)"; height="$(field height)"; rows="$(field claims)"

pngs="$(ls "${page_dir}"/*.png | wc -l)"
expected_claims="$("${runfiles}/tools/show_result" --format=json "${claims[0]}" | grep -c '"name": "claim:' || true)"
status=0
[[ "${images}" -eq "${pngs}" ]] || { echo "FAIL: ${images} <img> in the page, ${pngs} figures beside it"; status=1; }
[[ "${broken}" -eq 0 ]] || { echo "FAIL: ${broken} broken images"; status=1; }
[[ "${rows}" -eq "${expected_claims}" ]] || { echo "FAIL: ${rows} claim rows, ${expected_claims} claims in claims.pb"; status=1; }
# Plausible: at least a screen per two figures, at most 100,000 px.
(( height >= 600 * pngs && height <= 100000 )) || { echo "FAIL: page height ${height} px"; status=1; }

shot_height="${REPORT_SCREENSHOT_HEIGHT:-6000}"
[[ "${shot_height}" == full ]] && shot_height="${height}"
chrome --screenshot="${out}/report.png" --window-size=1200,"${shot_height}" "file://${work}/index.html" >/dev/null
size="$(stat -c %s "${out}/report.png")"
(( size > 100000 )) || { echo "FAIL: screenshot only ${size} bytes"; status=1; }
echo "images ${images} (broken ${broken}), claim rows ${rows} of ${expected_claims}, height ${height} px, screenshot ${size} bytes: ${out}/report.png"
exit "${status}"

#!/usr/bin/env bash
# Writes one PNG per public portal page and the year-end report to docs/screenshots/, with Debian's chromium (headless)
# against a running server with the demo data (scripts/run.sh; FAIRDRAW_URL, default http://127.0.0.1:5080). Not part of
# the test run.
set -euo pipefail
cd "$(dirname "$0")/.."
url="${FAIRDRAW_URL:-http://127.0.0.1:5080}"
task="${FAIRDRAW_SCREENSHOT_TASK:-2021-520100-SJJ-T01}"
out=docs/screenshots
mkdir -p "$out"

shoot() { # name path width height
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$3,$4" \
    --virtual-time-budget=60000 --screenshot="$out/$1.png" "$url$2" 2>/dev/null
  echo "$out/$1.png"
}

shoot home / 1280 1300
shoot task "/tasks/$task" 1280 2000
shoot results "/results?q=%E7%9B%9B%E5%8D%9A" 1280 700
shoot ledger /ledger 1280 1000
shoot verify "/verify/$task" 1280 1400
# 企业页: an entity the demo task's executed round selected, read from the task's public draw.
entity=$(curl -fsS "$url/api/tasks/$task/draw" | python3 -c 'import json,sys; print(next(r["execution"]["selected"][0]["entityId"] for r in json.load(sys.stdin)["rounds"] if r["execution"]))')
shoot entity "/entities/$entity" 1280 1700
shoot home-phone / 390 1600
# 年度总结: internal, so read with an auditor's token (the `token` verb, the server's keys) into a file beside its
# stylesheet, and shot from there.
token=$(dotnet src/Api/bin/Release/net10.0/FairDraw.Api.dll token Auditor --jurisdiction 520000 --user screenshots)
report=$(mktemp -d)
curl -fsS -H "Authorization: Bearer $token" "$url/api/summaries/2021/report?jurisdiction=520100" \
  | sed 's#/portal/assets/summary.css#summary.css#' > "$report/summary.html"
curl -fsS "$url/portal/assets/summary.css" > "$report/summary.css"
url="file://$report" shoot summary /summary.html 1280 1100
rm -r "$report"

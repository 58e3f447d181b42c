#!/usr/bin/env bash
# Times GET /api/public/entities/{uscc}/draws for one entity of a round beside a plain read of the same receipts
# (GET /api/ledger/receipts/{sequence} for each receipt the answer carries), alternating in one run, so the ratio holds
# under load (docs/performance.md, "The per-entity endpoint at city scale"). The API must already serve at $url with
# Ledger:HeavyReads:PermitLimit raised. Usage: scripts/bench-entity-draws.sh <url> <uscc> [runs, default 7]
set -euo pipefail
url="$1" uscc="$2" runs="${3:-7}"

seconds() { curl -sf -o "$2" -w '%{time_total}' "$url$1"; }

body=$(mktemp)
trap 'rm -f "$body"' EXIT
echo "first (cold) entity read: $(seconds "/api/public/entities/$uscc/draws" "$body") s"
sequences=$(python3 -c 'import json,sys
for d in json.load(open(sys.argv[1]))["draws"]:
    r = d["receipts"]
    for x in [r["poolFrozen"], r["drawCommitted"], *r["partySecrets"], r["randomnessRecorded"], r["drawExecuted"]]:
        if x: print(x["sequence"])' "$body")
echo "receipts: $(echo $sequences | wc -w)"
echo "run entity_s plain_s ratio"
for run in $(seq 1 "$runs"); do
  entity=$(seconds "/api/public/entities/$uscc/draws" /dev/null)
  plain=0
  for sequence in $sequences; do
    plain=$(python3 -c "print($plain + $(seconds "/api/ledger/receipts/$sequence" /dev/null))")
  done
  python3 -c "print($run, '%.4f' % $entity, '%.4f' % $plain, '%.2f' % ($entity / $plain))"
done

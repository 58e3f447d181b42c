#!/usr/bin/env bash
# Runs the whole test suite: starts the embedded PostgreSQL if needed (installing it if missing), then every test
# project of Ledger.sln. Extra arguments go to `dotnet test` (e.g. --filter). Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/postgres.sh >/dev/null
log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet test Ledger.sln -c Release "$@" 2>&1 | tee "$log" || status=$?

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, …") into one closing line.
awk '/(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+/ {
       gsub(",", ""); failed += $4; passed += $6; skipped += $8; runs++ }
     END { if (runs == 0) { print "0 passed, 0 failed"; exit } printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$log"
exit "$status"

#!/usr/bin/env bash
# Runs the whole test suite: starts the embedded PostgreSQL if needed (installing it if missing), installs Debian's
# chromium and CJK fonts if missing (the public page's tests drive that browser through Playwright; Playwright's own
# browser download is never used), installs the JavaScript verifier's dependency with npm ci if missing or stale
# (scripts/verifier-deps.sh), every test project of Ledger.sln, the independent JavaScript draw verifier against
# the published vectors (node:test), and the Python cross-check of those vectors with its tampered copies. Extra
# arguments go to `dotnet test` (e.g. --filter). Ends with "N passed, N failed".
# The tests use FAIRDRAW_TEST_DATABASE when it is set (a database they may fill and reset), otherwise the embedded
# server's fairdraw_test; FAIRDRAW_DATABASE, the run command's server, is never the tests' database.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${FAIRDRAW_TEST_DATABASE:-}" ]; then
  FAIRDRAW_DATABASE='' scripts/postgres.sh >/dev/null
fi
if ! command -v chromium >/dev/null || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
fi
scripts/verifier-deps.sh # @noble/curves for the drand checks (server, node:test, the page in chromium)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet test Ledger.sln -c Release "$@" 2>&1 | tee "$log" || status=$?
node --test verifier/ 2>&1 | tee -a "$log" || status=$?
python3 scripts/cross-check-draw-vectors.py 2>&1 | tee -a "$log" || status=$?
python3 -m unittest discover -s scripts -p 'test_*.py' 2>&1 | tee -a "$log" || status=$?

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, …") and node's "# pass N" / "# fail N"
# into one closing line.
awk '/(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+/ { gsub(",", ""); failed += $4; passed += $6; skipped += $8; runs++ }
     /^# pass [0-9]+$/ { passed += $3; runs++ }
     /^# fail [0-9]+$/ { failed += $3 }
     END { if (runs == 0) { print "0 passed, 0 failed"; exit } printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$log"
exit "$status"

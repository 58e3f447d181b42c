#!/usr/bin/env bash
# Installs the JavaScript verifier's dependencies (@noble/hashes and @noble/curves, pinned in verifier/package-lock.json)
# with `npm ci` when verifier/node_modules is missing or was installed from another lock file. The server's drand check
# (Node) and the public page both load it from there.
set -euo pipefail
cd "$(dirname "$0")/../verifier"
stamp=node_modules/.installed-from-package-lock.json
if ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

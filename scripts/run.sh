#!/usr/bin/env bash
# Runs the product locally: starts the embedded PostgreSQL (installing it if missing), installs the JavaScript
# verifier's dependency if missing or stale (scripts/verifier-deps.sh), applies the schema as its owner
# (`migrate`, on FAIRDRAW_OWNER_DATABASE), creates the signing keys on first run, loads the Guiyang demo data on first
# run (a second run loads nothing twice), prints one token per role, then serves the API as the application role.
set -euo pipefail
cd "$(dirname "$0")/.."

# Without FAIRDRAW_DATABASE the API and the CLI connect to the embedded server on FAIRDRAW_PG_PORT themselves.
if [ -z "${FAIRDRAW_DATABASE:-}" ]; then
  scripts/postgres.sh
fi
url="${FAIRDRAW_URL:-http://127.0.0.1:5080}"

scripts/verifier-deps.sh # the drand check the server runs under Node, and the public page's module
dotnet build src/Api/Api.csproj -c Release -nologo -v quiet
api=src/Api/bin/Release/net10.0/FairDraw.Api.dll
dotnet "$api" migrate
dotnet "$api" init-keys
dotnet "$api" demo

echo
echo "API:           $url"
echo "API reference: $url/docs"
echo "OpenAPI:       $url/openapi/v1.json"
echo "Stop with Ctrl+C; stop the embedded PostgreSQL with scripts/postgres.sh stop."
ASPNETCORE_URLS="$url" exec dotnet "$api"

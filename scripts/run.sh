#!/usr/bin/env bash
# Runs the product locally: starts the embedded PostgreSQL (installing it if missing), applies the schema, loads the
# Guiyang demo data on first run (a second run loads nothing twice), prints one token per role, then serves the API.
set -euo pipefail
cd "$(dirname "$0")/.."

# An assignment of its own, so that set -e stops here when the embedded server cannot start (inside `export` the
# failure would be masked and the API would connect to whatever else listens on the port).
database="${FAIRDRAW_DATABASE:-}"
if [ -z "$database" ]; then
  database=$(scripts/postgres.sh)
fi
export FAIRDRAW_DATABASE="$database"
url="${FAIRDRAW_URL:-http://127.0.0.1:5080}"

dotnet build src/Api/Api.csproj -c Release -nologo -v quiet
api=src/Api/bin/Release/net10.0/FairDraw.Api.dll
dotnet "$api" demo

echo
echo "API:           $url"
echo "API reference: $url/docs"
echo "OpenAPI:       $url/openapi/v1.json"
echo "Stop with Ctrl+C."
ASPNETCORE_URLS="$url" exec dotnet "$api"

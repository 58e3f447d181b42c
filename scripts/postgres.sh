#!/usr/bin/env bash
# Ensures the project's embedded PostgreSQL 15 is installed, initialised and running on loopback, and that the
# databases exist. Prints the connection string of the main database on stdout; progress goes to stderr.
# When FAIRDRAW_DATABASE is set, that server is used instead and nothing is started.
set -euo pipefail

if [ -n "${FAIRDRAW_DATABASE:-}" ]; then
  echo "$FAIRDRAW_DATABASE"
  exit 0
fi

root=$(cd "$(dirname "$0")/.." && pwd)
port=${FAIRDRAW_PG_PORT:-55432}
bin=/usr/lib/postgresql/15/bin
log() { echo "[postgres] $*" >&2; }

if [ ! -x "$bin/pg_ctl" ]; then
  log "PostgreSQL 15 is missing: installing the Debian package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql-15 >&2
fi

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The data lives in a git-ignored project folder. initdb refuses root, so the folder belongs to the postgres user;
# when that user cannot reach the project folder (a private parent directory), a per-project folder under
# /var/lib/fairdraw is used instead.
data="$root/.local/pgdata"
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$root"; then
  data="/var/lib/fairdraw/$(printf '%s' "$root" | sha1sum | cut -c1-12)/pgdata"
  log "the postgres user cannot reach $root; using $data"
fi
mkdir -p "$(dirname "$data")"
if [ "$(id -u)" = 0 ]; then chown postgres "$(dirname "$data")"; fi

if [ ! -f "$data/PG_VERSION" ]; then
  log "initialising a cluster in $data"
  as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '/tmp'
max_connections = 200
shared_buffers = 512MB
max_wal_size = 4GB
CONF
fi

if ! as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  log "starting on 127.0.0.1:$port"
  if ! as_postgres "$bin/pg_ctl" -D "$data" -l "$(dirname "$data")/postgres.log" -w start >/dev/null; then
    log "could not start PostgreSQL on port $port (is another server using it? stop it, or set FAIRDRAW_DATABASE to use it);"
    log "see $(dirname "$data")/postgres.log"
    exit 1
  fi
fi

for db in fairdraw fairdraw_test; do
  if ! psql -h 127.0.0.1 -p "$port" -U postgres -Atqc "select 1 from pg_database where datname = '$db'" postgres | grep -q 1; then
    log "creating database $db"
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "create database $db" postgres >/dev/null
  fi
done

echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=fairdraw"

#!/usr/bin/env bash
# Starts the project's embedded PostgreSQL 15 (installing and initialising it if needed) on loopback port
# FAIRDRAW_PG_PORT (default 55432) and creates the databases and the two roles (fairdraw_owner owns the fairdraw
# database and its objects, fairdraw_app is the service's); `scripts/postgres.sh stop` stops it. Progress goes to
# stderr. The API and the CLI build the same connection string themselves (Hosting/LedgerSettings), from the same
# FAIRDRAW_PG_PORT. When FAIRDRAW_DATABASE is set, that server is used instead and nothing is started or stopped.
set -euo pipefail

action=${1:-start}
log() { echo "[postgres] $*" >&2; }
case "$action" in
  start | stop) ;;
  *) log "usage: scripts/postgres.sh [start|stop]"; exit 2 ;;
esac

if [ -n "${FAIRDRAW_DATABASE:-}" ]; then
  log "FAIRDRAW_DATABASE is set: using that server, nothing to $action"
  exit 0
fi

root=$(cd "$(dirname "$0")/.." && pwd)
port=${FAIRDRAW_PG_PORT:-55432}
bin=/usr/lib/postgresql/15/bin

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The data lives in a git-ignored project folder (.local/pgdata); when the postgres user cannot reach the project
# folder (a private parent directory), in a per-project folder under /var/lib/fairdraw instead.
data="$root/.local/pgdata"
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$root"; then
  data="/var/lib/fairdraw/$(printf '%s' "$root" | sha1sum | cut -c1-12)/pgdata"
  log "the postgres user cannot reach $root; using $data"
fi
base=$(dirname "$data")
server_log="$base/postgres.log"

if [ "$action" = stop ]; then
  if [ -f "$data/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "stopping the server in $data"
    as_postgres "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  else
    log "no server running in $data"
  fi
  exit 0
fi

if [ ! -x "$bin/pg_ctl" ]; then
  log "PostgreSQL 15 is missing: installing the Debian package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql-15 >&2
fi

# initdb refuses root, so the data folder and the server's log belong to the postgres user; the folder holding them
# (.local, where the service's keys also live) stays the caller's, so that the database's OS user cannot swap the keys.
mkdir -p "$data"
chmod 755 "$base"
if [ "$(id -u)" = 0 ]; then
  touch "$server_log"
  chown root: "$base"
  chown postgres: "$data" "$server_log"
fi
chmod 700 "$data"

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
  if ! as_postgres "$bin/pg_ctl" -D "$data" -l "$server_log" -o "-p $port" -w start >/dev/null; then
    log "could not start PostgreSQL on port $port (is another server using it? stop it, or set FAIRDRAW_DATABASE to use it);"
    log "see $server_log"
    exit 1
  fi
fi

for db in fairdraw fairdraw_test; do
  if ! psql -h 127.0.0.1 -p "$port" -U postgres -Atqc "select 1 from pg_database where datname = '$db'" postgres | grep -q 1; then
    log "creating database $db"
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "create database $db" postgres >/dev/null
  fi
done

# Two roles, neither a superuser: fairdraw_owner owns the fairdraw database and applies the schema (`migrate`);
# fairdraw_app, the service's, owns nothing and gets its rights from `migrate`. Loopback connections are trusted
# (initdb --auth=trust above), so neither has a password here (README, "Database roles"). A database made before the
# roles existed has its objects handed to the owner, so that `migrate` may change them.
sql() { psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qX "$@" >/dev/null; }
for role in fairdraw_owner fairdraw_app; do
  sql -d postgres -c "do \$\$ begin create role $role login; exception when duplicate_object or unique_violation then null; end \$\$"
done
sql -d postgres -c "alter database fairdraw owner to fairdraw_owner"
sql -d fairdraw <<'SQL'
do $$
declare
  item record;
begin
  for item in select nspname from pg_namespace
              where nspname not like 'pg\_%' and nspname not in ('information_schema', 'public')
                and nspowner <> 'fairdraw_owner'::regrole loop
    execute format('alter schema %I owner to fairdraw_owner', item.nspname);
  end loop;
  -- Tables first: their owned sequences (serial columns) and row types follow them.
  for item in select c.oid::regclass as name, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where n.nspname not like 'pg\_%' and n.nspname <> 'information_schema' and c.relkind in ('r', 'p', 'v', 'm', 'S')
                and c.relowner <> 'fairdraw_owner'::regrole
                and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i'))
              order by c.relkind = 'S' loop
    execute format('alter %s %s owner to fairdraw_owner',
      case item.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' else 'table' end, item.name);
  end loop;
  for item in select p.oid::regprocedure as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
              where n.nspname not like 'pg\_%' and n.nspname <> 'information_schema' and p.proowner <> 'fairdraw_owner'::regrole loop
    execute format('alter routine %s owner to fairdraw_owner', item.name);
  end loop;
  for item in select format('%I.%I', n.nspname, s.stxname) as name from pg_statistic_ext s join pg_namespace n on n.oid = s.stxnamespace
              where s.stxowner <> 'fairdraw_owner'::regrole loop
    execute format('alter statistics %s owner to fairdraw_owner', item.name);
  end loop;
end $$;
SQL

#!/usr/bin/env bash
# Start/stop a throwaway PostgreSQL cluster on 127.0.0.1 for tests and CI (no Docker needed).
# Usage:  eval "$(bash scripts/pg-throwaway.sh start)"   # exports PGTMP_DIR, PGPORT, DATABASE_URL
#         bash scripts/pg-throwaway.sh stop "$PGTMP_DIR"
set -euo pipefail
PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
DB_NAME="${DB_NAME:-poms_test}"
# initdb/postgres refuse to run as root: then run them as the 'postgres' system user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

case "${1:-}" in
start)
  [ -x "$PGBIN/initdb" ] || { echo "no PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 1; }
  dir="$(mktemp -d "${TMPDIR:-/tmp}/pgtmp.XXXXXX")"
  port="${PGPORT_WANTED:-$(free_port)}"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_pg "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # Test-only speed settings: durability off; the socket stays inside the temp dir.
  as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start -o \
    "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB_NAME"
  echo "export PGTMP_DIR='$dir' PGPORT='$port' DATABASE_URL='postgres://postgres@127.0.0.1:$port/$DB_NAME'"
  ;;
stop)
  dir="${2:?usage: $0 stop DIR}"
  if [ -f "$dir/data/postmaster.pid" ]; then as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; fi
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac

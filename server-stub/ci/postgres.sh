#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the collector's integration tests and prints, on
# stdout and nothing else, the Maven flags that point the tests at it:
#
#   PG_FLAGS=$(bash server-stub/ci/postgres.sh)
#   mvn -B verify $PG_FLAGS
#
# The cluster listens on 127.0.0.1 only (port $BANWATCH_PG_PORT, default 55432) with trust
# authentication, keeps its data and socket in $BANWATCH_PG_DIR (default /tmp/banwatch-pg-PORT),
# and is rebuilt from scratch on every run. It uses the C locale so that ORDER BY sorts text by
# code point, as SQLite does. Stop it with: pg_ctl -D DIR stop (as the user that started it).
set -euo pipefail

PORT="${BANWATCH_PG_PORT:-55432}"
DIR="${BANWATCH_PG_DIR:-/tmp/banwatch-pg-$PORT}"
DB=banwatch_test
ROLE=banwatch

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

BIN="$(find_bin)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "PostgreSQL is not installed; run as root, or: sudo apt-get install postgresql"
    exit 1
  fi
  log "installing postgresql with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -qq update >/dev/null
  apt-get -qq install -y --no-install-recommends postgresql >/dev/null
  BIN="$(find_bin)"
fi

# Root cannot run the server: act as the postgres user then, as ourselves otherwise.
if [ "$(id -u)" -eq 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

if [ -f "$DIR/postmaster.pid" ]; then
  log "stopping the previous cluster in $DIR"
  as_pg "$BIN/pg_ctl" -D "$DIR" -m immediate -w stop >/dev/null 2>&1 || true
fi
rm -rf "$DIR"
mkdir -p "$DIR"
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$DIR"
fi
chmod 700 "$DIR"

as_pg "$BIN/initdb" -D "$DIR" -U postgres -A trust -E UTF8 --locale=C >/dev/null
cat > "$DIR/pg_hba.conf" <<HBA
# Throwaway test cluster: trust, and only on this machine (the server listens on 127.0.0.1 only).
local all all trust
host  all all 127.0.0.1/32 trust
HBA
as_pg "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR -c max_connections=200" start >/dev/null

psql_admin() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres "$@"; }
psql_admin -d postgres -c "CREATE ROLE $ROLE LOGIN PASSWORD '$ROLE'" >/dev/null
psql_admin -d postgres -c "CREATE DATABASE $DB OWNER $ROLE" >/dev/null
log "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT, database $DB, user $ROLE (data in $DIR)"

echo "-Dbanwatch.postgresTests=required -Dbanwatch.test.postgresUrl=jdbc:postgresql://127.0.0.1:$PORT/$DB -Dbanwatch.test.postgresUser=$ROLE -Dbanwatch.test.postgresPassword=$ROLE"

#!/usr/bin/env bash
# Collector ingest and read latency at fleet scale, on SQLite and/or PostgreSQL, with the same load:
#
#   bash bench/collector.sh [sqlite|postgres|both]        (default: both)
#
# Builds the collector and the load generator (bench/collector-load), then for each engine starts
# a fresh collector JVM on 127.0.0.1 and a free port, runs the generator against it (enroll and
# fill the fleet with full reports, unchanged reports in full and slim form, summary and CSV
# reads), stops everything, and prints a markdown table, also written to bench/results/.
# On a shared machine hold a lock so runs do not overlap: flock /tmp/bench.lock bash bench/collector.sh
#
# Knobs (environment), defaults in brackets: BENCH_HOSTS [100000] the fleet; BENCH_FULL_HOSTS [5000]
# of them send full ~800-package reports (the first BENCH_WARMUP_HOSTS [1000] are the JIT warm-up),
# the rest a light 41-package one; BENCH_CHUNK [2500] hosts per fill round; BENCH_CLIENTS [16]
# concurrent clients; BENCH_UNCHANGED_FULL [3000] and BENCH_UNCHANGED_SLIM [20000] unchanged reports;
# BENCH_DEADLINE_SECONDS [1200] hard limit per engine (the fill stops early to keep time for the rest);
# BENCH_INDEX_WAIT_SECONDS [300] at most this long, before the reads, for the software index to catch up;
# BENCH_COLLECTOR_HEAP [-Xms2g -Xmx2g]; BANWATCH_PG_PORT [55433], BANWATCH_PG_DIR [/tmp/banwatch-bench-pg-PORT].
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
engines="${1:-both}"
case "$engines" in
  sqlite) engines="sqlite" ;;
  postgres) engines="postgres" ;;
  both) engines="sqlite postgres" ;;
  *) echo "usage: bash bench/collector.sh [sqlite|postgres|both]" >&2; exit 2 ;;
esac

HOSTS="${BENCH_HOSTS:-100000}"
FULL_HOSTS="${BENCH_FULL_HOSTS:-5000}"
CLIENTS="${BENCH_CLIENTS:-16}"
DEADLINE="${BENCH_DEADLINE_SECONDS:-1200}"
INDEX_WAIT="${BENCH_INDEX_WAIT_SECONDS:-300}"
UNCHANGED_FULL="${BENCH_UNCHANGED_FULL:-3000}"
UNCHANGED_SLIM="${BENCH_UNCHANGED_SLIM:-20000}"
WARMUP="${BENCH_WARMUP_HOSTS:-1000}"
CHUNK="${BENCH_CHUNK:-2500}"
HEAP="${BENCH_COLLECTOR_HEAP:--Xms2g -Xmx2g}"
GENERATOR_HEAP="-Xms1g -Xmx3g"
export BANWATCH_PG_PORT="${BANWATCH_PG_PORT:-55433}"
export BANWATCH_PG_DIR="${BANWATCH_PG_DIR:-/tmp/banwatch-bench-pg-$BANWATCH_PG_PORT}"

log() { echo "collector.sh: $*" >&2; }

work="$(mktemp -d /var/tmp/banwatch-bench-collector.XXXXXX)"
collector_pid=""
pg_bin=""

stop_collector() {
  if [ -n "$collector_pid" ] && kill -0 "$collector_pid" 2>/dev/null; then
    kill "$collector_pid" 2>/dev/null || true
    wait "$collector_pid" 2>/dev/null || true
  fi
  collector_pid=""
}

stop_postgres() {
  if [ -n "$pg_bin" ] && [ -f "$BANWATCH_PG_DIR/postmaster.pid" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      runuser -u postgres -- "$pg_bin/pg_ctl" -D "$BANWATCH_PG_DIR" -m fast -w stop >/dev/null 2>&1 || true
    else
      "$pg_bin/pg_ctl" -D "$BANWATCH_PG_DIR" -m fast -w stop >/dev/null 2>&1 || true
    fi
  fi
}

cleanup() {
  stop_collector
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A port nothing listens on (bash's /dev/tcp connect fails on a free port).
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 30000))
    if ! (: </dev/tcp/127.0.0.1/"$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

command -v java >/dev/null || { log "needs Java 17+ (apt-get install openjdk-17-jdk-headless)"; exit 1; }
command -v mvn >/dev/null || { log "needs Maven 3.8+ (apt-get install maven)"; exit 1; }
command -v curl >/dev/null || { log "needs curl (apt-get install curl)"; exit 1; }

log "building the collector and the load generator"
(cd "$here" && mvn -q -B -DskipTests install -pl common,server-stub -am) >&2
(cd "$here" && mvn -q -B -f bench/collector-load/pom.xml package) >&2
server_jar="$here/server-stub/target/banwatch-server.jar"
load_jar="$here/bench/collector-load/target/collector-load.jar"

results_dir="$here/bench/results"
mkdir -p "$results_dir"
[ -f "$results_dir/.gitignore" ] || printf '*\n' >"$results_dir/.gitignore"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"

machine() {
  echo "$(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -n 1)), $(free -g | awk '/^Mem:/{print $2}') GiB RAM,"\
    "$(df -T "$work" | awk 'NR==2{print $2}') disk, $(sed -n 's/^PRETTY_NAME="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' /etc/os-release),"\
    "$(java -version 2>&1 | head -n 1), load average before the run $(cut -d' ' -f1-3 /proc/loadavg)"
}

run_engine() {
  local engine="$1" data="$work/$1" port hook secret db_pid=0 props="$work/$1.properties"
  local -a db_flags=() pg_flags=()
  mkdir -p "$data"
  echo "machine=$(machine)" >"$props"
  port="$(free_port)"
  hook="$(free_port)"
  secret="bench-secret-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  if [ "$engine" = postgres ]; then
    log "starting PostgreSQL on 127.0.0.1:$BANWATCH_PG_PORT ($BANWATCH_PG_DIR)"
    bash "$here/server-stub/ci/postgres.sh" >/dev/null
    pg_bin="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    db_pid="$(head -n 1 "$BANWATCH_PG_DIR/postmaster.pid")"
    db_flags=(--database-url "jdbc:postgresql://127.0.0.1:$BANWATCH_PG_PORT/banwatch_test")
    pg_flags=(--pg-url "jdbc:postgresql://127.0.0.1:$BANWATCH_PG_PORT/banwatch_test" --pg-user banwatch --pg-password banwatch)
  fi
  log "$engine: starting the collector on 127.0.0.1:$port ($HEAP)"
  # shellcheck disable=SC2086 # HEAP is a list of JVM flags
  BANWATCH_SERVER_ENROLLMENT_SECRET="$secret" \
  BANWATCH_SERVER_DATABASE_USER=banwatch BANWATCH_SERVER_DATABASE_PASSWORD=banwatch \
  BANWATCH_SERVER_ALERTS_WEBHOOK_URL="http://127.0.0.1:$hook/alerts" \
    java $HEAP -jar "$server_jar" serve --data "$data" --bind 127.0.0.1 --port "$port" "${db_flags[@]}" \
    >"$work/$engine-collector.log" 2>&1 &
  collector_pid=$!
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
      break
    fi
    kill -0 "$collector_pid" 2>/dev/null || { cat "$work/$engine-collector.log" >&2; log "the collector did not start"; exit 1; }
    sleep 0.5
  done
  log "$engine: running the load (at most $DEADLINE s)"
  # shellcheck disable=SC2086 # GENERATOR_HEAP is a list of JVM flags
  timeout --kill-after=30 "$((DEADLINE + 120))" java $GENERATOR_HEAP -jar "$load_jar" \
    --url "http://127.0.0.1:$port" --secret "$secret" --admin-token "$(cat "$data/initial-admin-token")" \
    --engine "$engine" --sqlite-dir "$data" "${pg_flags[@]}" --collector-pid "$collector_pid" --db-pid "$db_pid" \
    --hosts "$HOSTS" --full-hosts "$FULL_HOSTS" --warmup-hosts "$WARMUP" --chunk "$CHUNK" --clients "$CLIENTS" \
    --unchanged-full "$UNCHANGED_FULL" --unchanged-slim "$UNCHANGED_SLIM" --deadline-seconds "$DEADLINE" \
    --index-wait-seconds "$INDEX_WAIT" \
    --webhook-port "$hook" --out "$props.load" || log "$engine: the load generator failed (exit $?)"
  cat "$props.load" >>"$props" 2>/dev/null || true
  {
    echo "collector.jvm=$HEAP, $(java -version 2>&1 | head -n 1)"
    echo "collector.rssMB=$(awk '/VmHWM/{print int($2/1024)}' "/proc/$collector_pid/status" 2>/dev/null || echo '?')"
  } >>"$props"
  stop_collector
  if [ "$engine" = postgres ]; then
    stop_postgres
  fi
  cp "$props" "$results_dir/collector-$stamp-$engine.properties"
  cp "$work/$engine-collector.log" "$results_dir/collector-$stamp-$engine-collector.log"
}

files=()
for engine in $engines; do
  run_engine "$engine"
  files+=("$results_dir/collector-$stamp-$engine.properties")
done

out="$results_dir/collector-$stamp.md"
{
  echo "Collector benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'): $HOSTS hosts wanted ($FULL_HOSTS with full reports), $CLIENTS clients,"
  echo "$UNCHANGED_FULL unchanged full-form and $UNCHANGED_SLIM slim reports."
  echo
  java -cp "$load_jar" io.banwatch.bench.ResultsTable "${files[@]}"
} >"$out"
cat "$out"
log "results in $out"

#!/usr/bin/env bash
# The fleet's software on SQLite: the background index's catch-up and the software searches' latency:
#
#   bash bench/software-search.sh
#
# Builds the collector and bench/collector-load, fills a fresh collector database with BENCH_HOSTS
# stored hosts whose inventories together have BENCH_TITLES distinct titles (each host the 40
# common core packages, one in ten at an older version, plus BENCH_OPTIONAL more drawn with a skew
# from the other titles, at varying versions, and its own package), none of them indexed yet. Then
# starts the collector and times how long its background software index (SoftwareIndexWorker)
# takes to catch up from empty until GET /api/v1/software reports no pending host, then
# BENCH_RUNS requests of each search kind (after BENCH_WARMUP unmeasured ones), one at a time:
# GET /api/v1/software by name substring, by name and version, by publisher sorted and paged, and
# GET /api/v1/software/hosts of the most common title, paged. Prints a markdown table (median, p95
# per kind and overall; the load average before and after), also written to bench/results/.
# On a shared machine hold a lock so runs do not overlap: flock /tmp/bench.lock bash bench/software-search.sh
#
# Knobs (environment), defaults in brackets: BENCH_HOSTS [100000], BENCH_TITLES [5000],
# BENCH_OPTIONAL [20], BENCH_RUNS [200], BENCH_WARMUP [20], BENCH_CATCHUP_LIMIT (seconds) [3600],
# BENCH_COLLECTOR_HEAP [-Xms2g -Xmx2g].
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOSTS="${BENCH_HOSTS:-100000}"
TITLES="${BENCH_TITLES:-5000}"
OPTIONAL="${BENCH_OPTIONAL:-20}"
RUNS="${BENCH_RUNS:-200}"
WARMUP="${BENCH_WARMUP:-20}"
CATCHUP_LIMIT="${BENCH_CATCHUP_LIMIT:-3600}"
HEAP="${BENCH_COLLECTOR_HEAP:--Xms2g -Xmx2g}"

work="$(mktemp -d /var/tmp/banwatch-bench-software.XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "software-search.sh: building the collector and the bench programs" >&2
(cd "$here" && mvn -B -q -o -Pbench -pl bench/collector-load -am package -DskipTests >&2) \
  || (cd "$here" && mvn -B -q -Pbench -pl bench/collector-load -am package -DskipTests >&2)

load="$here/bench/collector-load/target"
mkdir -p "$here/bench/results"
out="$here/bench/results/software-search-$(date -u +%Y%m%dT%H%M%SZ).md"
before="$(uptime)"
# shellcheck disable=SC2086
timeout $((CATCHUP_LIMIT + 1800)) java $HEAP -cp "$load/collector-load.jar:$load/lib/*" \
  io.banwatch.bench.SoftwareSearchMain "$work/data" "$HOSTS" "$TITLES" "$OPTIONAL" "$RUNS" "$WARMUP" \
  "$CATCHUP_LIMIT" | tee "$out"
{
  echo
  echo "commit $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown), $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores"
  echo "load before: ${before#*load average: }; after: $(uptime | sed 's/.*load average: //')"
} | tee -a "$out"
echo "software-search.sh: written to $out" >&2

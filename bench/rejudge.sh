#!/usr/bin/env bash
# The collector's re-judging of a stored fleet on SQLite, when the rule packs in force change:
#
#   bash bench/rejudge.sh
#
# Builds the collector and bench/collector-load, fills a fresh collector database with BENCH_HOSTS
# stored inventories (BENCH_FULL_HOSTS of them ~800 packages, the rest the fill's light 41, as
# bench/collector.sh's fleet), then starts the collector and times two complete re-judgings: the
# one after an upgrade (every host judged with other packs) and the one after an admin adds a pack
# through the API. Prints a markdown table, also written to bench/results/.
# On a shared machine hold a lock so runs do not overlap: flock /tmp/bench.lock bash bench/rejudge.sh
#
# Knobs (environment), defaults in brackets: BENCH_HOSTS [100000], BENCH_FULL_HOSTS [5000],
# BENCH_COLLECTOR_HEAP [-Xms2g -Xmx2g].
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOSTS="${BENCH_HOSTS:-100000}"
FULL_HOSTS="${BENCH_FULL_HOSTS:-5000}"
HEAP="${BENCH_COLLECTOR_HEAP:--Xms2g -Xmx2g}"

work="$(mktemp -d /var/tmp/banwatch-bench-rejudge.XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "rejudge.sh: building the collector and the bench programs" >&2
(cd "$here" && mvn -B -q -o -Pbench -pl bench/collector-load -am package -DskipTests >&2) \
  || (cd "$here" && mvn -B -q -Pbench -pl bench/collector-load -am package -DskipTests >&2)

load="$here/bench/collector-load/target"
mkdir -p "$here/bench/results"
out="$here/bench/results/rejudge-$(date -u +%Y%m%dT%H%M%SZ).md"
# shellcheck disable=SC2086
timeout 1800 java $HEAP -cp "$load/collector-load.jar:$load/lib/*" io.banwatch.bench.RejudgeMain \
  "$work/data" "$HOSTS" "$FULL_HOSTS" | tee "$out"
echo "rejudge.sh: written to $out" >&2

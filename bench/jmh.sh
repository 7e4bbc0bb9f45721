#!/usr/bin/env bash
# Runs the JMH benchmarks of bench/jmh against this checkout's common and agent.
#
#   bench/jmh.sh                          # every benchmark, default counts (about 3 minutes)
#   bench/jmh.sh RuleMatch -p os=linux    # any JMH arguments pass through (regex, -f, -wi, -i, -prof gc, -h)
#   bench/jmh.sh -f 1 -wi 1 -i 1 -w 1s -r 1s   # a quick smoke run
#
# The modules are built in one reactor with the benchmarks (bench/jmh/reactor.xml) rather than
# installed into ~/.m2, which other checkouts on the same machine share. Results go to
# bench/results/jmh-<time>.{txt,json}. The whole run is bounded by BENCH_TIMEOUT seconds (default 900);
# BENCH_SKIP_BUILD=1 reuses the last build.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
deadline=$(( SECONDS + ${BENCH_TIMEOUT:-900} ))

# Runs a command under timeout for what is left of the budget. In the background so that an
# interrupt reaches the trap at once; timeout then signals its whole process group (JMH's forks too).
bounded() {
  local left=$(( deadline - SECONDS ))
  if (( left <= 0 )); then
    echo "jmh.sh: out of time (BENCH_TIMEOUT=${BENCH_TIMEOUT:-900}s)" >&2
    return 124
  fi
  timeout "$left" "$@" &
  local pid=$! rc=0
  trap 'kill -TERM "$pid" 2>/dev/null || true' INT TERM
  wait "$pid" || rc=$?
  if kill -0 "$pid" 2>/dev/null; then
    rc=0
    wait "$pid" || rc=$?
  fi
  trap - INT TERM
  if (( rc == 124 )); then
    echo "jmh.sh: timed out: $1" >&2
  fi
  return "$rc"
}

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  echo "jmh.sh: building common, agent and bench/jmh ..." >&2
  bounded mvn -B -q -f bench/jmh/reactor.xml -Dmaven.test.skip=true package
fi

classpath_file=bench/jmh/target/classpath.txt
if [[ ! -s "$classpath_file" ]]; then
  echo "jmh.sh: $classpath_file is missing; run without BENCH_SKIP_BUILD" >&2
  exit 1
fi

mkdir -p bench/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
json="bench/results/jmh-$stamp.json"
text="bench/results/jmh-$stamp.txt"

# JMH prints progress and, at the end, the results table; tee keeps a copy of both.
bounded java -cp "bench/jmh/target/classes:$(<"$classpath_file")" org.openjdk.jmh.Main \
  -rf json -rff "$json" "$@" | tee "$text"

if [[ -s "$json" ]]; then
  echo "jmh.sh: results in $text and $json" >&2
fi

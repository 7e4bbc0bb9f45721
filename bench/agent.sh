#!/usr/bin/env bash
# bench/agent.sh: how fast and how lean `banwatch scan --json` is next to two peer inventory
# agents (FusionInventory, OCS Inventory) on this machine, in one run. Wall time with hyperfine,
# peak RSS with GNU time; prints a table and writes bench/results/agent-<UTC>.md.
#
#   bash bench/agent.sh                          # defaults finish in about 5 min (+ a build)
#   BENCH_RUNS=10 BENCH_PEER_RUNS=3 bash bench/agent.sh   # a quick look
#   flock /tmp/bench.lock bash bench/agent.sh   # on a shared machine: one benchmark at a time
#
# Environment: BENCH_RUNS/BENCH_WARMUP (banwatch and the floors, 30/3), BENCH_PEER_RUNS/
# BENCH_PEER_WARMUP (10/1), BENCH_RSS_RUNS (5), BENCH_PEER_TIMEOUT (seconds per peer run, 120),
# BENCH_BUILD_TIMEOUT (600), BENCH_OUT (result file), BENCH_AGENT_HOME (an agent home to measure
# instead of this checkout's build, e.g. /opt/banwatch; its AppCDS archive is remade).
set -euo pipefail

RUNS=${BENCH_RUNS:-30}
WARMUP=${BENCH_WARMUP:-3}
PEER_RUNS=${BENCH_PEER_RUNS:-10}
PEER_WARMUP=${BENCH_PEER_WARMUP:-1}
RSS_RUNS=${BENCH_RSS_RUNS:-5}
PEER_TIMEOUT=${BENCH_PEER_TIMEOUT:-120}
BUILD_TIMEOUT=${BENCH_BUILD_TIMEOUT:-600}
# Goals (see docs/benchmarks.md).
GOAL_WALL=0.30
GOAL_VS_FUSION=3
GOAL_RSS_MIB=64

die() { echo "bench/agent.sh: $*" >&2; exit 1; }
note() { echo "== $*" >&2; }
for v in RUNS WARMUP PEER_RUNS PEER_WARMUP RSS_RUNS PEER_TIMEOUT BUILD_TIMEOUT; do
  [[ ${!v} =~ ^[0-9]+$ ]] || die "BENCH_$v must be a whole number, not '${!v}'"
done
if [ "$RUNS" -lt 2 ] || [ "$PEER_RUNS" -lt 2 ] || [ "$RSS_RUNS" -lt 1 ]; then
  die "need at least 2 timed runs and 1 RSS run"
fi

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=${BENCH_OUT:-$repo/bench/results/agent-$stamp.md}
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
work=$(mktemp -d /tmp/bench-agent.XXXXXX)
trap 'rm -rf "$work"' EXIT

# --- 1. tools -------------------------------------------------------------------------------
# command -> Debian package; strace shows what the peers try to reach.
declare -A pkg_of=([hyperfine]=hyperfine [fusioninventory-inventory]=fusioninventory-agent
  [ocsinventory-agent]=ocsinventory-agent [/usr/bin/time]=time [jq]=jq [strace]=strace
  [unshare]=util-linux [javac]=openjdk-17-jdk-headless)
missing=()
for c in "${!pkg_of[@]}"; do
  command -v "$c" >/dev/null 2>&1 || missing+=("${pkg_of[$c]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}; run as root or: apt-get install -y ${missing[*]}"
  note "installing ${missing[*]}"
  timeout 300 apt-get update -qq >/dev/null || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
fi

# --- 2. banwatch: the packaged agent (what /opt/banwatch holds), else the jar launcher ------
# BENCH_AGENT_HOME: measure that installed (or staged) agent instead, e.g. /opt/banwatch.
stage=${BENCH_AGENT_HOME:-$repo/packaging/target/stage/agent}
stale() {  # true when the stage is missing or older than the sources it is built from
  [ -x "$stage/bin/banwatch" ] && [ -x "$stage/runtime/bin/java" ] && [ -f "$stage/lib/banwatch-agent.jar" ] || return 0
  [ -n "$(find "$repo/pom.xml" "$repo"/{common,agent,packaging}/pom.xml "$repo"/{common,agent}/src/main \
    "$repo/packaging/src" "$repo/seeds" -newer "$stage/lib/banwatch-agent.jar" -print -quit 2>/dev/null)" ]
}
flavour=packaged
if [ -n "${BENCH_AGENT_HOME:-}" ]; then
  { [ -x "$stage/bin/banwatch" ] && [ -x "$stage/runtime/bin/java" ]; } || die "BENCH_AGENT_HOME=$stage: no bin/banwatch and runtime/"
elif stale; then
  note "building the packaged agent (mvn -pl packaging -am package; a few minutes)"
  (cd "$repo" && timeout "$BUILD_TIMEOUT" mvn -q -B -DskipTests -pl packaging -am package) >"$work/build.log" 2>&1 \
    || { tail -5 "$work/build.log" >&2; flavour=jar; }
  [ -x "$stage/runtime/bin/java" ] || flavour=jar
fi
if [ "$flavour" = packaged ]; then
  banwatch=$stage/bin/banwatch
  java=$stage/runtime/bin/java
  # The AppCDS archive exactly as the .deb's postinst makes it (a scan of the fixture root).
  jsa=$stage/lib/banwatch.jsa
  rm -f "$jsa" "$jsa.new"
  rc=0
  BANWATCH_CDS_DUMP="$jsa.new" timeout 120 "$banwatch" scan --root "$stage/share/cds-root" --json >/dev/null 2>&1 || rc=$?
  { [ "$rc" -le 1 ] && [ -s "$jsa.new" ] && mv -f "$jsa.new" "$jsa"; } || die "could not make the AppCDS archive (exit $rc)"
else
  note "WARNING: the packaged runtime could not be built; measuring ./banwatch (jar, system Java) instead"
  banwatch=$repo/banwatch
  java=$(command -v java) || die "no java on PATH"
  # Its first run builds the jar and records its own CDS archive.
  timeout "$BUILD_TIMEOUT" "$banwatch" scan --json >/dev/null 2>"$work/build.log" || [ $? -le 1 ] \
    || { tail -5 "$work/build.log" >&2; die "./banwatch scan failed"; }
fi

# --- 3. the commands ------------------------------------------------------------------------
# A Java hello-world on the same runtime with the launcher's JVM options: the JVM's own floor.
mkdir -p "$work/hello" "$work/ocs/var"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$work/hello/Hello.java"
timeout 60 javac --release 17 -d "$work/hello" "$work/hello/Hello.java" || die "javac Hello.java failed"

# No peer may reach a server: FusionInventory's inventory task only prints XML; OCS writes its
# inventory to --local and keeps its state in --basevardir (its SnmpScan and Download modules
# switch themselves off in local mode). Every timed command also runs in a network namespace
# that has only loopback, so nothing can leave the machine whatever a config file says.
names=(banwatch dpkg-query java-hello fusioninventory ocsinventory)
declare -A cmd=(
  [banwatch]="'$banwatch' scan --json"
  [dpkg-query]="dpkg-query -W"
  [java-hello]="'$java' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xms32m -Xmn24m -Xmx128m -XX:-UsePerfData -cp '$work/hello' Hello"
  [fusioninventory]="fusioninventory-inventory"
  [ocsinventory]="ocsinventory-agent --local='$work/ocs' --basevardir='$work/ocs/var'"
)
netns=(unshare --net)
if ! timeout 10 unshare --net true 2>/dev/null; then
  netns=()
  note "WARNING: cannot make a network namespace (unshare --net); relying on the strace check below"
fi

# One checked run each, under strace: exit status, output, and any connect/send to an address
# that is not loopback (the run fails if there is one).
note "check runs (strace)"
for n in "${names[@]}"; do
  rc=0
  eval "set -- ${cmd[$n]}"
  timeout "$PEER_TIMEOUT" "${netns[@]}" strace -f -qq -e trace=connect,sendto,sendmsg -o "$work/$n.strace" \
    "$@" >"$work/$n.out" 2>"$work/$n.err" || rc=$?
  if [ "$n" = banwatch ] && [ "$rc" -eq 1 ]; then rc=0; fi  # 1 = findings
  [ "$rc" -eq 0 ] || { tail -3 "$work/$n.err" >&2; die "$n exited $rc"; }
  remote=$(grep -E 'AF_INET' "$work/$n.strace" | grep -vE 'inet_addr\("127\.|"::1"|"::ffff:127\.' || true)
  [ -z "$remote" ] || { echo "$remote" | head -3 >&2; die "$n tried to reach a non-loopback address"; }
done
jq -e '.software | length > 0' "$work/banwatch.out" >/dev/null || die "banwatch scan --json printed no software"
bw_pkgs=$(jq '[.software[] | select(.source == "dpkg")] | length' "$work/banwatch.out")
dpkg_pkgs=$(dpkg-query -W -f '${db:Status-Abbrev}\n' | grep -c '^.[iHUFWt]' || true)
[ -s "$work/fusioninventory.out" ] || die "fusioninventory-inventory printed no inventory"
compgen -G "$work/ocs/*.ocs" >/dev/null || die "ocsinventory-agent wrote no inventory to $work/ocs"

# --- 4. wall time ---------------------------------------------------------------------------
hf() {  # hf NAME RUNS WARMUP [hyperfine options]: one hyperfine run of one command
  local n=$1 runs=$2 warm=$3 budget
  shift 3
  budget=$(( (runs + warm) * PEER_TIMEOUT ))
  note "timing $n ($warm warm-up + $runs runs)"
  timeout "$budget" "${netns[@]}" hyperfine -N --style basic --warmup "$warm" --runs "$runs" "$@" \
    --export-json "$work/$n.json" "${cmd[$n]}" >&2 || die "hyperfine $n failed"
}
hf banwatch "$RUNS" "$WARMUP" -i
hf dpkg-query "$RUNS" "$WARMUP"
hf java-hello "$RUNS" "$WARMUP"
hf fusioninventory "$PEER_RUNS" "$PEER_WARMUP"
hf ocsinventory "$PEER_RUNS" "$PEER_WARMUP"

# --- 5. peak RSS ----------------------------------------------------------------------------
# GNU time reports the largest resident set of the process and of any child it waited for
# (the largest single process, not a sum over the tree).
declare -A rss
for n in "${names[@]}"; do
  note "peak RSS of $n ($RSS_RUNS runs)"
  : >"$work/$n.rss"
  for ((i = 0; i < RSS_RUNS; i++)); do
    eval "set -- ${cmd[$n]}"
    timeout "$PEER_TIMEOUT" "${netns[@]}" /usr/bin/time -v -o "$work/$n.time" "$@" >/dev/null 2>&1 || true
    grep -q 'Exit status: [01]$' "$work/$n.time" || die "$n failed while measuring RSS"
    awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$n.time" >>"$work/$n.rss"
  done
  rss[$n]=$(sort -n "$work/$n.rss" | awk '{v[NR] = $1} END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m / 1024}')
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 6. report ------------------------------------------------------------------------------
f() { jq -r ".results[0].$2" "$work/$1.json"; }
fmt() { awk -v x="$1" 'BEGIN {printf "%.3f", x}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN {exit !(a <= b)}'; }
verdict() { if le "$1" "$2"; then echo met; else echo MISSED; fi; }

table="| command | runs | median s | mean ± σ s | min … max s | CPU (user+sys) s | peak RSS MiB |
|---|---|---|---|---|---|---|"
for n in "${names[@]}"; do
  table+="
| $n | $(jq '.results[0].times | length' "$work/$n.json") | $(fmt "$(f "$n" median)") | $(fmt "$(f "$n" mean)") ± $(fmt "$(f "$n" stddev)") | $(fmt "$(f "$n" min)") … $(fmt "$(f "$n" max)") | $(fmt "$(awk -v u="$(f "$n" user)" -v s="$(f "$n" system)" 'BEGIN {print u + s}')") | ${rss[$n]} |"
done
bw=$(f banwatch median)
fi_t=$(f fusioninventory median)
ocs_t=$(f ocsinventory median)
third=$(awk -v x="$fi_t" -v k="$GOAL_VS_FUSION" 'BEGIN {print x / k}')
ratios="- wall time (median): fusioninventory / banwatch = **$(ratio "$fi_t" "$bw")×**, ocsinventory / banwatch = **$(ratio "$ocs_t" "$bw")×**
- peak RSS (median): fusioninventory / banwatch = **$(ratio "${rss[fusioninventory]}" "${rss[banwatch]}")×**, ocsinventory / banwatch = **$(ratio "${rss[ocsinventory]}" "${rss[banwatch]}")×**"
goals="- banwatch scan median ≤ ${GOAL_WALL} s: **$(verdict "$bw" "$GOAL_WALL")** ($(fmt "$bw") s)
- ≤ 1/${GOAL_VS_FUSION} of fusioninventory-inventory's median ($(fmt "$third") s): **$(verdict "$bw" "$third")** ($(fmt "$bw") s, $(ratio "$fi_t" "$bw")× faster)
- peak RSS ≤ ${GOAL_RSS_MIB} MiB: **$(verdict "${rss[banwatch]}" "$GOAL_RSS_MIB")** (${rss[banwatch]} MiB)"

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
# shellcheck source=/dev/null
os=$(. /etc/os-release && echo "$PRETTY_NAME") && os+=" ($(cat /etc/debian_version 2>/dev/null || echo '?'))"
jv=$("$java" -version 2>&1 | head -1)
fiv=$(dpkg-query -W -f '${Version}' fusioninventory-agent 2>/dev/null || echo '?')
ocsv=$(dpkg-query -W -f '${Version}' ocsinventory-agent 2>/dev/null || echo '?')
machine="- CPU: $cpu, $(nproc) cores; RAM $mem
- $os, kernel $(uname -r); $(dpkg-query -W | wc -l) dpkg packages
- Java (banwatch's runtime): $jv; banwatch: $flavour, ${banwatch#"$repo"/} ($([ "$flavour" = packaged ] && echo 'bin/banwatch, bundled jlink runtime, AppCDS archive as postinst makes it' || echo './banwatch jar launcher, system Java: the packaged runtime could not be built'))
- peers: fusioninventory-agent $fiv, ocsinventory-agent $ocsv; $(hyperfine --version)
- load average at start: $load_start; at the end: $load_end
- isolation: $([ ${#netns[@]} -gt 0 ] && echo 'every command ran in a network namespace with loopback only' || echo 'no network namespace (unshare failed)'); strace saw no connect/send to a non-loopback address
- banwatch listed $bw_pkgs dpkg packages; dpkg-query counts $dpkg_pkgs installed"

report="## Agent benchmark, $stamp

banwatch \`scan --json\` against FusionInventory (\`fusioninventory-inventory\`) and OCS Inventory
(\`ocsinventory-agent --local=DIR\`), with two floors: \`dpkg-query -W\` and a Java hello-world on
banwatch's runtime. Wall time: hyperfine ($WARMUP warm-up + $RUNS runs for banwatch and the floors,
$PEER_WARMUP + $PEER_RUNS for the peers); peak RSS: median of $RSS_RUNS runs of \`/usr/bin/time -v\`.

$machine

$table

$ratios

Goals:

$goals
"
mkdir -p "$(dirname "$out")"
printf '%s' "$report" >"$out"
printf '\n%s\n%s\n\n%s\n\nGoals:\n%s\n\nwritten to %s\n' "$machine" "$table" "$ratios" "$goals" "${out#"$repo"/}"

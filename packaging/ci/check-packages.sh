#!/usr/bin/env bash
# Deep checks of the packages that `mvn -B verify` built in packaging/target, run by .ci/run
# right after it, as root on a fresh Debian machine:
#   - installs its tools (apt: systemd, rpm, shellcheck, xmllint; npm: tree-sitter-powershell)
#   - inspects the .deb and .rpm (dpkg-deb, rpm -qp) and lints every script (shellcheck,
#     tree-sitter-powershell, xmllint)
#   - installs the agent .deb for real, runs `banwatch scan` from it, verifies its units with
#     systemd-analyze, then removes (data kept) and purges it (data gone); same for the
#     collector .deb
# Prints one PASS or FAIL line per check and exits 1 if any failed. Every command runs under
# `timeout`, so a hang fails the check instead of the CI run.
set -uo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
target="$repo/packaging/target"
src="$repo/packaging/src"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

pass() { echo "PASS: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }

# check NAME COMMAND...: PASS if the command exits 0 within 5 minutes; on FAIL its output is shown.
check() {
  local name=$1 out
  shift
  if out=$(timeout 300 "$@" 2>&1); then
    pass "$name"
  else
    fail "$name"
    printf '%s\n' "$out" | sed 's/^/    /' | tail -n 40
  fi
}

# quiet_check NAME COMMAND...: as check, but any output (a warning) also fails it.
quiet_check() {
  local name=$1 out rc=0
  shift
  out=$(timeout 300 "$@" 2>&1) || rc=$?
  if [ "$rc" -eq 0 ] && [ -z "$out" ]; then
    pass "$name"
  else
    fail "$name (exit $rc)"
    printf '%s\n' "$out" | sed 's/^/    /' | tail -n 40
  fi
}

finish() {
  echo "check-packages: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

if [ "$(id -u)" -ne 0 ]; then
  fail "must run as root (it installs packages)"
  finish
fi

artifact() { find "$target" -maxdepth 1 -name "$1" -type f 2>/dev/null | sort | head -n 1; }
agent_deb=$(artifact 'banwatch_*_amd64.deb')
server_deb=$(artifact 'banwatch-server_*_all.deb')
agent_rpm=$(artifact 'banwatch-*.x86_64.rpm')
for f in agent_deb server_deb agent_rpm; do
  if [ -z "${!f}" ]; then
    fail "$f: not found in $target (run mvn -B verify first)"
  fi
done
[ "$failed" -eq 0 ] || finish

# --- Tools -------------------------------------------------------------------------------
export DEBIAN_FRONTEND=noninteractive
check "apt-get update" apt-get update -q
check "apt-get install systemd rpm shellcheck libxml2-utils binutils curl" \
  apt-get install -y -q --no-install-recommends systemd rpm shellcheck libxml2-utils binutils curl
# --ignore-scripts: only the grammar's WebAssembly build is used, no native addon is built.
check "npm install web-tree-sitter@0.25 tree-sitter-powershell@0.26.4" \
  npm install --prefix "$work/npm" --no-audit --no-fund --ignore-scripts --loglevel=error \
  web-tree-sitter@0.25 tree-sitter-powershell@0.26.4

# --- Static checks of the .deb -----------------------------------------------------------
dpkg-deb --info "$agent_deb" >"$work/info.txt" 2>&1
dpkg-deb --contents "$agent_deb" >"$work/contents.txt" 2>&1
check "agent .deb control: Package banwatch, amd64, runtime dependencies" \
  sh -c "grep -qx ' Package: banwatch' '$work/info.txt' && grep -qx ' Architecture: amd64' '$work/info.txt' \
    && grep -q '^ Depends: libc6 (>= 2.34), libgcc-s1, libstdc++6, zlib1g, init-system-helpers' '$work/info.txt'"
check "agent .deb conffiles is exactly /etc/banwatch/agent.conf" \
  sh -c "[ \"\$(dpkg-deb --ctrl-tarfile '$agent_deb' | tar -xOf - ./conffiles)\" = /etc/banwatch/agent.conf ]"
for path in ./opt/banwatch/bin/banwatch ./opt/banwatch/lib/banwatch-agent.jar ./opt/banwatch/runtime/bin/java \
    ./opt/banwatch/runtime/lib/modules ./etc/banwatch/agent.conf ./lib/systemd/system/banwatch-scan.service \
    ./lib/systemd/system/banwatch-scan.timer "./usr/bin/banwatch -> /opt/banwatch/bin/banwatch"; do
  check "agent .deb contains $path" grep -qF " $path" "$work/contents.txt"
done
check "agent .deb: launcher and java are executable, agent.conf is 0640" \
  sh -c "grep -q '^-rwxr-xr-x root/root .* ./opt/banwatch/bin/banwatch\$' '$work/contents.txt' \
    && grep -q '^-rwxr-xr-x root/root .* ./opt/banwatch/runtime/bin/java\$' '$work/contents.txt' \
    && grep -q '^-rw-r----- root/root .* ./etc/banwatch/agent.conf\$' '$work/contents.txt'"
check "agent .deb ships no AppCDS archive (postinst makes it)" \
  sh -c "! grep -q 'banwatch.jsa\|classes_nocoops.jsa' '$work/contents.txt'"
dpkg-deb --ctrl-tarfile "$agent_deb" | tar -xf - -C "$work" ./postinst ./prerm ./postrm
check "agent postinst enables the timer with deb-systemd-helper" grep -q "deb-systemd-helper enable 'banwatch-scan.timer'" "$work/postinst"
check "agent postinst starts the timer only under a running systemd" grep -q 'if \[ -d /run/systemd/system \]' "$work/postinst"
check "agent prerm stops timer and service" grep -q "deb-systemd-invoke stop 'banwatch-scan.timer' 'banwatch-scan.service'" "$work/prerm"
check "agent postrm deletes data on purge" grep -q 'rm -rf /var/lib/banwatch /var/log/banwatch /etc/banwatch' "$work/postrm"

# The runtime was linked against Debian 12's glibc: the packages must not claim an older one.
glibc_max=$(dpkg-deb --fsys-tarfile "$agent_deb" | tar -xf - -C "$work" ./opt/banwatch/runtime && \
  find "$work/opt/banwatch/runtime" -name '*.so' -exec objdump -T {} + 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n 1)
check "runtime needs at most GLIBC_2.34 (found ${glibc_max:-none}), as the .deb and .rpm declare" \
  sh -c "[ -n '$glibc_max' ] && [ \"\$(printf '%s\n' '$glibc_max' GLIBC_2.34 | sort -V | tail -n 1)\" = GLIBC_2.34 ]"

# --- Static checks of the .rpm -----------------------------------------------------------
check "rpm digests are valid (rpm -K)" rpm -K --nosignature "$agent_rpm"
check "rpm name, version and arch" \
  sh -c "[ \"\$(rpm -qp --qf '%{NAME} %{ARCH}' '$agent_rpm' 2>/dev/null)\" = 'banwatch x86_64' ]"
check "rpm config file is /etc/banwatch/agent.conf" \
  sh -c "[ \"\$(rpm -qpc '$agent_rpm' 2>/dev/null)\" = /etc/banwatch/agent.conf ]"
check "rpm holds the launcher, runtime and units" \
  sh -c "rpm -qpl '$agent_rpm' 2>/dev/null | grep -qx /opt/banwatch/bin/banwatch \
    && rpm -qpl '$agent_rpm' 2>/dev/null | grep -qx /opt/banwatch/runtime/bin/java \
    && rpm -qpl '$agent_rpm' 2>/dev/null | grep -qx /usr/lib/systemd/system/banwatch-scan.timer"
check "rpm scriptlets enable and disable the timer" \
  sh -c "rpm -qp --scripts '$agent_rpm' 2>/dev/null | grep -q 'enable banwatch-scan.timer' \
    && rpm -qp --scripts '$agent_rpm' 2>/dev/null | grep -q 'disable banwatch-scan.timer'"
# Unpack it into a scratch root with rpm itself (no RHEL here: --nodeps, --noscripts; the
# scriptlets are shellchecked below) and verify every file against the package's header.
rpmroot="$work/rpmroot"
check "rpm -i into a scratch root" sh -c "rpm --root '$rpmroot' --initdb && rpm -i --root '$rpmroot' --nodeps --noscripts '$agent_rpm' 2>/dev/null"
check "rpm -V: installed files match the header (modes, digests, links)" rpm --root "$rpmroot" -V --nodeps banwatch
check "the agent from the .rpm runs (banwatch --version)" "$rpmroot/opt/banwatch/bin/banwatch" --version

# --- Scripts: shellcheck, PowerShell grammar, XML ----------------------------------------
check "shellcheck: launchers, macOS scripts, this script" \
  shellcheck "$src/common/bin/banwatch" "$src/linux/server/bin/banwatch-server" "$src/macos/banwatch-scheduled" \
  "$src/macos/install.sh" "$src/macos/uninstall.sh" "$repo/packaging/ci/check-packages.sh"
check "shellcheck: maintainer scripts (.deb)" shellcheck -s sh "$src"/linux/*/deb/postinst "$src"/linux/*/deb/prerm "$src"/linux/*/deb/postrm
check "shellcheck: scriptlets (.rpm)" shellcheck -s sh "$src"/linux/agent/rpm/*.sh
# The installer scripts, and the inventory script every Windows scan runs.
mapfile -t ps1 < <(find "$src/windows" "$target/stage/windows" "$repo/agent/src/main/resources" -name '*.ps1' | sort)
check "tree-sitter-powershell parses ${#ps1[@]} .ps1 files without errors" \
  node "$repo/packaging/ci/parse-ps1.mjs" "$work/npm/node_modules" "${ps1[@]}"
# shellcheck disable=SC2016 # PowerShell source, not shell: $x stays literal.
printf 'function f {\n  if ($x -eq 1 {\n  }\n}\n' >"$work/broken.ps1"
check "tree-sitter-powershell reports a broken .ps1 with its position (the check can fail)" \
  sh -c "out=\$(node '$repo/packaging/ci/parse-ps1.mjs' '$work/npm/node_modules' '$work/broken.ps1'); \
    [ \$? -eq 1 ] && printf '%s' \"\$out\" | grep -q 'broken.ps1:2:'"
check "xmllint: task XML and launchd plist are well-formed" \
  xmllint --noout --nonet "$src/windows/banwatch-scan-task.xml" "$src/macos/io.banwatch.scan.plist"

# --- Agent .deb installed for real --------------------------------------------------------
# Start clean, so the run is the same on a reused machine.
dpkg -P banwatch >/dev/null 2>&1 || true
check "dpkg -i agent .deb (no running systemd needed)" dpkg -i "$agent_deb"
check "dpkg says banwatch is installed" sh -c "dpkg-query -W -f='\${Status}' banwatch | grep -qx 'install ok installed'"
check "timer enabled for the next boot" test -L /etc/systemd/system/timers.target.wants/banwatch-scan.timer
check "spool and log directories exist, root only" \
  sh -c "[ \"\$(stat -c %a:%U /var/lib/banwatch)\" = 700:root ] && [ \"\$(stat -c %a:%U /var/log/banwatch)\" = 700:root ]"
check "postinst made the AppCDS archive" test -s /opt/banwatch/lib/banwatch.jsa
quiet_check "systemd-analyze verify banwatch-scan.service and .timer (no warnings)" \
  systemd-analyze verify /lib/systemd/system/banwatch-scan.service /lib/systemd/system/banwatch-scan.timer
check "systemd-analyze security: banwatch-scan.service exposure at most 3.0" \
  systemd-analyze security --offline=yes --threshold=30 --no-pager /lib/systemd/system/banwatch-scan.service

rc=0
timeout 120 /opt/banwatch/bin/banwatch scan >"$work/scan.txt" 2>"$work/scan.err" || rc=$?
check "/opt/banwatch/bin/banwatch scan exits 0 or 1 (was $rc) and prints the table" \
  sh -c "[ $rc -le 1 ] && grep -q '^Software ' '$work/scan.txt'"
rc=0
(cd / && PATH=/usr/bin:/bin timeout 120 banwatch scan --json >"$work/scan.json" 2>"$work/scan.err") || rc=$?
check "banwatch scan --json (via /usr/bin) exits 0 or 1 (was $rc)" test "$rc" -le 1
check "the JSON report is valid and lists packages" node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (r.schemaVersion !== 1 || !Array.isArray(r.software) || r.software.length === 0) process.exit(1);
  console.log(r.software.length + " packages");' "$work/scan.json"
# -Xshare:on fails hard where -Xshare:auto would quietly ignore an unusable archive.
# Through the launcher, so with its exact class path (the archive is valid for that one only).
check "the AppCDS archive is accepted by the installed runtime (-Xshare:on)" \
  env BANWATCH_JAVA_OPTS=-Xshare:on /opt/banwatch/bin/banwatch --version
# A scan (exit 1 = findings) through the launcher, logging where each class came from.
BANWATCH_JAVA_OPTS="-Xlog:class+load=info:file=$work/classload.txt" timeout 60 banwatch scan --json >/dev/null 2>&1 || true
check "the launcher's scan loads classes from the AppCDS archive" \
  sh -c "[ \"\$(grep -c 'shared objects file (top)' '$work/classload.txt')\" -gt 100 ]"

# Remove keeps configuration and data; a reinstall finds them (and re-enables the timer).
sed -i 's|^collector.url=.*|collector.url=https://collector.ci.invalid|' /etc/banwatch/agent.conf
touch /var/lib/banwatch/ci-report.json
check "dpkg -r banwatch" dpkg -r banwatch
check "after remove: program files, /usr/bin/banwatch and the archive are gone" \
  sh -c "[ ! -e /opt/banwatch ] && [ ! -e /usr/bin/banwatch ]"
check "after remove: config, spool and logs are kept" \
  sh -c "grep -q collector.ci.invalid /etc/banwatch/agent.conf && [ -e /var/lib/banwatch/ci-report.json ] && [ -d /var/log/banwatch ]"
check "after remove: the timer is masked" sh -c "[ \"\$(readlink /etc/systemd/system/banwatch-scan.timer)\" = /dev/null ]"
check "dpkg -i again (reinstall after remove)" dpkg -i "$agent_deb"
check "after reinstall: edited agent.conf kept, timer unmasked and enabled" \
  sh -c "grep -q collector.ci.invalid /etc/banwatch/agent.conf && [ ! -e /etc/systemd/system/banwatch-scan.timer ] \
    && [ -L /etc/systemd/system/timers.target.wants/banwatch-scan.timer ]"
check "dpkg -i the same version over itself (the upgrade path) keeps the archive" \
  sh -c "dpkg -i '$agent_deb' >/dev/null && test -s /opt/banwatch/lib/banwatch.jsa"
check "dpkg -P banwatch" dpkg -P banwatch
check "after purge: /etc/banwatch, /var/lib/banwatch, /var/log/banwatch are gone" \
  sh -c "[ ! -e /etc/banwatch ] && [ ! -e /var/lib/banwatch ] && [ ! -e /var/log/banwatch ] && [ ! -e /opt/banwatch ]"
check "after purge: no timer links or state left" \
  sh -c "[ ! -e /etc/systemd/system/timers.target.wants/banwatch-scan.timer ] && [ ! -L /etc/systemd/system/banwatch-scan.timer ] \
    && ! dpkg-query -W banwatch >/dev/null 2>&1"

# --- Collector .deb -----------------------------------------------------------------------
dpkg -P banwatch-server >/dev/null 2>&1 || true
check "dpkg -i collector .deb" dpkg -i "$server_deb"
check "system user banwatch-server exists (uid < 1000, no login shell)" \
  sh -c "[ \"\$(id -u banwatch-server)\" -lt 1000 ] && getent passwd banwatch-server | grep -q ':/usr/sbin/nologin\$'"
check "/var/lib/banwatch-server belongs to it (0750); server.properties is root:banwatch-server 0640" \
  sh -c "[ \"\$(stat -c %a:%U:%G /var/lib/banwatch-server)\" = 750:banwatch-server:banwatch-server ] \
    && [ \"\$(stat -c %a:%U:%G /etc/banwatch-server/server.properties)\" = 640:root:banwatch-server ]"
quiet_check "systemd-analyze verify banwatch-server.service (no warnings)" \
  systemd-analyze verify /lib/systemd/system/banwatch-server.service
check "systemd-analyze security: banwatch-server.service exposure at most 2.0" \
  systemd-analyze security --offline=yes --threshold=20 --no-pager /lib/systemd/system/banwatch-server.service
# The collector as its unit runs it (same user, command and settings; another port, so a
# collector already on 8740 is left alone), until /healthz answers and a viewer call works.
port=18740
unit_java_opts="$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' /lib/systemd/system/banwatch-server.service)"
check "banwatch-server.service bounds the heap (-Xmx) and exits on out-of-memory" \
  sh -c "echo '$unit_java_opts' | grep -q -- '-Xmx[0-9]*m' && echo '$unit_java_opts' | grep -q -- '-XX:+ExitOnOutOfMemoryError'"
runuser -u banwatch-server -- env JAVA_OPTS="$unit_java_opts" MALLOC_ARENA_MAX=2 \
  timeout 120 /opt/banwatch-server/bin/banwatch-server serve --config /etc/banwatch-server/server.properties \
  --port "$port" >"$work/server.out" 2>&1 &
server_pid=$!
check "banwatch-server serve (as its user, packaged settings) answers /healthz on 127.0.0.1" \
  sh -c "for i in \$(seq 1 60); do curl -fsS http://127.0.0.1:$port/healthz && exit 0; sleep 1; done; cat '$work/server.out'; exit 1"
check "its database and first-start secrets are in /var/lib/banwatch-server, owned by banwatch-server" \
  sh -c "[ \"\$(stat -c %U /var/lib/banwatch-server/banwatch.db)\" = banwatch-server ] \
    && [ \"\$(stat -c %a /var/lib/banwatch-server/initial-admin-token)\" = 600 ]"
check "the admin token from the first start reads the fleet summary" \
  sh -c "curl -fsS -H \"Authorization: Bearer \$(cat /var/lib/banwatch-server/initial-admin-token)\" \
    http://127.0.0.1:$port/api/v1/summary | grep -q '\"hosts\"'"
# Reached through the machine's own non-loopback address, it must refuse the connection.
other=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -v -e '^127\.' -e ':' -e '^$' | head -n 1)
if [ -n "$other" ]; then
  check "the collector listens on loopback only (the packaged default): $other:$port refuses" \
    sh -c "! curl -fsS --max-time 5 http://$other:$port/healthz"
fi
kill "$server_pid" 2>/dev/null
pkill -u banwatch-server -f io.banwatch.collector.CollectorMain 2>/dev/null
wait "$server_pid" 2>/dev/null
echo "data" >/var/lib/banwatch-server/ci.db
check "dpkg -r banwatch-server keeps config and data" \
  sh -c "dpkg -r banwatch-server >/dev/null && [ -e /var/lib/banwatch-server/ci.db ] && [ -e /etc/banwatch-server/server.properties ]"
check "dpkg -P banwatch-server deletes config and data" \
  sh -c "dpkg -P banwatch-server >/dev/null && [ ! -e /var/lib/banwatch-server ] && [ ! -e /etc/banwatch-server ]"

finish

#!/bin/sh
# Installs or upgrades the banwatch agent on macOS from this unpacked kit (bin/, lib/,
# runtime/, share/, agent.conf, io.banwatch.scan.plist):  sudo ./install.sh
# Program: /Library/banwatch. Config, spool: /Library/Application Support/banwatch.
# Logs: /Library/Logs/banwatch. Daily job: /Library/LaunchDaemons/io.banwatch.scan.plist.
# Running it again upgrades in place and keeps the configuration, spool and logs.
set -eu

if [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run as root: sudo $0" >&2
  exit 1
fi

src=$(cd "$(dirname "$0")" && pwd -P)
home=/Library/banwatch
data="/Library/Application Support/banwatch"
logs=/Library/Logs/banwatch
label=io.banwatch.scan
plist=/Library/LaunchDaemons/$label.plist

# The runtime is jlinked on a macOS JDK by the release build; a kit without it cannot run.
if [ ! -x "$src/runtime/bin/java" ]; then
  echo "install.sh: no runtime/bin/java in $src: this kit has no macOS runtime" >&2
  exit 1
fi

# Upgrade: unload the old job first, so no scan runs while the files are replaced.
if launchctl print "system/$label" >/dev/null 2>&1; then
  launchctl bootout "system/$label" || true
fi

# Program files: copied beside the old ones, then swapped in, so a failed copy leaves the old
# installation whole. root:wheel and not group/other-writable: root runs this code.
rm -rf "$home.new"
mkdir -p "$home.new"
cp -R "$src/bin" "$src/lib" "$src/runtime" "$src/share" "$home.new/"
chown -R root:wheel "$home.new"
chmod -R go-w "$home.new"
# A kit downloaded with a browser is quarantined; Gatekeeper would refuse the unsigned
# runtime when launchd starts it.
xattr -dr com.apple.quarantine "$home.new" 2>/dev/null || true
rm -rf "$home"
mv "$home.new" "$home"

# Data and logs: root only, they hold the enrollment secret and the machine's inventory.
install -d -m 0700 -o root -g wheel "$data" "$data/spool"
install -d -m 0700 -o root -g wheel "$logs"
if [ -e "$data/agent.conf" ]; then
  echo "Keeping the existing configuration $data/agent.conf"
else
  install -m 0600 -o root -g wheel "$src/agent.conf" "$data/agent.conf"
  echo "Wrote $data/agent.conf: set collector.url and enrollment.secret"
fi

# AppCDS archive: Java 17 ties it to this Mac's jar paths, so it is made here by scanning a
# tiny fixture once. A failure only makes start-up slower.
rc=0
BANWATCH_CDS_DUMP="$home/lib/banwatch.jsa" "$home/bin/banwatch" scan \
  --root "$home/share/cds-root" --json >/dev/null 2>&1 || rc=$?
if [ "$rc" -gt 1 ]; then
  rm -f "$home/lib/banwatch.jsa"
  echo "install.sh: warning: could not make the start-up archive (exit $rc); banwatch works but starts slower" >&2
fi

# Rotate the job's log (newsyslog runs hourly): 5 files of up to 1 MB, compressed.
cat > /etc/newsyslog.d/banwatch.conf <<'CONF'
# logfilename                      [owner:group]  mode  count  size(KB)  when  flags
/Library/Logs/banwatch/scan.log    root:wheel     600   5      1024      *     JN
CONF

install -m 0644 -o root -g wheel "$src/$label.plist" "$plist"
launchctl bootstrap system "$plist"
echo "Installed banwatch in $home; daily job $label loaded."
# (launchctl kickstart would go through the random delay of bin/banwatch-scheduled.)
echo "Run a scan now: sudo $home/bin/banwatch scan --send"

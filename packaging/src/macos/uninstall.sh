#!/bin/sh
# Removes the banwatch agent from macOS:  sudo ./uninstall.sh [--purge]
# Unloads and deletes the daily job and /Library/banwatch. The configuration, spool and logs
# are kept, so a reinstall picks them up, unless --purge is given.
set -eu

if [ "$(id -u)" -ne 0 ]; then
  echo "uninstall.sh: run as root: sudo $0 [--purge]" >&2
  exit 1
fi

purge=no
case "${1:-}" in
  --purge) purge=yes ;;
  "") ;;
  *) echo "usage: $0 [--purge]" >&2; exit 2 ;;
esac

label=io.banwatch.scan
if launchctl print "system/$label" >/dev/null 2>&1; then
  launchctl bootout "system/$label" || true
fi
rm -f "/Library/LaunchDaemons/$label.plist" /etc/newsyslog.d/banwatch.conf
rm -rf /Library/banwatch
echo "Removed /Library/banwatch and the daily job $label."

if [ "$purge" = yes ]; then
  rm -rf "/Library/Application Support/banwatch" /Library/Logs/banwatch
  echo "Removed /Library/Application Support/banwatch and /Library/Logs/banwatch."
else
  echo "Kept /Library/Application Support/banwatch and /Library/Logs/banwatch; use --purge to delete them."
fi

# banwatch %post ($1: 1 = install, 2 = upgrade). Same steps as the .deb's postinst.
install -d -m 0700 /var/lib/banwatch
install -d -m 0700 /var/log/banwatch

# AppCDS archive for a faster start; tied to this machine's jar paths, so made here. A failure
# only costs start-up time.
jsa=/opt/banwatch/lib/banwatch.jsa
rm -f "$jsa" "$jsa.new"
rc=0
BANWATCH_CDS_DUMP="$jsa.new" /opt/banwatch/bin/banwatch scan \
  --root /opt/banwatch/share/cds-root --json >/dev/null 2>&1 || rc=$?
if [ "$rc" -le 1 ] && [ -s "$jsa.new" ]; then
  mv -f "$jsa.new" "$jsa"
else
  rm -f "$jsa.new"
  echo "banwatch: warning: could not make $jsa (exit $rc); banwatch works but starts slower" >&2
fi

if [ "$1" -eq 1 ]; then
  # First installation: enable the daily timer (a symlink; works without a running systemd)
  # and start it where systemd is the running init.
  systemctl --no-reload enable banwatch-scan.timer >/dev/null 2>&1 || :
  if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
    systemctl start banwatch-scan.timer >/dev/null 2>&1 || :
  fi
fi
exit 0

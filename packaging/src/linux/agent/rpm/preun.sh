# banwatch %preun ($1: 0 = erase, 1 = upgrade). On erase: stop and disable the timer and drop
# the start-up archive that %post made (rpm does not know it). On upgrade the new package's
# %post has already made a new archive, so it stays.
if [ "$1" -eq 0 ]; then
  if [ -d /run/systemd/system ]; then
    systemctl stop banwatch-scan.timer banwatch-scan.service >/dev/null 2>&1 || :
  fi
  systemctl --no-reload disable banwatch-scan.timer >/dev/null 2>&1 || :
  rm -f /opt/banwatch/lib/banwatch.jsa /opt/banwatch/lib/banwatch.jsa.new
fi
exit 0

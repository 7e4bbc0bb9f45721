# banwatch %postun ($1: 0 = erase, 1 = upgrade). rpm has no purge: /etc/banwatch (a
# %config(noreplace) file you edited is saved as agent.conf.rpmsave), /var/lib/banwatch and
# /var/log/banwatch are kept; delete them by hand to remove every trace.
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload >/dev/null 2>&1 || :
  if [ "$1" -ge 1 ]; then
    # Upgrade: re-arm the timer with the new unit file.
    systemctl try-restart banwatch-scan.timer >/dev/null 2>&1 || :
  fi
fi
exit 0

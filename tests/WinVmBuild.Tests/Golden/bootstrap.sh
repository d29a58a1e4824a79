#!/bin/bash
# WinVmBuild bootstrap: runs once, as the administrator, right after Cygwin's offline install.
set -u

# Power off however the script ends (even if the log cannot be opened): the host waits for the VM to stop,
# and checks the acknowledgement itself.
# shellcheck disable=SC2317 # reached through the trap, which shellcheck does not follow
power_off() {
  "$(cygpath --sysdir)/shutdown.exe" /s /t 0
}
trap power_off EXIT

# A failure is said on the first serial port, which the host reads: it stops waiting at once.
fail() {
  echo "winvmbuild-failed: $1" >/dev/ttyS0
  echo "bootstrap: $1"
  exit 1
}
exec >>/var/log/winvmbuild-bootstrap.log 2>&1 </dev/null

umask 077
mkdir -p "$HOME/.ssh"
cat >"$HOME/.ssh/authorized_keys" <<'WINVMBUILD_AUTHORIZED_KEY'
ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE fake@winvmbuild-tests
WINVMBUILD_AUTHORIZED_KEY

# ssh-host-config's exit status counts its warnings: what it installed tells whether it worked. It names the
# service cygsshd since OpenSSH 7.7 (2018, every Cygwin from Vista's on), sshd before (XP and Server 2003).
ssh-host-config --yes --user cyg_server --pwd 'Fake-Sshd-Passw0rd'
service=$(cygrunsrv -L | grep -E -x '(cyg)?sshd' | head -n 1)
[[ -n $service ]] || fail "ssh-host-config installed no sshd service (cygrunsrv lists: $(cygrunsrv -L | tr '\n' ' '))"
# One key exchange the host's client also speaks, and the cheapest for a guest without KVM, under the name every
# OpenSSH from 6.5 on knows (XP's is 7.3); no DNS lookups.
printf 'KexAlgorithms curve25519-sha256@libssh.org\nUseDNS no\n' >>/etc/sshd_config
cygrunsrv -S "$service" || fail "the service $service did not start; see /var/log/sshd.log"
cygrunsrv -Q "$service" | grep -q Running || fail "the service $service is not running after its start"

# The host creates the file over SSH: that proves sshd and the key work before the image is kept.
for ((waited = 0; waited < 1800; waited++)); do
  [[ -e /tmp/winvmbuild-install-acknowledged ]] && exit 0
  sleep 1
done
fail "sshd runs, but the host did not log in within $waited seconds"

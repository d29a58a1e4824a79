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
exec >>/var/log/winvmbuild-bootstrap.log 2>&1

umask 077
mkdir -p "$HOME/.ssh"
cat >"$HOME/.ssh/authorized_keys" <<'WINVMBUILD_AUTHORIZED_KEY'
ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE fake@winvmbuild-tests
WINVMBUILD_AUTHORIZED_KEY

ssh-host-config --yes --user cyg_server --pwd 'Fake-Sshd-Passw0rd' || exit 1
# One key exchange the host's client also speaks, and the cheapest for a guest without KVM; no DNS lookups.
printf 'KexAlgorithms curve25519-sha256\nUseDNS no\n' >>/etc/sshd_config
cygrunsrv -S sshd || exit 1

# The host creates the file over SSH: that proves sshd and the key work before the image is kept.
for ((waited = 0; waited < 1800; waited++)); do
  [[ -e /tmp/winvmbuild-install-acknowledged ]] && exit 0
  sleep 1
done
echo "bootstrap: no acknowledgement from the host after $waited seconds"
exit 1

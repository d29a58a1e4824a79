#!/usr/bin/env bash
# Installs the Debian packages WinVmBuild runs on the host, and only those that are missing: a second
# run takes a moment and changes nothing. It leaves the machine's services as they were: samba and
# openssh-server are installed for their programs (QEMU starts smbd per guest connection; the test
# guest carries sshd), never as services, so no unit is started, and none is left enabled that was not.
set -euo pipefail

# The list is build/host-packages: the tests read it too.
mapfile -t packages < <(sed 's/#.*//' "$(dirname "${BASH_SOURCE[0]}")/host-packages" | tr -s ' \t' '\n' | grep -v '^$')
# Units these packages ship that could start or be enabled on install.
units=(smbd.service nmbd.service samba-ad-dc.service ssh.service ssh.socket docker-registry.service)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ $status == installed ]] || missing+=("$package")
done
((${#missing[@]} == 0)) && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=()
((EUID == 0)) || sudo=(sudo)

# Which units were enabled before, so that only those stay enabled afterwards.
enabled_before=()
if command -v systemctl >/dev/null; then
  for unit in "${units[@]}"; do
    systemctl is-enabled --quiet "$unit" 2>/dev/null && enabled_before+=("$unit")
  done
fi

# policy-rc.d exit status 101 tells the maintainer scripts not to start any service (invoke-rc.d).
policy=/usr/sbin/policy-rc.d
own_policy=false
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 0755 "$policy"
  own_policy=true
fi
remove_policy() { if $own_policy; then "${sudo[@]}" rm -f "$policy"; fi; }
trap remove_policy EXIT

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

if command -v systemctl >/dev/null; then
  for unit in "${units[@]}"; do
    [[ " ${enabled_before[*]} " == *" $unit "* ]] && continue
    if systemctl is-enabled --quiet "$unit" 2>/dev/null; then
      "${sudo[@]}" systemctl disable --quiet "$unit" 2>/dev/null || true
    fi
  done
fi

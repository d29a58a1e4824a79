#!/usr/bin/env bash
# Installs the Debian packages WinVmBuild needs on the host, and only those that are missing:
# a second run takes a moment and changes nothing.
set -euo pipefail

packages=(
  qemu-system-x86 qemu-utils   # the two VMs, their disks
  ovmf                         # UEFI firmware for Windows guests with WinVmFirmware=uefi
  vde2                         # the private switch between them
  samba                        # smbd, run inside the controller VM from the host's root
  openssh-client openssh-server # ssh-keygen and ssh on the controller; sshd in the test guest
  busybox-static kmod cpio     # the appliances' initrds
  linux-image-amd64            # their kernel, with modules
  mtools dosfstools            # the answer-file floppy (and fsck.fat to check it)
  xorriso                      # the Cygwin repository ISO and the answer-file CD
  zstd xz-utils                # snapshot compression; Cygwin archives
  socat make shellcheck        # benchmarks and tests; the sample's guest program
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ $status == installed ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=()
if ((EUID != 0)); then
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Installing samba or openssh-server may start their services on the host; WinVmBuild never needs them there.
"${sudo[@]}" pkill -x smbd 2>/dev/null || true
"${sudo[@]}" pkill -x nmbd 2>/dev/null || true

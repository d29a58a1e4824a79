#!/bin/sh
# /init of the test guest, the small Linux VM that stands in for Windows where no Windows image exists.
# Install mode (a FAT floppy holds testguest.cfg): format the disk, unpack every archive the
# configuration lists from the repository ISO into the root folder, keep the authorized key, make a host
# key, serve SSH until the host acknowledges the install, power off. Boot mode (no answer file): mount
# that disk, serve SSH with the installed programs on PATH, wait for commands.

PATH=/bin:/usr/bin:/usr/sbin
export PATH
/bin/busybox --install -s /bin

say() {
    echo "winvmbuild-testguest: $*" > /dev/console
}

# A failure is said as Windows' bootstrap says it, on the first serial port: the host stops waiting at once.
fail() {
    echo "winvmbuild-failed: $1" > /dev/ttyS0
    sync
    poweroff -f
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# Terminals for SSH logins that ask for one (a person's shell: dotnet build -t:WinVmShell).
mkdir -p /dev/pts
mount -t devpts -o gid=5,mode=620 devpts /dev/pts
mkdir -p /tmp /run/sshd /media/floppy /media/iso /disk
mount -t tmpfs tmpfs /tmp

while read -r module; do
    insmod "/lib/modules/$module" || say "could not load $module"
done < /etc/winvmbuild/modules

# The guest's own disk carries a known serial; the floppy and the ISO are found by what they hold.
disk=
for block in /sys/block/vd*; do
    [ "$(cat "$block/serial" 2> /dev/null)" = "winvmbuild-disk" ] && disk=/dev/${block##*/}
done
[ -n "$disk" ] || fail "no disk with serial winvmbuild-disk"

find_medium() {
    # $1 file system, $2 mount point, $3 file that identifies the medium
    for device in /dev/vd*; do
        [ "$device" = "$disk" ] && continue
        if mount -t "$1" -o ro "$device" "$2" 2> /dev/null; then
            [ -f "$2/$3" ] && return 0
            umount "$2"
        fi
    done
    return 1
}

state=/disk/etc/winvmbuild
if find_medium vfat /media/floppy testguest.cfg; then
    mode=install
    say "installing onto $disk"
    mke2fs -q "$disk" > /dev/null || fail "could not format $disk"
    mount -t ext2 "$disk" /disk || fail "could not mount $disk"
    mkdir -p "$state"
    # The floppy's configuration is kept, so that boot mode knows the address and the root folder.
    tr -d '\r' < /media/floppy/testguest.cfg > "$state/testguest.cfg"
    cp /media/floppy/authorized_keys "$state/authorized_keys" || fail "the floppy has no authorized_keys"
    ssh-keygen -q -t ed25519 -N '' -f "$state/ssh_host_ed25519_key" || fail "could not make a host key"
else
    mode=boot
    mount -t ext2 "$disk" /disk || fail "$disk holds no installed test guest"
fi

address=
root=
while read -r key value; do
    case "$key" in
        address) address=$value ;;
        root) root=$value ;;
    esac
done < "$state/testguest.cfg"
[ -n "$address" ] || fail "testguest.cfg has no address line"
[ -n "$root" ] || fail "testguest.cfg has no root line"
mkdir -p "/disk$root"
ln -s "/disk$root" "$root"
# /opt lives on the disk too, as everything on Windows' C:\ does: what a provisioning step installs there stays.
mkdir -p /disk/opt
rm -rf /opt
ln -s /disk/opt /opt

if [ "$mode" = install ]; then
    find_medium iso9660 /media/iso winvmbuild.marker || fail "no repository ISO (no disk holds winvmbuild.marker)"
    while read -r key value; do
        [ "$key" = archive ] || continue
        case "$value" in
            *.tar.xz) tar -xJf "/media/iso/$value" -C "$root" ;;
            *.tar.bz2) tar -xjf "/media/iso/$value" -C "$root" ;;
            *.tar.gz) tar -xzf "/media/iso/$value" -C "$root" ;;
            *) false ;;
        esac || fail "could not unpack $value"
        say "unpacked $value"
    done < "$state/testguest.cfg"
    sync
fi

ip link set lo up
ip addr add "$address" dev eth0
ip link set eth0 up

# Root logs in by key only, with busybox sh; the installed programs come first on PATH, and their
# libraries on the library path (as Cygwin's DLLs live beside its programs on PATH). Only what Cygwin's
# sshd is also given: one cheap key exchange, under the name XP's OpenSSH 7.3 knows too, and no DNS lookups
# (no re-exec tricks: OpenSSH 9.8+ has none).
/usr/sbin/sshd -f /etc/ssh/sshd_config -E /tmp/sshd.log \
    -o KexAlgorithms=curve25519-sha256@libssh.org -o UseDNS=no \
    -o HostKey="$state/ssh_host_ed25519_key" -o AuthorizedKeysFile="$state/authorized_keys" \
    -o PermitRootLogin=prohibit-password -o PasswordAuthentication=no -o UsePAM=no -o StrictModes=no \
    -o SetEnv="PATH=$root/usr/bin:$root/bin:/bin:/usr/bin:/usr/sbin LD_LIBRARY_PATH=$root/usr/lib:$root/lib" \
    || fail "sshd did not start"
say "sshd listening on $address ($mode mode)"

if [ "$mode" = install ]; then
    # The install hand-off: the host's command creates this file once SSH works.
    waited=0
    until [ -f /tmp/winvmbuild-install-acknowledged ]; do
        [ "$waited" -ge 1800 ] && fail "the install was not acknowledged within 30 min"
        sleep 1
        waited=$((waited + 1))
    done
    say "install acknowledged"
    umount /disk
    sync
    poweroff -f
fi

while true; do
    sleep 3600
done

#!/bin/sh
# /init of the controller VM. It serves the host's folders to the guest over Samba and runs one command
# script in the guest over SSH. Everything it is told comes from xchg/controller.conf; everything it
# reports goes back through xchg: log (live), exitcode, or status (why there is no exit code).
# Programs run from the host's own root (read-only over 9p), so smbd and ssh are the host's versions.
# shellcheck disable=SC2154 # guest_*, samba_*, shares and port22_timeout come from controller.conf

PATH=/bin
export PATH
/bin/busybox --install -s /bin

say() {
    # With the VM's uptime: where a slow stage spends its time shows in its console lines.
    read -r uptime _ < /proc/uptime
    echo "winvmbuild-controller: [$uptime] $*" > /dev/console
}

stop() {
    sync
    poweroff -f
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
say "started"

while read -r module; do
    insmod "/lib/modules/$module" || say "could not load $module"
done < /etc/winvmbuild/modules

mount_9p() {
    # $1 tag, $2 mount point, $3 ro|rw, $4 cache mode
    mkdir -p "$2"
    mount -t 9p -o "trans=virtio,version=9p2000.L,msize=512000,cache=${4:-none},$3" "$1" "$2"
}

# The host's root is only read, and does not change while this VM lives: the guest's page cache may keep
# what it read (smbd and ssh load hundreds of files from it). Shared folders stay uncached: they change.
host=/host
mount_9p hostroot "$host" ro loose || stop
for folder in run tmp var/lib/samba var/log var/cache/samba; do
    mount -t tmpfs -o mode=0755 tmpfs "$host/$folder"
done
chmod 1777 "$host/tmp"
mount -t proc proc "$host/proc"
mount -t sysfs sysfs "$host/sys"
mount -t devtmpfs devtmpfs "$host/dev"

# Seen from inside the chroot as /tmp/winvmbuild.
state=/tmp/winvmbuild
xchg="$host$state/xchg"
mount_9p xchg "$xchg" rw || stop

# Results of an earlier run in the same folder must not be read as this run's.
rm -f "$xchg/exitcode" "$xchg/status"

report() {
    # $1: why the command could not run. Written whole (tmp + mv) so the host never reads half of it.
    say "$1"
    echo "$1" > "$xchg/status.tmp" && mv "$xchg/status.tmp" "$xchg/status"
    stop
}

[ -f "$xchg/controller.conf" ] || report "xchg/controller.conf is missing"
# shellcheck source=/dev/null
. "$xchg/controller.conf"

for share in $shares; do
    # name:tag:mode; names and tags are checked on the host to hold no ':' or blank.
    name=${share%%:*}
    rest=${share#*:}
    mount_9p "${rest%%:*}" "$host$state/shares/$name" "${rest#*:}" || report "could not mount the share $name"
done

say "file systems mounted"
ip link set lo up
ip addr add 192.168.0.2/24 dev eth0
ip link set eth0 up

# The Samba account: a passwd with one more user, seen by smbd in place of the host's.
cp "$xchg/smb.conf" "$host$state/smb.conf"
cp "$host/etc/passwd" "/passwd"
echo "$samba_user:x:64000:65534::/nonexistent:/usr/sbin/nologin" >> /passwd
mount --bind /passwd "$host/etc/passwd"
mkdir -p "$host/var/lib/samba/private" "$host/var/log/samba" "$host/run/samba" "$host/var/cache/samba"

in_host() {
    HOME=$state PATH=/usr/sbin:/usr/bin:/sbin:/bin chroot "$host" "$@"
}

# Samba starts in the background while the guest is reached over SSH: both take seconds under TCG.
# The password goes through a pipe, never a command line.
(
    printf '%s\n%s\n' "$samba_password" "$samba_password" \
        | in_host smbpasswd -c "$state/smb.conf" -s -a "$samba_user" > /dev/null || exit 1
    say "samba account added"
    in_host smbd -D -s "$state/smb.conf"
) &
samba_started=$!

deadline=$(($(date +%s) + port22_timeout))
until [ "$(nc -w 2 "$guest_address" 22 < /dev/null 2> /dev/null | head -c 4)" = "SSH-" ]; do
    [ "$(date +%s)" -ge "$deadline" ] && report "no port 22 within $port22_timeout s: the guest at $guest_address did not start sshd"
    sleep 1
done
say "guest port 22 open"

cp "$xchg/id_guest" "$host$state/id_guest"
chmod 0600 "$host$state/id_guest"

guest_ssh() {
    in_host ssh -F /dev/null -n -i "$state/id_guest" \
        -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
        -o ConnectTimeout=30 -o ControlMaster=auto -o "ControlPath=$state/ssh-master" -o ControlPersist=yes \
        -l "$guest_user" "$guest_address" "$@"
}

# A first connection proves the key is accepted, so that a refusal is reported as one rather than as
# exit code 255 of the command; the command then reuses that connection.
guest_ssh true >> "$xchg/log" 2>&1 || report "ssh to $guest_user@$guest_address was refused (see xchg/log)"

wait "$samba_started" || report "smbd did not start: smbpasswd or smbd failed"
tries=0
until netstat -ltn | grep -q ':445 '; do
    [ "$tries" -ge 300 ] && report "smbd did not start: nothing listens on port 445 after 30 s"
    sleep 0.1
    tries=$((tries + 1))
done
say "smbd listening"

guest_ssh "$(cat "$xchg/command.sh")" >> "$xchg/log" 2>&1
echo "$?" > "$xchg/exitcode.tmp"
mv "$xchg/exitcode.tmp" "$xchg/exitcode"
say "command finished"
stop

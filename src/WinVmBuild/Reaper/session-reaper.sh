# Reaps one WinVmBuild session folder: stops every process that works for it, then deletes it with the secrets it
# holds. A session's processes are marked: the build starts them (QEMU, skopeo) with WINVMBUILD_SESSION naming the
# session's folder or one below it, and every process they start inherits it (the smbd processes QEMU starts and the
# ones they fork, QEMU's state writer and reader). A process can change its working folder and its title, as smbd
# does, and outlive its parent; the environment it was started with stays in /proc/PID/environ. Processes are never
# found by name, and a process id reused by another program cannot match.
#
#   session-reaper FOLDER [MARKED]  reap now: a build found the session of a build that died, or ends its own session,
#                                   whose folder it moved aside first (MARKED: the folder's name when its processes
#                                   were marked; FOLDER by default)
#   session-reaper --watch FOLDER   wait for standard input to end, then reap: the build holds the other end of the
#                                   pipe, so the end comes when the build dies, SIGKILL included. A build that cleans
#                                   up by itself kills this watcher first. A build that keeps its session (a VM left
#                                   for a person to log in to) writes FOLDER/keep-until (Unix seconds) and ends the
#                                   input: the watcher reaps at that time, or once no process of the session runs.
set -u

if [ "$1" = --watch ]; then
    shift
    # Ctrl+C and a terminal's hang-up reach the whole process group: the watcher must outlive the build it watches.
    trap '' INT HUP TERM
    while IFS= read -r _; do :; done
    watching=yes
fi
folder=$1
marked=${2:-$1}

# The mark of the session's processes, as a whole variable of /proc/PID/environ (one per NUL-ended record): the folder
# itself or a folder below it, the folder's characters taken literally.
mark="^WINVMBUILD_SESSION=$(printf '%s' "$marked" | sed 's/[][\\.*^$+?(){}|]/\\&/g')(/.*)?\$"

# The ids of the running processes that carry the mark (a zombie's environment reads empty: it no longer runs).
members() {
    grep -lszE "$mark" /proc/[0-9]*/environ | sed 's|^/proc/\([0-9]*\)/environ$|\1|'
}

# A kept session: wait for its time, or for its last process (the guest powered off).
if [ -n "${watching:-}" ] && [ -r "$folder/keep-until" ]; then
    until=$(cat "$folder/keep-until")
    while [ "$(date +%s)" -lt "$until" ] && [ -n "$(members)" ]; do
        sleep 1
    done
fi

pids=$(members)
if [ -n "$pids" ]; then
    # shellcheck disable=SC2086 # one id per word
    kill -TERM $pids 2>/dev/null
    tries=0
    while [ -n "$(members)" ] && [ "$tries" -lt 50 ]; do
        sleep 0.1
        tries=$((tries + 1))
    done
    pids=$(members)
    # shellcheck disable=SC2086
    [ -z "$pids" ] || kill -KILL $pids 2>/dev/null
fi
rm -rf -- "$folder"

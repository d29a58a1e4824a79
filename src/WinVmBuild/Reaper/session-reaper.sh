# Reaps one WinVmBuild session folder: stops every process that works in it (its QEMU, and the smbd processes QEMU
# started, run there), then deletes it with the secrets it holds. Processes are found by their working folder, which
# is unique to the session, never by name, and a process id reused by another program cannot match.
#
#   session-reaper FOLDER          reap now (a build found the session of a build that died)
#   session-reaper --watch FOLDER  wait for standard input to end, then reap: the build holds the other end of the
#                                  pipe, so the end comes when the build dies, SIGKILL included. A build that cleans
#                                  up by itself kills this watcher first.
set -u

if [ "$1" = --watch ]; then
    shift
    # Ctrl+C and a terminal's hang-up reach the whole process group: the watcher must outlive the build it watches.
    trap '' INT HUP TERM
    while IFS= read -r _; do :; done
fi
folder=$1

# The ids of the running processes whose working folder is the session's folder or below it.
members() {
    for proc in /proc/[0-9]*; do
        cwd=$(readlink "$proc/cwd" 2>/dev/null) || continue
        case $cwd in
            "$folder" | "$folder"/*) printf '%s\n' "${proc#/proc/}" ;;
        esac
    done
}

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

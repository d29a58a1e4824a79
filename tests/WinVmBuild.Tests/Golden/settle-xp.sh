# WinVmBuild: let Windows xp settle before its memory snapshot, then say which quiet steps are not in effect.
not_quiet() { echo "winvmbuild-not-quiet: $*"; }
settling() { echo "winvmbuild-settle: $*"; }

# A service is off when its Start value is 4 (disabled), or when this Windows has no such service.
check_service() {
    start=$(reg query "HKLM\\SYSTEM\\CurrentControlSet\\Services\\$1" /v Start 2>/dev/null | tr -d '\r' | awk '$1 == "Start" { print $3 }')
    [ -z "$start" ] || [ "$start" = 0x4 ] || not_quiet "$2 (the service $1 has start type $start, not 0x4: disabled)"
}

# Windows' servicing and native-image work, by image name.
busy() {
    tasklist /fo csv /nh 2>/dev/null | tr -d '\r' | grep -i -o -E '^"(TiWorker|TrustedInstaller|mscorsvw)\.exe"' | tr -d '"' | /usr/bin/sort -u | paste -s -d ' ' -
}

# The queued native images, then the wait, within 10 minutes. /usr/bin's sort and timeout: System32 has namesakes.
deadline=$((SECONDS + 600))
for ngen in "$(cygpath -W)"/Microsoft.NET/Framework*/v[2-9]*/ngen.exe; do
    if [ -f "$ngen" ] && [ "$SECONDS" -lt "$deadline" ]; then
        settling "running the queued native-image generation of $ngen"
        /usr/bin/timeout "$((deadline - SECONDS))" "$ngen" executeQueuedItems /nologo /silent >/dev/null 2>&1
    fi
done
while working=$(busy) && [ -n "$working" ] && [ "$SECONDS" -lt "$deadline" ]; do
    settling "waiting for $working"
    sleep 15
done
[ -z "$working" ] || not_quiet "Windows' servicing or native-image work, still running after 10 minutes: $working"

# Windows Update
check_service wuauserv 'Windows Update'

# Hibernation
[ ! -e "$(cygpath -u 'C:\hiberfil.sys')" ] || not_quiet 'hibernation (C:\hiberfil.sys is there)'

sync

# WinVmBuild: let Windows 10 settle before its memory snapshot, then say which quiet steps are not in effect.
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

# Microsoft Defender Antivirus
defender=$(mktemp --suffix=.ps1)
cat >"$defender" <<'EOF'
try { $status = Get-MpComputerStatus -ErrorAction Stop } catch { exit }
if (-not $status.RealTimeProtectionEnabled) { exit }
$tamper = if ($status.IsTamperProtected) { ', kept on by Tamper Protection' } else { '' }
'winvmbuild-not-quiet: Defender real-time protection' + $tamper
$excluded = @((Get-MpPreference).ExclusionPath)
if ($excluded -match '^N/A') { exit }
foreach ($path in 'C:\cygwin64', 'C:\cygwin64\tmp\winvmbuild') {
    if ($excluded -notcontains $path) { "winvmbuild-not-quiet: Defender's exclusion of $path" }
}
EOF
powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "$(cygpath -w "$defender")" | tr -d '\r'
rm -f "$defender"

# Windows Update
check_service wuauserv 'Windows Update'

# Update Orchestrator
check_service UsoSvc 'Update Orchestrator'

# Windows Update Medic
check_service WaaSMedicSvc 'Windows Update Medic'

# Telemetry
check_service DiagTrack 'Telemetry'

# SysMain (Superfetch)
check_service SysMain 'SysMain (Superfetch)'

# Windows Search indexing
check_service WSearch 'Windows Search indexing'

# Program Compatibility Assistant
check_service PcaSvc 'Program Compatibility Assistant'

# High performance power plan
powercfg /getactivescheme | grep -q -i 8c5e7fda-e8bf-4a96-9a85-a6e23a8c635c || not_quiet 'the High performance power plan is not active'

# Hibernation
[ ! -e "$(cygpath -u 'C:\hiberfil.sys')" ] || not_quiet 'hibernation (C:\hiberfil.sys is there)'

sync

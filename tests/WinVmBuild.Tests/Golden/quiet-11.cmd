@echo off
rem WinVmBuild: make Windows 11 quiet before its snapshot, as CI images are (docs/windows.md, "A quiet Windows in the snapshot").
rem What this Windows lacks is skipped, what fails is logged; winvmbuild.cmd keeps the log in C:\winvmbuild-quiet.log.
echo Microsoft Defender Antivirus
call :value "HKLM\SOFTWARE\Policies\Microsoft\Windows Defender\Real-Time Protection" "DisableRealtimeMonitoring" REG_DWORD 1
call :value "HKLM\SOFTWARE\Policies\Microsoft\Windows Defender\Exclusions" "Exclusions_Paths" REG_DWORD 1
call :value "HKLM\SOFTWARE\Policies\Microsoft\Windows Defender\Exclusions\Paths" "C:\cygwin64" REG_SZ 0
call :value "HKLM\SOFTWARE\Policies\Microsoft\Windows Defender\Exclusions\Paths" "C:\cygwin64\tmp\winvmbuild" REG_SZ 0
powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "Set-MpPreference -DisableRealtimeMonitoring $true; Add-MpPreference -ExclusionPath 'C:\cygwin64', 'C:\cygwin64\tmp\winvmbuild'" < nul
echo Windows Update
call :value "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU" "NoAutoUpdate" REG_DWORD 1
call :service wuauserv
echo Update Orchestrator
call :service UsoSvc
powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "Get-ScheduledTask -TaskPath '\Microsoft\Windows\UpdateOrchestrator\', '\Microsoft\Windows\WindowsUpdate\' -ErrorAction SilentlyContinue | Disable-ScheduledTask" < nul
echo Windows Update Medic
call :service WaaSMedicSvc
echo Automatic maintenance
call :value "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Schedule\Maintenance" "MaintenanceDisabled" REG_DWORD 1
echo Scheduled defragmentation
call :task "\Microsoft\Windows\Defrag\ScheduledDefrag"
echo .NET native-image generation tasks
call :task "\Microsoft\Windows\.NET Framework\.NET Framework NGEN v4.0.30319"
call :task "\Microsoft\Windows\.NET Framework\.NET Framework NGEN v4.0.30319 64"
echo Telemetry
call :value "HKLM\SOFTWARE\Policies\Microsoft\Windows\DataCollection" "AllowTelemetry" REG_DWORD 0
call :service DiagTrack
echo SysMain (Superfetch)
call :service SysMain
echo Windows Search indexing
call :service WSearch
echo Program Compatibility Assistant
call :service PcaSvc
echo High performance power plan
powercfg /setactive SCHEME_MIN || echo   failed: powercfg /setactive SCHEME_MIN
echo Hibernation
powercfg /hibernate off || echo   failed: powercfg /hibernate off
exit /b 0

:value
rem %1: a registry key, %2: a value name (both quoted), %3: its type, %4: its data.
reg add %1 /v %2 /t %3 /d %4 /f >nul 2>&1 && goto value_set
echo   could not set %~2 in %~1
exit /b 0
:value_set
echo   set %~2 to %4 in %~1
exit /b 0

:service
rem %1: a service to stop and disable. sc refuses some (WaaSMedicSvc): then its Start value becomes 4, disabled.
sc query %1 >nul 2>&1 || goto service_absent
sc stop %1 >nul 2>&1
sc config %1 start= disabled >nul 2>&1 && goto service_disabled
reg add HKLM\SYSTEM\CurrentControlSet\Services\%1 /v Start /t REG_DWORD /d 4 /f >nul 2>&1 && goto service_disabled
echo   could not disable the service %1
exit /b 0
:service_absent
echo   no service %1 here: skipped
exit /b 0
:service_disabled
echo   disabled the service %1
exit /b 0

:task
rem %1: a scheduled task's full path, quoted.
schtasks /query /tn %1 >nul 2>&1 || goto task_absent
schtasks /change /tn %1 /disable >nul 2>&1 && goto task_disabled
echo   could not disable the task %~1
exit /b 0
:task_absent
echo   no task %~1 here: skipped
exit /b 0
:task_disabled
echo   disabled the task %~1
exit /b 0

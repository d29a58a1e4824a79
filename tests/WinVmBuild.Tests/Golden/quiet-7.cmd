@echo off
rem WinVmBuild: make Windows 7 quiet before its snapshot, as CI images are (docs/windows.md, "A quiet Windows in the snapshot").
rem What this Windows lacks is skipped, what fails is logged; winvmbuild.cmd keeps the log in C:\winvmbuild-quiet.log.
echo Windows Defender
call :value "HKLM\SOFTWARE\Policies\Microsoft\Windows Defender" "DisableAntiSpyware" REG_DWORD 1
call :service WinDefend
echo Windows Update
call :value "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU" "NoAutoUpdate" REG_DWORD 1
call :service wuauserv
echo Scheduled defragmentation
call :task "\Microsoft\Windows\Defrag\ScheduledDefrag"
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

@echo off
rem WinVmBuild: install Cygwin from this CD, then run the bootstrap. %1 is this CD's drive letter.
rem Quiet Windows first (WinVmQuietWindows), so that Defender does not scan every file Cygwin's setup writes.
call %1:\winvmbuild-quiet.cmd > C:\winvmbuild-quiet.log 2>&1
start /wait %1:\setup-x86_64.exe --quiet-mode --local-install --local-package-dir %1:\ --root C:\cygwin64 --no-shortcuts --no-verify --packages libintl8,make,openssh
set status=%errorlevel%
if not exist C:\cygwin64\bin\bash.exe goto failed
C:\cygwin64\bin\bash.exe -l /cygdrive/%1/bootstrap.sh
exit /b
:failed
echo winvmbuild-failed: Cygwin's setup exited with %status% and installed no bash; see C:\cygwin64\var\log\setup.log.full> COM1
shutdown /s /t 0

@echo off
rem banwatch launcher for Windows: runs the agent on the Java runtime bundled next to it
rem (runtime\ beside lib\), so the computer needs no Java of its own. Flags as in the Linux
rem and macOS launcher (bin/banwatch), which explains each one.
setlocal
set "BANWATCH_HOME=%~dp0.."
set "BANWATCH_JAVA=%BANWATCH_HOME%\runtime\bin\java.exe"
if not exist "%BANWATCH_JAVA%" (
  echo banwatch: no bundled runtime at %BANWATCH_HOME%\runtime ^(run install.ps1 again^) 1>&2
  exit /b 2
)
rem AppCDS archive made by install.ps1 on this computer; missing or stale ones are ignored.
set "BANWATCH_CDS=-Xshare:auto"
if defined BANWATCH_CDS_DUMP (
  set "BANWATCH_CDS=-XX:ArchiveClassesAtExit=%BANWATCH_CDS_DUMP%"
) else if exist "%BANWATCH_HOME%\lib\banwatch.jsa" (
  set "BANWATCH_CDS=-XX:SharedArchiveFile=%BANWATCH_HOME%\lib\banwatch.jsa"
)
"%BANWATCH_JAVA%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto "%BANWATCH_CDS%" -Xms32m -Xmn24m -Xmx128m -XX:-UsePerfData -Djava.awt.headless=true -cp "%BANWATCH_HOME%\lib\*" io.banwatch.agent.Main %*
exit /b %ERRORLEVEL%

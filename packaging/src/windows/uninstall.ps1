#Requires -Version 5.1
#Requires -RunAsAdministrator
<#
.SYNOPSIS
  Removes the banwatch agent and its scheduled scan.

.DESCRIPTION
  Stops and unregisters the task \banwatch\banwatch-scan and deletes the program folder.
  Configuration, spool and logs in ProgramData\banwatch are kept, so a reinstall picks them up,
  unless -Purge is given.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File .\uninstall.ps1 -Purge
#>
[CmdletBinding()]
param(
    [string]$InstallDir = (Join-Path $env:ProgramFiles 'banwatch'),
    # Also delete ProgramData\banwatch (configuration, spool, logs).
    [switch]$Purge
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$DataDir = Join-Path $env:ProgramData 'banwatch'
$TaskPath = '\banwatch\'
$TaskName = 'banwatch-scan'

$existing = Get-ScheduledTask -TaskPath $TaskPath -TaskName $TaskName -ErrorAction SilentlyContinue
if ($null -ne $existing) {
    Stop-ScheduledTask -TaskPath $TaskPath -TaskName $TaskName
    Unregister-ScheduledTask -TaskPath $TaskPath -TaskName $TaskName -Confirm:$false
    Write-Host "Unregistered task $TaskPath$TaskName"
}
# The \banwatch\ task folder is left empty by Unregister-ScheduledTask; remove it too.
try {
    $service = New-Object -ComObject 'Schedule.Service'
    $service.Connect()
    $service.GetFolder('\').DeleteFolder('banwatch', 0)
} catch {
    Write-Verbose "Task folder \banwatch\ not removed: $($_.Exception.Message)"
}

if (Test-Path -LiteralPath $InstallDir) {
    Remove-Item -LiteralPath $InstallDir -Recurse -Force
    Write-Host "Removed $InstallDir"
}

if ($Purge) {
    if (Test-Path -LiteralPath $DataDir) {
        Remove-Item -LiteralPath $DataDir -Recurse -Force
        Write-Host "Removed $DataDir"
    }
} else {
    Write-Host "Kept $DataDir (configuration, spool, logs); run with -Purge to delete it."
}

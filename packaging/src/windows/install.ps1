#Requires -Version 5.1
#Requires -RunAsAdministrator
<#
.SYNOPSIS
  Installs or upgrades the banwatch agent and its daily scheduled scan.

.DESCRIPTION
  Run from the unpacked Windows kit (bin\, lib\, runtime\, share\, agent.conf,
  banwatch-scan-task.xml). Copies the program to Program Files, writes the configuration
  template to ProgramData unless a configuration is already there, restricts ProgramData\banwatch
  to SYSTEM and Administrators, makes the start-up (AppCDS) archive and registers the task
  \banwatch\banwatch-scan from banwatch-scan-task.xml. Running it again upgrades in place and
  keeps the configuration, spool and logs.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File .\install.ps1 -CollectorUrl https://banwatch.example.com:8740 -EnrollmentSecret s3cret
#>
[CmdletBinding()]
param(
    # The unpacked kit; by default the folder this script is in.
    [string]$Source = $PSScriptRoot,
    [string]$InstallDir = (Join-Path $env:ProgramFiles 'banwatch'),
    # Written into a new agent.conf only; an existing one is never changed.
    [string]$CollectorUrl = '',
    [string]$EnrollmentSecret = ''
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$DataDir = Join-Path $env:ProgramData 'banwatch'
$ConfigFile = Join-Path $DataDir 'agent.conf'
$TaskPath = '\banwatch\'
$TaskName = 'banwatch-scan'

# The runtime is jlinked on a Windows JDK by the release build; a kit without it cannot run.
if (-not (Test-Path -LiteralPath (Join-Path $Source 'runtime\bin\java.exe'))) {
    throw "No runtime\bin\java.exe in ${Source}: this kit has no Windows runtime (see packaging README)."
}

# Upgrade: stop a running scan and remove the old task before its files are replaced.
$existing = Get-ScheduledTask -TaskPath $TaskPath -TaskName $TaskName -ErrorAction SilentlyContinue
if ($null -ne $existing) {
    Stop-ScheduledTask -TaskPath $TaskPath -TaskName $TaskName
    Unregister-ScheduledTask -TaskPath $TaskPath -TaskName $TaskName -Confirm:$false
}

# Program files: replaced whole, so no jar of an older version is left on the class path.
New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
foreach ($part in 'bin', 'lib', 'runtime', 'share') {
    $target = Join-Path $InstallDir $part
    if (Test-Path -LiteralPath $target) {
        Remove-Item -LiteralPath $target -Recurse -Force
    }
    Copy-Item -LiteralPath (Join-Path $Source $part) -Destination $target -Recurse
}

# ProgramData\banwatch holds the enrollment secret and the reports: only SYSTEM and
# Administrators may read or write it. Inheritance from ProgramData (where Users may create
# files) is cut. Well-known SIDs, so it works on every display language.
foreach ($dir in $DataDir, (Join-Path $DataDir 'spool'), (Join-Path $DataDir 'logs')) {
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
}
$system = New-Object System.Security.Principal.SecurityIdentifier 'S-1-5-18'
$admins = New-Object System.Security.Principal.SecurityIdentifier 'S-1-5-32-544'
$acl = New-Object System.Security.AccessControl.DirectorySecurity
$acl.SetAccessRuleProtection($true, $false)
$acl.SetOwner($admins)
foreach ($sid in $system, $admins) {
    $rule = New-Object System.Security.AccessControl.FileSystemAccessRule(
        $sid, 'FullControl', 'ContainerInherit,ObjectInherit', 'None', 'Allow')
    $acl.AddAccessRule($rule)
}
Set-Acl -LiteralPath $DataDir -AclObject $acl

# The configuration: the template only when there is none, so upgrades keep the admin's edits.
if (Test-Path -LiteralPath $ConfigFile) {
    Write-Host "Keeping the existing configuration $ConfigFile"
} else {
    $text = Get-Content -LiteralPath (Join-Path $Source 'agent.conf') -Raw -Encoding UTF8
    # Java properties treat a backslash as an escape: double it. '$$' is a literal '$' in a
    # -replace replacement.
    if ($CollectorUrl -ne '') {
        $text = $text -replace '(?m)^collector\.url=.*$', ('collector.url=' + $CollectorUrl.Replace('\', '\\').Replace('$', '$$'))
    }
    if ($EnrollmentSecret -ne '') {
        $text = $text -replace '(?m)^enrollment\.secret=.*$', ('enrollment.secret=' + $EnrollmentSecret.Replace('\', '\\').Replace('$', '$$'))
    }
    [System.IO.File]::WriteAllText($ConfigFile, $text, (New-Object System.Text.UTF8Encoding $false))
    Write-Host "Wrote $ConfigFile"
}
# Files made before the ACL was set keep their own ACL: make the file inherit the new one.
$fileAcl = Get-Acl -LiteralPath $ConfigFile
$fileAcl.SetAccessRuleProtection($false, $false)
foreach ($rule in @($fileAcl.Access | Where-Object { -not $_.IsInherited })) {
    [void]$fileAcl.RemoveAccessRuleSpecific($rule)
}
Set-Acl -LiteralPath $ConfigFile -AclObject $fileAcl

# AppCDS archive: Java 17 ties it to this computer's jar paths, so it is made here, by
# scanning a tiny fixture once. A failure only makes start-up slower.
$launcher = Join-Path $InstallDir 'bin\banwatch.cmd'
$env:BANWATCH_CDS_DUMP = Join-Path $InstallDir 'lib\banwatch.jsa'
try {
    & $launcher scan --root (Join-Path $InstallDir 'share\cds-root') --json | Out-Null
    if ($LASTEXITCODE -gt 1) {
        Write-Warning "Could not make the start-up archive (exit $LASTEXITCODE); banwatch works but starts slower."
    }
} finally {
    Remove-Item Env:\BANWATCH_CDS_DUMP
}

# The scheduled task, from the XML definition, pointed at this install folder.
[xml]$task = Get-Content -LiteralPath (Join-Path $Source 'banwatch-scan-task.xml') -Raw -Encoding UTF8
$task.Task.Actions.Exec.Command = $launcher
$task.Task.Actions.Exec.WorkingDirectory = $DataDir
Register-ScheduledTask -TaskPath $TaskPath -TaskName $TaskName -Xml $task.OuterXml -Force | Out-Null

# Check what Task Scheduler made of it: LocalSystem with a service-account logon runs whether
# or not anyone is logged on.
$registered = Get-ScheduledTask -TaskPath $TaskPath -TaskName $TaskName
if ($registered.Principal.UserId -notin @('SYSTEM', 'S-1-5-18') -or
        "$($registered.Principal.LogonType)" -ne 'ServiceAccount') {
    throw "Task $TaskPath$TaskName registered with principal $($registered.Principal.UserId)/$($registered.Principal.LogonType), expected SYSTEM/ServiceAccount."
}
Write-Host "Installed banwatch in $InstallDir; daily scan task $TaskPath$TaskName registered."
Write-Host "Run a scan now: Start-ScheduledTask -TaskPath '$TaskPath' -TaskName '$TaskName'"

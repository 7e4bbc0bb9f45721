# banwatch Windows inventory script.
#
# Target: Windows PowerShell 5.1 on Windows 10/11 and Windows Server 2016-2025, built-in modules only.
# Run with the 64-bit powershell.exe:
#   powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command -   (script on stdin)
#   powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File inventory.ps1
# A 32-bit powershell.exe (SysWOW64) on a 64-bit OS sees HKLM:\SOFTWARE redirected to WOW6432Node, so
# the 64-bit uninstall entries would be missed. A 32-bit caller must start
# %SystemRoot%\Sysnative\WindowsPowerShell\v1.0\powershell.exe instead.
#
# Keep this file pure ASCII: with -Command - the script text itself is decoded with the console input
# code page, so any non-ASCII character here could be mangled. Non-ASCII data (Cyrillic product names,
# localized OS captions) only ever flows out of the script, as UTF-8.
#
# Output format (stdout, UTF-8 without BOM, CRLF line ends):
#   ### banwatch-section <name>      followed by one line: the section's JSON from
#                                   `... | ConvertTo-Json -Depth 3 -Compress`, or an empty line when
#                                   the command returned nothing
#   ### banwatch-error <name>        followed by one line: the exception message, newlines folded
# Sections appear in a fixed order and a failing section never stops the script. Each section is
# written and flushed as soon as it is complete, so when the caller kills a hung script it still has
# every section finished before the hang; a section cut mid-write is recognisable (no body line, or a
# body line without its line end) and the caller drops it.
#
# Every call that can hang has its own bound: CIM queries use -OperationTimeoutSec, reg.exe load and
# unload are killed after $script:RegTimeoutMs, and Get-AppxPackage runs in a runspace that is
# abandoned after $script:AppxTimeoutSec. A bound that trips fails only its own section (or, for
# reg.exe, skips one user's hive).
# PS 5.1 ConvertTo-Json specifics the parser must expect: a single result is printed as an object, not
# a one-element array; DateTime values print as "\/Date(<ms since epoch, UTC>)\/"; enums print as
# numbers; ' & < > are escaped as \u0027 \u0026 \u003c \u003e; non-ASCII characters are not escaped.
#
# Win32_Product is deliberately NOT used anywhere: querying it makes Windows Installer run a consistency
# check on every MSI package (which can trigger self-repair / reconfiguration, logged as MsiInstaller
# event 1035) and it takes minutes. The Uninstall registry keys give the same data quickly and
# read-only.
#
# When piped through -Command -, PowerShell executes each statement once it is complete; the file ends
# with blank lines so that the last statement is terminated. Do not remove them.

# --- Output encoding -------------------------------------------------------------------------------
# UTF8Encoding($false) is UTF-8 *without* a byte order mark. [System.Text.Encoding]::UTF8 is the same
# encoding but carries a BOM preamble, which some .NET/console paths emit in front of redirected output;
# the BOM-less instance avoids that. Wrapped in try/catch because Constrained Language Mode (WDAC /
# AppLocker) refuses the assignment; the inventory still runs then, in the OEM code page.
try {
    $banwatchUtf8 = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false
    [Console]::OutputEncoding = $banwatchUtf8
    $OutputEncoding = $banwatchUtf8
} catch {
    # keep going with the default encoding
}
$ProgressPreference = 'SilentlyContinue'

# Per-command bounds; the caller's timeout for the whole script is larger than any one of them.
$script:CimTimeoutSec = 20
$script:RegTimeoutMs = 15000
$script:AppxTimeoutSec = 30

# Every line goes through [Console]::Out. The PowerShell host formatter (Out-Default) is bypassed, so
# nothing gets wrapped or truncated to a console width, and all lines share one writer (no reordering).
function Write-BanwatchLine {
    param([string]$Text)
    [Console]::Out.WriteLine($Text)
}

# Runs one section. Everything the script block outputs becomes the section's JSON. The marker is only
# written once the JSON is complete, so a failure never leaves a half-written section behind.
function Invoke-BanwatchSection {
    param(
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][scriptblock]$Body
    )
    try {
        # Child scopes (the script block and the functions it calls) inherit this.
        $ErrorActionPreference = 'Stop'
        $items = @(& $Body)
        $json = ''
        if ($items.Count -gt 0) {
            # Piped, not -InputObject: one item prints as an object, several as an array.
            $json = [string]($items | ConvertTo-Json -Depth 3 -Compress)
        }
        Write-BanwatchLine "### banwatch-section $Name"
        Write-BanwatchLine $json
    } catch {
        $message = $null
        if ($_.Exception -ne $null) { $message = $_.Exception.Message }
        if ([string]::IsNullOrWhiteSpace($message)) { $message = [string]$_ }
        if ([string]::IsNullOrWhiteSpace($message)) { $message = 'unknown error' }
        # CimException messages end with a space ("Invalid namespace "); fold newlines, trim the ends.
        $message = ($message -replace '\s*[\r\n]+\s*', ' ').Trim()
        Write-BanwatchLine "### banwatch-error $Name"
        Write-BanwatchLine $message
    }
    [Console]::Out.Flush()
}

$script:UninstallProperties = @(
    'PSPath', 'PSChildName', 'DisplayName', 'DisplayVersion', 'Publisher', 'InstallDate',
    'InstallLocation', 'SystemComponent', 'ParentKeyName', 'ReleaseType', 'WindowsInstaller'
)

# Reads every subkey of one Uninstall key. Each subkey is read on its own: Get-ItemProperty over a
# wildcard stops at the first subkey holding a malformed value, which would hide all later entries.
# Subkeys without any value produce no object (same as Get-ItemProperty with a wildcard); subkeys
# without DisplayName are kept, the Java side filters them.
function Get-BanwatchUninstallEntries {
    param(
        [Parameter(Mandatory = $true)][string]$KeyPath,
        [string]$Sid
    )
    if (-not (Test-Path -LiteralPath $KeyPath)) { return }
    $properties = $script:UninstallProperties
    if ($Sid) {
        # GetNewClosure pins the SID value into the calculated property.
        $properties = $properties + @{ Name = 'Sid'; Expression = { $Sid }.GetNewClosure() }
    }
    foreach ($key in @(Get-ChildItem -LiteralPath $KeyPath)) {
        try {
            Get-ItemProperty -LiteralPath $key.PSPath | Select-Object -Property $properties
        } catch {
            # one unreadable entry must not hide the others
        }
    }
}

# reg.exe prints "The operation completed successfully." on stdout and its errors on stderr; neither
# may reach our stdout. In PS 5.1, redirected native stderr turns into error records that become
# terminating errors under $ErrorActionPreference = 'Stop', so this function relaxes it locally.
# A reg.exe that does not exit within $script:RegTimeoutMs (a hive locked by another process can block
# "reg load") is killed and counts as failed (-1). Where .NET process control is refused (Constrained
# Language Mode), reg.exe runs unbounded as before.
function Invoke-BanwatchReg {
    param([string[]]$Arguments)
    $ErrorActionPreference = 'Continue'
    $regExe = "$env:SystemRoot\System32\reg.exe"
    $process = $null
    try {
        $start = New-Object -TypeName System.Diagnostics.ProcessStartInfo
        $start.FileName = $regExe
        # Quote every argument: profile paths can hold spaces. reg.exe output is a line or two, so
        # the redirected pipes never fill up unread.
        $start.Arguments = (@($Arguments | ForEach-Object { '"' + $_ + '"' }) -join ' ')
        $start.UseShellExecute = $false
        $start.CreateNoWindow = $true
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($start)
    } catch {
        $process = $null
    }
    if ($process -eq $null) {
        $null = & $regExe @Arguments 2>&1
        return $LASTEXITCODE
    }
    if (-not $process.WaitForExit($script:RegTimeoutMs)) {
        try { $process.Kill() } catch { }
        return -1
    }
    return $process.ExitCode
}

# Runs a script block in its own runspace and waits at most $TimeoutSec for it. On timeout the
# runspace is asked to stop and abandoned (not disposed: Dispose would wait for the hung call), and
# this throws. Errors the block wrote are returned in $Errors for the caller to judge. Where
# runspaces are refused (Constrained Language Mode), the block runs here, unbounded.
function Invoke-BanwatchBounded {
    param(
        [Parameter(Mandatory = $true)][scriptblock]$Body,
        [Parameter(Mandatory = $true)][int]$TimeoutSec,
        [Parameter(Mandatory = $true)][string]$What,
        [Parameter(Mandatory = $true)][ref]$Errors
    )
    $shell = $null
    try {
        $shell = [powershell]::Create()
        $null = $shell.AddScript($Body.ToString())
    } catch {
        $shell = $null
    }
    if ($shell -eq $null) {
        $Errors.Value = @()
        return (& $Body)
    }
    $async = $shell.BeginInvoke()
    if (-not $async.AsyncWaitHandle.WaitOne($TimeoutSec * 1000)) {
        try { $null = $shell.BeginStop($null, $null) } catch { }
        throw "$What did not answer within $TimeoutSec s"
    }
    try {
        $result = $shell.EndInvoke($async)
    } catch {
        # A terminating error comes back wrapped in MethodInvocationException and maybe
        # CmdletInvocationException; rethrow the original so its message and type survive.
        $inner = $_.Exception
        while (($inner -is [System.Management.Automation.MethodInvocationException] -or
                $inner -is [System.Management.Automation.CmdletInvocationException]) -and $inner.InnerException -ne $null) {
            $inner = $inner.InnerException
        }
        $shell.Dispose()
        throw $inner
    }
    $Errors.Value = @($shell.Streams.Error | ForEach-Object { $_.Exception })
    $shell.Dispose()
    return $result
}

# --- host ------------------------------------------------------------------------------------------
Invoke-BanwatchSection -Name 'host' -Body {
    $cs = Get-CimInstance -ClassName Win32_ComputerSystem -OperationTimeoutSec $script:CimTimeoutSec
    $os = Get-CimInstance -ClassName Win32_OperatingSystem -OperationTimeoutSec $script:CimTimeoutSec
    $crypto = Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Cryptography' -Name 'MachineGuid'
    [pscustomobject]@{
        ComputerName   = $cs.Name
        Domain         = $cs.Domain
        PartOfDomain   = $cs.PartOfDomain
        Caption        = $os.Caption
        Version        = $os.Version
        BuildNumber    = $os.BuildNumber
        ProductType    = $os.ProductType      # 1 workstation, 2 domain controller, 3 server
        OSArchitecture = $os.OSArchitecture   # localized text, e.g. "64-bit"
        MachineGuid    = $crypto.MachineGuid
    }
}

# --- uninstall-machine -----------------------------------------------------------------------------
Invoke-BanwatchSection -Name 'uninstall-machine' -Body {
    # The native key must be readable; a failure here is a real error for this section.
    if (-not (Test-Path -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall')) {
        throw 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall does not exist'
    }
    Get-BanwatchUninstallEntries -KeyPath 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall'
    # Missing on 32-bit Windows; the function returns nothing then.
    Get-BanwatchUninstallEntries -KeyPath 'HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall'
}

# --- uninstall-users -------------------------------------------------------------------------------
# Per-user installs (Teams classic, VS Code user setup, OneDrive, ...) live in each user's hive. Hives
# of logged-on users are already under HKU\<SID>; the others are loaded from NTUSER.DAT under a
# temporary name and always unloaded again. A profile whose hive cannot be loaded (file missing or
# locked) is skipped rather than failing the whole section.
Invoke-BanwatchSection -Name 'uninstall-users' -Body {
    $profileImagePaths = @{}
    $profileList = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList'
    foreach ($profileKey in @(Get-ChildItem -LiteralPath $profileList)) {
        $name = [string]$profileKey.PSChildName
        if ($name -like 'S-1-5-21-*') {
            # GetValue expands the REG_EXPAND_SZ value (%SystemDrive%\Users\...).
            $profileImagePaths[$name] = $profileKey.GetValue('ProfileImagePath')
        }
    }
    foreach ($hive in @(Get-ChildItem -LiteralPath 'Registry::HKEY_USERS')) {
        $name = [string]$hive.PSChildName
        if ($name -like 'S-1-5-21-*' -and $name -notlike '*_Classes' -and -not $profileImagePaths.ContainsKey($name)) {
            $profileImagePaths[$name] = $null
        }
    }

    foreach ($sid in @($profileImagePaths.Keys | Sort-Object)) {
        $sid = [string]$sid
        $mountName = "banwatch_$sid"
        $mounted = $false
        try {
            $hiveRoot = "Registry::HKEY_USERS\$sid"
            if (-not (Test-Path -LiteralPath $hiveRoot)) {
                $imagePath = $profileImagePaths[$sid]
                if ([string]::IsNullOrEmpty($imagePath)) { continue }
                $hiveFile = Join-Path -Path $imagePath -ChildPath 'NTUSER.DAT'
                if (-not (Test-Path -LiteralPath $hiveFile)) { continue }
                if ((Invoke-BanwatchReg -Arguments @('load', "HKU\$mountName", $hiveFile)) -ne 0) { continue }
                $mounted = $true
                $hiveRoot = "Registry::HKEY_USERS\$mountName"
            }
            Get-BanwatchUninstallEntries -KeyPath "$hiveRoot\Software\Microsoft\Windows\CurrentVersion\Uninstall" -Sid $sid
        } finally {
            if ($mounted) {
                # Registry key handles opened by the provider keep the hive busy until they are
                # finalized; without this the unload fails with "Access is denied".
                [gc]::Collect()
                [gc]::WaitForPendingFinalizers()
                $null = Invoke-BanwatchReg -Arguments @('unload', "HKU\$mountName")
            }
        }
    }
}

# --- appx ------------------------------------------------------------------------------------------
# The AppX deployment service can stop answering (a stuck servicing operation), so the cmdlet runs
# bounded. Its errors come back as exceptions, whether they ended the call or not.
Invoke-BanwatchSection -Name 'appx' -Body {
    $errors = @()
    $packages = $null
    try {
        $packages = @(Invoke-BanwatchBounded -Body { Get-AppxPackage -AllUsers } -TimeoutSec $script:AppxTimeoutSec -What 'Get-AppxPackage -AllUsers' -Errors ([ref]$errors))
    } catch {
        $errors = @($_.Exception)
    }
    if ($errors.Count -gt 0) {
        # -AllUsers needs elevation. Fall back to the current user's packages on access denied only.
        $first = $errors[0]
        $denied = ($first -is [System.UnauthorizedAccessException]) -or ($first.HResult -eq -2147024891)
        if (-not $denied) { throw $first }
        $packages = @(Invoke-BanwatchBounded -Body { Get-AppxPackage } -TimeoutSec $script:AppxTimeoutSec -What 'Get-AppxPackage' -Errors ([ref]$errors))
        if ($errors.Count -gt 0) { throw $errors[0] }
    }
    # SignatureKind is an enum (0 None, 1 Developer, 2 Enterprise, 3 Store, 4 System); PS 5.1 prints it
    # as its number.
    $packages | Select-Object -Property @('Name', 'Version', 'Publisher', 'PackageFamilyName', 'InstallLocation', 'SignatureKind', 'IsFramework', 'NonRemovable')
}

# --- Windows Security Center -----------------------------------------------------------------------
# root/SecurityCenter2 exists on client SKUs only. On Windows Server the query fails with
# "Invalid namespace", which is reported as an error section on purpose (it tells the server apart
# from a client with no registered product).
$script:WscProperties = @('displayName', 'instanceGuid', 'pathToSignedProductExe', 'pathToSignedReportingExe', 'productState', 'timestamp')

Invoke-BanwatchSection -Name 'wsc-antivirus' -Body {
    Get-CimInstance -Namespace 'root/SecurityCenter2' -ClassName 'AntiVirusProduct' -OperationTimeoutSec $script:CimTimeoutSec | Select-Object -Property $script:WscProperties
}
Invoke-BanwatchSection -Name 'wsc-antispyware' -Body {
    Get-CimInstance -Namespace 'root/SecurityCenter2' -ClassName 'AntiSpywareProduct' -OperationTimeoutSec $script:CimTimeoutSec | Select-Object -Property $script:WscProperties
}
Invoke-BanwatchSection -Name 'wsc-firewall' -Body {
    Get-CimInstance -Namespace 'root/SecurityCenter2' -ClassName 'FirewallProduct' -OperationTimeoutSec $script:CimTimeoutSec | Select-Object -Property $script:WscProperties
}

# --- defender --------------------------------------------------------------------------------------
# Fails when the Defender feature is removed (Windows Server: the Defender module is gone, so the
# cmdlet is "not recognized") or when a third-party product has broken the provider (HRESULT
# 0x800106ba). With a third-party antivirus registered on a client, it usually succeeds and reports
# AMRunningMode "Not running".
Invoke-BanwatchSection -Name 'defender' -Body {
    Get-MpComputerStatus | Select-Object -Property @('AMServiceEnabled', 'AntivirusEnabled', 'AntispywareEnabled', 'RealTimeProtectionEnabled', 'AntivirusSignatureLastUpdated', 'AntivirusSignatureVersion', 'AMProductVersion', 'AMRunningMode', 'IsTamperProtected')
}

# --- defender-endpoint -----------------------------------------------------------------------------
# Microsoft Defender for Endpoint's sensor (the Sense service) ships with Windows 10/11 and Server
# 2019+ and stays stopped until the machine is onboarded, so the service alone proves nothing. When it
# first starts it writes OnboardingState (REG_DWORD, 1 = onboarded) under this key; Microsoft's
# onboarding guides check that value. A machine never onboarded has no key: an empty section.
Invoke-BanwatchSection -Name 'defender-endpoint' -Body {
    $status = 'HKLM:\SOFTWARE\Microsoft\Windows Advanced Threat Protection\Status'
    if (Test-Path -LiteralPath $status) {
        Get-ItemProperty -LiteralPath $status | Select-Object -Property @('OnboardingState')
    }
}

# --- services / drivers ----------------------------------------------------------------------------
Invoke-BanwatchSection -Name 'services' -Body {
    Get-CimInstance -ClassName Win32_Service -OperationTimeoutSec $script:CimTimeoutSec | Select-Object -Property @('Name', 'DisplayName', 'State', 'StartMode', 'PathName')
}
Invoke-BanwatchSection -Name 'drivers' -Body {
    Get-CimInstance -ClassName Win32_SystemDriver -OperationTimeoutSec $script:CimTimeoutSec | Select-Object -Property @('Name', 'DisplayName', 'State', 'StartMode', 'PathName')
}

# --- kaspersky-registry ----------------------------------------------------------------------------
# Reports the KasperskyLab keys, which often survive an uninstall. To stay small, only these keys are
# reported (the tree under "protected" holds hundreds of settings keys):
#   - the KasperskyLab key itself,
#   - its direct subkeys (protected, Components, AVP21.x, ...),
#   - any key down to depth 3 that has an "environment" or "Data" subkey (a product key such as
#     protected\KES or AVP21.17).
# ProductName:    environment\ProductName, else Data\LocalizedProductName
# ProductVersion: environment\ProductVersion, else environment\Ins_ProductVersion (KES)
# LastSuccessfulUpdate: Data\LastSuccessfulUpdate as stored: a REG_DWORD holding unix seconds, which
#   PowerShell reads as a signed Int32 (0xFFFFFFFF = "never" comes out as -1).
# Missing values are null. No KasperskyLab key at all gives an empty section, not an error.
Invoke-BanwatchSection -Name 'kaspersky-registry' -Body {
    $results = @()
    foreach ($root in @('HKLM:\SOFTWARE\KasperskyLab', 'HKLM:\SOFTWARE\WOW6432Node\KasperskyLab')) {
        if (-not (Test-Path -LiteralPath $root)) { continue }
        $rootKey = Get-Item -LiteralPath $root
        # Some subkeys may deny read access even to administrators; skip those instead of failing.
        $subKeys = @(Get-ChildItem -LiteralPath $root -Recurse -Depth 3 -ErrorAction SilentlyContinue)

        $rootName = [string]$rootKey.Name
        $productKeyNames = @{}
        foreach ($k in $subKeys) {
            $leaf = [string]$k.PSChildName
            if ($leaf -eq 'environment' -or $leaf -eq 'Data') {
                $parent = ([string]$k.Name).Substring(0, ([string]$k.Name).LastIndexOf('\'))
                $productKeyNames[$parent.ToLowerInvariant()] = $true
            }
        }

        foreach ($k in @($rootKey) + $subKeys) {
            $name = [string]$k.Name
            $parent = $name.Substring(0, [Math]::Max(0, $name.LastIndexOf('\')))
            $isRoot = ($name -eq $rootName)
            $isChildOfRoot = ($parent -eq $rootName)
            if (-not ($isRoot -or $isChildOfRoot -or $productKeyNames.ContainsKey($name.ToLowerInvariant()))) { continue }

            $productName = $null
            $productVersion = $null
            $lastUpdate = $null
            $envKey = $null
            $dataKey = $null
            try {
                $envKey = $k.OpenSubKey('environment')
                $dataKey = $k.OpenSubKey('Data')
            } catch {
                # access denied on a protected subkey: report the key with null values
            }
            if ($envKey -ne $null) {
                $productName = $envKey.GetValue('ProductName')
                $productVersion = $envKey.GetValue('ProductVersion')
                if ($productVersion -eq $null) { $productVersion = $envKey.GetValue('Ins_ProductVersion') }
                $envKey.Close()
            }
            if ($dataKey -ne $null) {
                if ($productName -eq $null) { $productName = $dataKey.GetValue('LocalizedProductName') }
                $lastUpdate = $dataKey.GetValue('LastSuccessfulUpdate')
                $dataKey.Close()
            }
            $results += [pscustomobject]@{
                Path                 = 'HKLM' + $name.Substring($name.IndexOf('\'))
                ProductName          = $productName
                ProductVersion       = $productVersion
                LastSuccessfulUpdate = $lastUpdate
            }
        }
    }
    # Get-ChildItem -Recurse order is provider-dependent; sort for stable output.
    $results | Sort-Object -Property Path
}

# --- processes -------------------------------------------------------------------------------------
# In PS 5.1 Process.Path is a script property reading MainModule.FileName; it fails (and is reported
# as null) for the System/Idle/Registry pseudo-processes and for protected processes such as
# MsMpEng.exe and Kaspersky's avp.exe, even when elevated. Match processes by Name, not by Path.
Invoke-BanwatchSection -Name 'processes' -Body {
    foreach ($process in @(Get-Process)) {
        $path = $null
        try { $path = $process.Path } catch { $path = $null }
        [pscustomobject]@{
            Name = $process.Name
            Id   = $process.Id
            Path = $path
        }
    }
}



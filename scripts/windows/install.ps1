<#
.SYNOPSIS
First installation of Etikettdrucker as a Windows service, from an unpacked release package.

.DESCRIPTION
Run from an administrator PowerShell inside the unpacked package:
    powershell -NoProfile -ExecutionPolicy Bypass -File .\scripts\install.ps1
Steps (each safe to repeat, except that an installed service is left to update.ps1):
 1. copy the package to -InstallDir (C:\Program Files\Etikettdrucker);
 2. create -DataRoot (C:\ProgramData\Etikettdrucker) with data\, data\logs\, data\backups\
    (the database, logs and backups live under data_dir = <DataRoot>\data);
 3. create <DataRoot>\etikettdrucker.toml from etikettdrucker.example.toml if it is missing
    (env = production, data_dir, port; behind IIS host = 127.0.0.1 and trust_forwarded_for = true),
    then `etikettdrucker config check`;
 4. `etikettdrucker service install` (automatic start, restart on failure, account NT SERVICE\<name>);
 5. permissions: <DataRoot> only for SYSTEM, Administrators and the service account (read), the
    data directory writable for the service account;
 6. event log source, firewall rule(s), scheduled tasks for the daily backup and maintenance;
 7. start the service and wait for /api/health.
IIS (URL Rewrite + ARR) is set up separately: see the comments in scripts\web.config.

.PARAMETER Direct
Clients connect to Etikettdrucker directly (no IIS): host = 0.0.0.0 and the firewall opens -Port.
Without it the firewall opens -FirewallPorts (IIS) and Etikettdrucker listens on 127.0.0.1 only.

.PARAMETER Account
Service account without password (LocalSystem, NT AUTHORITY\LocalService, NT AUTHORITY\NetworkService);
default: the virtual account NT SERVICE\<ServiceName>.

.PARAMETER After
Services to start first, e.g. the local PostgreSQL service (postgresql-x64-16).

.EXAMPLE
.\scripts\install.ps1
.EXAMPLE
.\scripts\install.ps1 -Direct -Port 8080 -After postgresql-x64-16
#>
[CmdletBinding()]
param(
    [string]$InstallDir = (Join-Path $env:ProgramFiles 'Etikettdrucker'),
    [string]$DataRoot = (Join-Path $env:ProgramData 'Etikettdrucker'),
    [string]$ServiceName = 'Etikettdrucker',
    [ValidateRange(1, 65535)][int]$Port = 3000,
    [switch]$Direct,
    [int[]]$FirewallPorts = @(443, 80),
    [string]$Account,
    [string[]]$After = @(),
    [string]$BackupTime = '01:30',
    [string]$MaintenanceTime = '03:00'
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'common.ps1')

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'run install.ps1 from an administrator PowerShell'
}
if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) {
    throw "service $ServiceName is already installed; use update.ps1 (or uninstall.ps1 first)"
}
$package = Split-Path -Parent $PSScriptRoot
Get-EtikettExe $package | Out-Null

# 1. program files
Write-Host "Copying the package to $InstallDir"
New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
Copy-Item -Path (Join-Path $package '*') -Destination $InstallDir -Recurse -Force
$exe = Get-EtikettExe $InstallDir

# 2. data directories
$dataDir = Join-Path $DataRoot 'data'
foreach ($dir in @($DataRoot, $dataDir, (Join-Path $dataDir 'logs'), (Join-Path $dataDir 'backups'))) {
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
}

# 3. configuration (never overwritten)
$config = Join-Path $DataRoot 'etikettdrucker.toml'
if (Test-Path -LiteralPath $config) {
    Write-Host "Keeping the existing configuration $config"
} else {
    Write-Host "Creating $config from etikettdrucker.example.toml"
    $text = [System.IO.File]::ReadAllText((Join-Path $InstallDir 'etikettdrucker.example.toml'))
    $listen = if ($Direct) { '0.0.0.0' } else { '127.0.0.1' }
    $text = $text -replace '(?m)^# env = .*$', 'env = "production"'
    $text = $text -replace '(?m)^# host = .*$', ('host = "{0}"' -f $listen)
    $text = $text -replace '(?m)^# port = .*$', ('port = {0}' -f $Port)
    $text = $text -replace '(?m)^# data_dir = .*$', ("data_dir = '{0}'" -f $dataDir.Replace('$', '$$'))
    if (-not $Direct) {
        $text = $text -replace '(?m)^# \[auth\][ \t]*$', '[auth]'
        $text = $text -replace '(?m)^# trust_forwarded_for = .*$', 'trust_forwarded_for = true'
    }
    $text = "# Created by install.ps1 on $(Get-Date -Format 'yyyy-MM-dd').`n" + $text
    [System.IO.File]::WriteAllText($config, $text, (New-Object System.Text.UTF8Encoding($false)))
}
& $exe --config $config config check | Out-Null
Assert-ExitCode "etikettdrucker config check ($config)"

# 4. service
$serviceArgs = @('--config', $config, 'service', 'install', '--name', $ServiceName)
if ($Account) { $serviceArgs += @('--account', $Account) }
foreach ($service in $After) { $serviceArgs += @('--after', $service) }
& $exe @serviceArgs
Assert-ExitCode 'etikettdrucker service install'

# 5. permissions (SIDs, so they work on a German Windows too)
$wellKnown = @{ 'LocalSystem' = '*S-1-5-18'; 'NT AUTHORITY\LocalService' = '*S-1-5-19'; 'NT AUTHORITY\NetworkService' = '*S-1-5-20' }
if (-not $Account) {
    $identity = "NT SERVICE\$ServiceName"
} elseif ($wellKnown.ContainsKey($Account)) {
    $identity = $wellKnown[$Account]
} else {
    $identity = $Account
}
& icacls.exe $DataRoot /inheritance:r /grant:r '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-544:(OI)(CI)F' "${identity}:(OI)(CI)RX" | Out-Null
Assert-ExitCode "icacls $DataRoot"
& icacls.exe $dataDir /grant:r "${identity}:(OI)(CI)M" | Out-Null
Assert-ExitCode "icacls $dataDir"

# 6. event log source, firewall, scheduled tasks
if (-not [System.Diagnostics.EventLog]::SourceExists($EventSource)) {
    [System.Diagnostics.EventLog]::CreateEventSource($EventSource, 'Application')
}
Get-NetFirewallRule -Group 'Etikettdrucker' -ErrorAction SilentlyContinue | Remove-NetFirewallRule
$openPorts = if ($Direct) { @($Port) } else { $FirewallPorts }
foreach ($p in $openPorts) {
    New-NetFirewallRule -Name "Etikettdrucker-TCP-$p" -DisplayName "Etikettdrucker (TCP $p)" -Group 'Etikettdrucker' `
        -Direction Inbound -Protocol TCP -LocalPort $p -Action Allow -Profile Domain, Private | Out-Null
}

$powershell = Join-Path $env:SystemRoot 'System32\WindowsPowerShell\v1.0\powershell.exe'
$taskPrincipal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
$taskSettings = New-ScheduledTaskSettingsSet -StartWhenAvailable -ExecutionTimeLimit (New-TimeSpan -Hours 2)
$tasks = @(
    @{ Name = 'Backup'; Script = 'backup-database.ps1'; At = $BackupTime; Text = 'Daily database backup (etikettdrucker backup)' },
    @{ Name = 'Maintenance'; Script = 'maintenance.ps1'; At = $MaintenanceTime; Text = 'Daily maintenance (etikettdrucker maintenance): exit code 0 ok, 1 failure, 2 warnings' }
)
foreach ($task in $tasks) {
    $script = Join-Path $InstallDir ('scripts\' + $task.Script)
    $arguments = '-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "{0}" -Config "{1}" -InstallDir "{2}"' -f $script, $config, $InstallDir
    $action = New-ScheduledTaskAction -Execute $powershell -Argument $arguments -WorkingDirectory $InstallDir
    $trigger = New-ScheduledTaskTrigger -Daily -At $task.At
    Register-ScheduledTask -TaskPath '\Etikettdrucker\' -TaskName $task.Name -Description $task.Text `
        -Action $action -Trigger $trigger -Principal $taskPrincipal -Settings $taskSettings -Force | Out-Null
}

# 7. start and check
Start-Service -Name $ServiceName
& $exe healthcheck --url "http://127.0.0.1:$Port/api/health" --retries 12 --interval 5s
Assert-ExitCode 'health check after the start'
Write-EtikettEvent -Type Information -EventId 1000 -Message "Etikettdrucker $(Get-Content -LiteralPath (Join-Path $InstallDir 'VERSION') -TotalCount 1) installed in $InstallDir."
Write-Host "Etikettdrucker is installed and running on port $Port. Configuration: $config"
exit 0

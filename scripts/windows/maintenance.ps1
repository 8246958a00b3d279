<#
.SYNOPSIS
Daily care of Etikettdrucker (scheduled task "\Etikettdrucker\Maintenance").

.DESCRIPTION
Runs `etikettdrucker.exe maintenance`: removes old logs and backups, VACUUM ANALYZE (PostgreSQL) or
PRAGMA optimize (SQLite), warns when the disk runs low, probes the health endpoint. The result goes to
the Application event log (source Etikettdrucker): Information, Warning or Error.
Exit code: 0 all well, 1 a step failed, 2 done with warnings (visible as "Last Run Result" in the
Task Scheduler).

.PARAMETER Config
The configuration file.

.PARAMETER InstallDir
Where etikettdrucker.exe is; default: the parent of this script's directory.

.PARAMETER ExtraArguments
Further options of `etikettdrucker maintenance`, e.g. @('--min-free-percent', '15').

.EXAMPLE
powershell -NoProfile -ExecutionPolicy Bypass -File maintenance.ps1
#>
[CmdletBinding()]
param(
    [string]$Config,
    [string]$InstallDir,
    [string[]]$ExtraArguments = @()
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'common.ps1')
if (-not $Config) { $Config = $DefaultConfig }
if (-not $InstallDir) { $InstallDir = $DefaultInstallDir }

try {
    $exe = Get-EtikettExe $InstallDir
    $result = Invoke-Etikett $exe (@('--config', $Config, 'maintenance') + $ExtraArguments)
    $code = $result.ExitCode
} catch {
    $result = [pscustomobject]@{ Output = $_.Exception.Message }
    $code = 1
}
switch ($code) {
    0 { Write-EtikettEvent -Type Information -EventId 1200 -Message "Maintenance done.`r`n$($result.Output)" }
    2 { Write-EtikettEvent -Type Warning -EventId 1202 -Message "Maintenance done with warnings.`r`n$($result.Output)" }
    default { Write-EtikettEvent -Type Error -EventId 1201 -Message "Maintenance FAILED (exit code $code).`r`n$($result.Output)" }
}
exit $code

<#
.SYNOPSIS
Backs up the Etikettdrucker database (daily scheduled task "\Etikettdrucker\Backup").

.DESCRIPTION
Runs `etikettdrucker.exe backup`: SQLite online copy (gzip) or PostgreSQL pg_dump, verified by reading
it back, into <data_dir>\backups; then removes backups older than -KeepDays or beyond the newest
-KeepCount (the newest always stays). The result goes to the Application event log (source
Etikettdrucker). Exit code: 0 success, 1 failure (shown as "Last Run Result" in the Task Scheduler).

.PARAMETER Config
The configuration file.

.PARAMETER InstallDir
Where etikettdrucker.exe is; default: the parent of this script's directory.

.EXAMPLE
powershell -NoProfile -ExecutionPolicy Bypass -File backup-database.ps1
#>
[CmdletBinding()]
param(
    [string]$Config,
    [string]$InstallDir,
    [ValidateRange(1, 36500)][int]$KeepDays = 30,
    [ValidateRange(1, 100000)][int]$KeepCount = 30
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'common.ps1')
if (-not $Config) { $Config = $DefaultConfig }
if (-not $InstallDir) { $InstallDir = $DefaultInstallDir }

try {
    $exe = Get-EtikettExe $InstallDir
    $result = Invoke-Etikett $exe @('--config', $Config, 'backup', '--keep-days', "$KeepDays", '--keep-count', "$KeepCount")
    $code = $result.ExitCode
} catch {
    $result = [pscustomobject]@{ Output = $_.Exception.Message }
    $code = 1
}
if ($code -eq 0) {
    Write-EtikettEvent -Type Information -EventId 1100 -Message "Backup done.`r`n$($result.Output)"
} else {
    Write-EtikettEvent -Type Error -EventId 1101 -Message "Backup FAILED (exit code $code).`r`n$($result.Output)"
}
exit $code

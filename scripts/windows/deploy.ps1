<#
.SYNOPSIS
Installs the Etikettdrucker release package this script belongs to (or -Package) over the installed one.

.DESCRIPTION
Thin wrapper around the NEW package's `etikettdrucker.exe deploy`, which does the work and rolls back by
itself: stop the service, back up the installation and the database, copy the new files, migrate,
start, health check; on any failure the previous version and database come back.
Run from an administrator PowerShell. Exit code: that of `etikettdrucker deploy` (0 success).

.PARAMETER Package
The unpacked release package (the directory with etikettdrucker.exe, frontend\, scripts\, VERSION);
default: the parent of this script's directory.

.PARAMETER HealthUrl
The health endpoint checked after the start.

.EXAMPLE
& 'C:\temp\etikettdrucker-1.2.0-windows-x86_64\scripts\deploy.ps1'
#>
[CmdletBinding()]
param(
    [string]$Package,
    [string]$InstallDir = (Join-Path $env:ProgramFiles 'Etikettdrucker'),
    [string]$Config = (Join-Path $env:ProgramData 'Etikettdrucker\etikettdrucker.toml'),
    [string]$ServiceName = 'Etikettdrucker',
    [string]$HealthUrl = 'http://127.0.0.1:3000/api/health',
    [ValidateRange(1, 1000)][int]$Retries = 5,
    [string]$Interval = '10s',
    [ValidateRange(1, 1000)][int]$Keep = 10
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'common.ps1')
if (-not $Package) { $Package = Split-Path -Parent $PSScriptRoot }
$Package = (Resolve-Path -LiteralPath $Package).ProviderPath

$exe = Get-EtikettExe $Package
$version = Get-Content -LiteralPath (Join-Path $Package 'VERSION') -TotalCount 1
Write-Host "Deploying Etikettdrucker $version from $Package to $InstallDir"
& $exe --config $Config deploy --package $Package --install-dir $InstallDir --manager windows `
    --service $ServiceName --health-url $HealthUrl --retries $Retries --interval $Interval --keep $Keep
$code = $LASTEXITCODE
if ($code -eq 0) {
    Write-EtikettEvent -Type Information -EventId 1300 -Message "Etikettdrucker $version deployed to $InstallDir."
} else {
    Write-EtikettEvent -Type Error -EventId 1301 -Message "Deploying Etikettdrucker $version FAILED (exit code $code); see the output of deploy."
}
exit $code

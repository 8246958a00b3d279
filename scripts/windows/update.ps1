<#
.SYNOPSIS
Updates Etikettdrucker from a release zip (etikettdrucker-<version>-windows-x86_64.zip).

.DESCRIPTION
Checks the zip against SHA256SUMS when that file lies next to it, unpacks it to a temporary directory
and runs the NEW package's scripts\deploy.ps1 (and with it the new etikettdrucker.exe deploy: stop,
backup, copy, migrate, start, health check, automatic rollback). The temporary directory is removed
afterwards. Run from an administrator PowerShell. Exit code: that of deploy (0 success).

.PARAMETER ZipPath
The release zip.

.EXAMPLE
& 'C:\Program Files\Etikettdrucker\scripts\update.ps1' -ZipPath C:\temp\etikettdrucker-1.2.0-windows-x86_64.zip
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string]$ZipPath,
    [string]$InstallDir = (Join-Path $env:ProgramFiles 'Etikettdrucker'),
    [string]$Config = (Join-Path $env:ProgramData 'Etikettdrucker\etikettdrucker.toml'),
    [string]$ServiceName = 'Etikettdrucker',
    [string]$HealthUrl = 'http://127.0.0.1:3000/api/health',
    [ValidateRange(1, 1000)][int]$Retries = 5,
    [string]$Interval = '10s',
    [ValidateRange(1, 1000)][int]$Keep = 10
)
$ErrorActionPreference = 'Stop'

$zip = (Resolve-Path -LiteralPath $ZipPath).ProviderPath
$sums = Join-Path (Split-Path -Parent $zip) 'SHA256SUMS'
if (Test-Path -LiteralPath $sums) {
    $name = Split-Path -Leaf $zip
    $line = Get-Content -LiteralPath $sums | Where-Object { ($_ -split '\s+\*?', 2)[1] -eq $name } | Select-Object -First 1
    if (-not $line) { throw "SHA256SUMS next to the zip has no entry for $name" }
    $expected = ($line -split '\s+')[0]
    $actual = (Get-FileHash -LiteralPath $zip -Algorithm SHA256).Hash
    if ($actual -ne $expected) { throw "checksum mismatch for ${name}: expected $expected, got $actual" }
    Write-Host "Checksum of $name verified"
} else {
    Write-Warning "no SHA256SUMS next to the zip; checksum not verified"
}

$temp = Join-Path ([System.IO.Path]::GetTempPath()) ("etikettdrucker-update-" + [guid]::NewGuid().ToString('N'))
try {
    Expand-Archive -LiteralPath $zip -DestinationPath $temp
    # Files from a downloaded zip carry the internet mark, which the execution policy would block.
    Get-ChildItem -LiteralPath $temp -Recurse -File | Unblock-File
    # The package is the zip's one top-level directory (or the zip's root).
    $package = $temp
    if (-not (Test-Path -LiteralPath (Join-Path $temp 'etikettdrucker.exe'))) {
        $dirs = @(Get-ChildItem -LiteralPath $temp -Directory | Where-Object { Test-Path -LiteralPath (Join-Path $_.FullName 'etikettdrucker.exe') })
        if ($dirs.Count -ne 1) { throw "$zip is not an Etikettdrucker release package (no etikettdrucker.exe)" }
        $package = $dirs[0].FullName
    }
    & (Join-Path $package 'scripts\deploy.ps1') -Package $package -InstallDir $InstallDir -Config $Config `
        -ServiceName $ServiceName -HealthUrl $HealthUrl -Retries $Retries -Interval $Interval -Keep $Keep
    $code = $LASTEXITCODE
} finally {
    Set-Location -LiteralPath ([System.IO.Path]::GetTempPath())
    Remove-Item -LiteralPath $temp -Recurse -Force -ErrorAction SilentlyContinue
}
exit $code

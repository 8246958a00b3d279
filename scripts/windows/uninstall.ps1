<#
.SYNOPSIS
Removes Etikettdrucker: service, scheduled tasks, firewall rules and program files. Keeps the data.

.DESCRIPTION
Stops the service gracefully (`etikettdrucker service uninstall`), removes it, the scheduled tasks
under \Etikettdrucker\, the firewall rules of group Etikettdrucker and -InstallDir. The configuration,
database, logs and backups under -DataRoot stay unless -RemoveData is given (asks for confirmation).
Run from an administrator PowerShell.

.EXAMPLE
& 'C:\Program Files\Etikettdrucker\scripts\uninstall.ps1'
.EXAMPLE
& 'C:\Program Files\Etikettdrucker\scripts\uninstall.ps1' -RemoveData
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param(
    [string]$InstallDir = (Join-Path $env:ProgramFiles 'Etikettdrucker'),
    [string]$DataRoot = (Join-Path $env:ProgramData 'Etikettdrucker'),
    [string]$ServiceName = 'Etikettdrucker',
    [switch]$RemoveData
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'common.ps1')

$exe = Join-Path $InstallDir 'etikettdrucker.exe'
if (Test-Path -LiteralPath $exe) {
    & $exe service uninstall --name $ServiceName
    Assert-ExitCode 'etikettdrucker service uninstall'
} elseif (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) {
    throw "$exe is missing but service $ServiceName exists; remove it with: sc.exe delete $ServiceName"
}

Get-ScheduledTask -TaskPath '\Etikettdrucker\' -ErrorAction SilentlyContinue | Unregister-ScheduledTask -Confirm:$false
Get-NetFirewallRule -Group 'Etikettdrucker' -ErrorAction SilentlyContinue | Remove-NetFirewallRule

# The program files cannot be removed while the current directory is inside them.
Set-Location -LiteralPath ([System.IO.Path]::GetTempPath())
if (Test-Path -LiteralPath $InstallDir) {
    Remove-Item -LiteralPath $InstallDir -Recurse -Force
    Write-Host "Removed $InstallDir"
}
if ($RemoveData -and (Test-Path -LiteralPath $DataRoot)) {
    if ($PSCmdlet.ShouldProcess($DataRoot, 'delete configuration, database, logs and backups')) {
        Remove-Item -LiteralPath $DataRoot -Recurse -Force
        Write-Host "Removed $DataRoot"
    }
} else {
    Write-Host "Kept $DataRoot (configuration, database, logs, backups)"
}
exit 0

<#
.SYNOPSIS
Shared by the Etikettdrucker scripts: default paths and running etikettdrucker.exe. Dot-source it.

.DESCRIPTION
The logic lives in etikettdrucker.exe (tested); these scripts only pass parameters and exit codes on.
Keep this file ASCII: Windows PowerShell 5.1 reads script files without a byte-order mark as ANSI.
#>

# The installation directory is the parent of the scripts directory (C:\Program Files\Etikettdrucker).
$script:DefaultInstallDir = Split-Path -Parent $PSScriptRoot
$script:DefaultDataRoot = Join-Path $env:ProgramData 'Etikettdrucker'
$script:DefaultConfig = Join-Path $script:DefaultDataRoot 'etikettdrucker.toml'
$script:EventSource = 'Etikettdrucker'

function Get-EtikettExe {
    param([Parameter(Mandatory = $true)][string]$Dir)
    $exe = Join-Path $Dir 'etikettdrucker.exe'
    if (-not (Test-Path -LiteralPath $exe -PathType Leaf)) {
        throw "etikettdrucker.exe not found in $Dir"
    }
    return $exe
}

# Runs etikettdrucker.exe, shows its output and returns the exit code and the output as text.
function Invoke-Etikett {
    param(
        [Parameter(Mandatory = $true)][string]$Exe,
        [Parameter(Mandatory = $true)][string[]]$Arguments
    )
    # Windows PowerShell 5.1 turns redirected stderr lines into errors, which 'Stop' would throw.
    $previous = $ErrorActionPreference
    $ErrorActionPreference = 'Continue'
    try {
        $lines = @(& $Exe @Arguments 2>&1 | ForEach-Object { "$_" })
        $code = $LASTEXITCODE
    } finally {
        $ErrorActionPreference = $previous
    }
    foreach ($line in $lines) { Write-Host $line }
    return [pscustomobject]@{ ExitCode = $code; Output = ($lines -join [Environment]::NewLine) }
}

# Writes to the Application event log (source created by install.ps1); never fails the caller.
function Write-EtikettEvent {
    param(
        [Parameter(Mandatory = $true)][string]$Message,
        [ValidateSet('Information', 'Warning', 'Error')][string]$Type = 'Information',
        [int]$EventId = 1000
    )
    try {
        if ($Message.Length -gt 30000) { $Message = $Message.Substring(0, 30000) }
        [System.Diagnostics.EventLog]::WriteEntry($script:EventSource, $Message, $Type, $EventId)
    } catch {
        Write-Warning "cannot write to the event log: $($_.Exception.Message)"
    }
}

# Throws when a native command (icacls, netsh, ...) failed.
function Assert-ExitCode {
    param([Parameter(Mandatory = $true)][string]$What)
    if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE" }
}

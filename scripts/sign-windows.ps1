# Authenticode signing for the Windows installers and the app binary. Tauri's bundler calls it
# once per file (bundle.windows.signCommand in src-tauri/tauri.conf.json; "%1" is the file),
# with src-tauri as the working folder. Configured only through the environment (CI secrets):
#
#   ZHIZHUAN_SIGN_THUMBPRINT   SHA-1 thumbprint of a code-signing certificate already in the
#                              runner's certificate store (imported from a secret .pfx first)
#   ZHIZHUAN_SIGN_TIMESTAMP    RFC 3161 timestamp server URL (default: DigiCert's)
#   ZHIZHUAN_SIGN_COMMAND      instead of a thumbprint: a whole command for tokens or cloud
#                              HSMs (e.g. AzureSignTool / trusted-signing-cli); "{file}" in it is
#                              replaced by the file's path
#
# With none of them set it signs nothing and succeeds, so unsigned builds (forks, local
# builds) still work; SmartScreen then warns the user about an unknown publisher.
param([Parameter(Mandatory = $true)][string]$File)
$ErrorActionPreference = 'Stop'

if ($env:ZHIZHUAN_SIGN_COMMAND) {
    $command = $env:ZHIZHUAN_SIGN_COMMAND.Replace('{file}', "`"$File`"")
    Write-Host "signing $File with ZHIZHUAN_SIGN_COMMAND"
    Invoke-Expression $command
    if ($LASTEXITCODE -ne 0) { throw "signing failed ($LASTEXITCODE): $File" }
    exit 0
}
if ($env:ZHIZHUAN_SIGN_THUMBPRINT) {
    $timestamp = if ($env:ZHIZHUAN_SIGN_TIMESTAMP) { $env:ZHIZHUAN_SIGN_TIMESTAMP } else { 'http://timestamp.digicert.com' }
    $signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
        Sort-Object FullName -Descending | Select-Object -First 1
    if (-not $signtool) { throw 'signtool.exe not found (Windows SDK)' }
    & $signtool.FullName sign /sha1 $env:ZHIZHUAN_SIGN_THUMBPRINT /fd sha256 /tr $timestamp /td sha256 /d '智转 ZhiZhuan' $File
    if ($LASTEXITCODE -ne 0) { throw "signtool failed ($LASTEXITCODE): $File" }
    exit 0
}
Write-Host "not signed (no ZHIZHUAN_SIGN_THUMBPRINT or ZHIZHUAN_SIGN_COMMAND): $File"
exit 0

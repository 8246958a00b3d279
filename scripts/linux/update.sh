#!/usr/bin/env bash
# Updates Etikettdrucker from a release archive (.tar.gz, .tgz, .tar.xz, .zip) or an unpacked folder:
# unpacks it into a temporary folder and runs deploy.sh with the NEW version's binary, which stops the
# service, keeps a copy of the installation and a database backup, swaps, migrates, starts, checks
# health and rolls back on failure.
#
#   update.sh ARCHIVE|FOLDER [deploy options…]
#
# Options and defaults as in deploy.sh, e.g. update.sh etikettdrucker-1.4.0-linux-x86_64.tar.gz
# Exit code: that of deploy (0 updated and healthy, 1 failed and rolled back), 2 usage.
set -euo pipefail

die() { printf 'update.sh: %s\n' "$*" >&2; exit 2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ $# -ge 1 && "$1" != -* ]] || die "usage: update.sh ARCHIVE|FOLDER [deploy options…]"
source="$1"
shift
[[ -e "$source" ]] || die "$source not found"

work="$(mktemp -d "${TMPDIR:-/tmp}/etikettdrucker-update.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# The service user runs the new binary for database commands on a first installation.
chmod 755 "$work"

if [[ -d "$source" ]]; then
  package="$(cd "$source" && pwd)"
else
  case "$source" in
    *.tar.gz | *.tgz) tar -xzf "$source" -C "$work" --no-same-owner ;;
    *.tar.xz) tar -xJf "$source" -C "$work" --no-same-owner ;;
    *.tar) tar -xf "$source" -C "$work" --no-same-owner ;;
    *.zip)
      if command -v unzip >/dev/null; then
        unzip -q "$source" -d "$work"
      elif command -v python3 >/dev/null; then
        python3 -m zipfile -e "$source" "$work"
      else
        die "unzip (or python3) is needed for .zip archives"
      fi
      ;;
    *) die "$source: not a .tar.gz, .tgz, .tar.xz, .tar or .zip archive, nor a folder" ;;
  esac
  # The bundle is the archive's root or its single top folder.
  package=""
  for candidate in "$work" "$work"/*/; do
    if [[ -f "${candidate%/}/etikettdrucker" ]]; then
      [[ -z "$package" ]] || die "$source holds more than one etikettdrucker binary"
      package="${candidate%/}"
    fi
  done
  [[ -n "$package" ]] || die "$source holds no etikettdrucker binary (not a release bundle?)"
  # Archives made elsewhere may lack modes: the service user must read everything and run the binary.
  chmod -R u+rwX,go+rX "$package"
  chmod 755 "$package/etikettdrucker"
fi

status=0
"$here/deploy.sh" "$package" "$@" || status=$?
exit "$status"

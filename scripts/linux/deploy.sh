#!/usr/bin/env bash
# Installs or updates Etikettdrucker from an unpacked release bundle with `etikettdrucker deploy`:
# stop, copy of the installation, database backup, swap, migrate, start, health check, and an
# automatic rollback when anything fails. The new version's own binary does the work; this script
# only fills in the Linux defaults.
#
#   deploy.sh [PACKAGE_DIR] [deploy options…]
#
# PACKAGE_DIR defaults to the bundle this script belongs to. Defaults, each used only
# when the option is not given: --install-dir $ETIKETT_INSTALL_DIR or /opt/etikettdrucker,
# --config $ETIKETT_CONFIG or /etc/etikettdrucker/etikettdrucker.toml (when that file exists).
# All other options go to `etikettdrucker deploy` (see `etikettdrucker deploy --help`), e.g.
#   deploy.sh /tmp/etikettdrucker-1.4.0 --retries 10 --interval 5s
# Exit code: 0 deployed and healthy; 1 failed (and rolled back, as the last line says); 2 usage.
set -euo pipefail

die() { printf 'deploy.sh: %s\n' "$*" >&2; exit 2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# In a release bundle the scripts sit in <bundle>/scripts, in the source tree in scripts/linux.
package="$here/.."
[[ -x "$package/etikettdrucker" ]] || package="$here/../.."
if [[ $# -gt 0 && "$1" != -* ]]; then
  package="$1"
  shift
fi
[[ -d "$package" ]] || die "package folder $package not found"
package="$(cd "$package" && pwd)"
binary="$package/etikettdrucker"
[[ -x "$binary" ]] || die "$package holds no executable etikettdrucker (not a release bundle?)"

has_option() {
  local name="$1" arg
  shift
  for arg in "$@"; do
    [[ "$arg" == "$name" || "$arg" == "$name="* ]] && return 0
  done
  return 1
}

defaults=()
if ! has_option --install-dir "$@"; then
  defaults+=(--install-dir "${ETIKETT_INSTALL_DIR:-/opt/etikettdrucker}")
fi
if ! has_option --config "$@"; then
  config="${ETIKETT_CONFIG:-/etc/etikettdrucker/etikettdrucker.toml}"
  if [[ -f "$config" ]]; then
    defaults+=(--config "$config")
  fi
fi

exec "$binary" deploy --package "$package" "${defaults[@]}" "$@"

#!/usr/bin/env bash
# Installs Etikettdrucker as a systemd service from an unpacked release bundle; run it again to repair
# or to install the bundle's units after an update (idempotent). Needs root.
#
#   sudo ./install.sh [PACKAGE_DIR] [deploy options…]
#
# PACKAGE_DIR defaults to the bundle this script belongs to. It
#   1. creates the system user and group `etikettdrucker` (no login, no home of its own);
#   2. creates /etc/etikettdrucker (root:etikettdrucker 0750) with a minimal etikettdrucker.toml when
#      none exists (an existing one is never touched) and /var/lib/etikettdrucker (etikettdrucker 0750);
#   3. installs the units etikettdrucker.service, etikettdrucker-backup.{service,timer} and
#      etikettdrucker-maintenance.{service,timer} into /etc/systemd/system;
#   4. installs the bundle into /opt/etikettdrucker with deploy.sh (`etikettdrucker deploy`: backup,
#      migrate, start, health check, rollback on failure);
#   5. enables the service and the timers.
# Configuration: /etc/etikettdrucker/etikettdrucker.toml (all settings: etikettdrucker.example.toml in
# /opt/etikettdrucker). Data, database, logs and backups: /var/lib/etikettdrucker.
set -euo pipefail

die() { printf 'install.sh: %s\n' "$*" >&2; exit 2; }
log() { printf '==> %s\n' "$*"; }

[[ $(id -u) -eq 0 ]] || die "run as root (sudo $0)"
command -v systemctl >/dev/null || die "systemd (systemctl) is required"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# In a release bundle the scripts sit in <bundle>/scripts, in the source tree in scripts/linux.
package="$here/.."
[[ -x "$package/etikettdrucker" ]] || package="$here/../.."
if [[ $# -gt 0 && "$1" != -* ]]; then
  package="$1"
  shift
fi
package="$(cd "$package" && pwd)" || die "package folder not found"
[[ -x "$package/etikettdrucker" ]] || die "$package holds no executable etikettdrucker"
units="$here"

user=etikettdrucker
config_dir=/etc/etikettdrucker
config="$config_dir/etikettdrucker.toml"
data_dir=/var/lib/etikettdrucker
install_dir=/opt/etikettdrucker

log "system user $user"
if ! getent group "$user" >/dev/null; then
  groupadd --system "$user"
fi
if ! id -u "$user" >/dev/null 2>&1; then
  nologin="$(command -v nologin || echo /usr/sbin/nologin)"
  useradd --system --gid "$user" --home-dir "$data_dir" --no-create-home \
    --shell "$nologin" --comment "Etikettdrucker service" "$user"
fi

log "folders"
install -d -m 0750 -o root -g "$user" "$config_dir"
install -d -m 0750 -o "$user" -g "$user" "$data_dir"
if [[ ! -e "$config" ]]; then
  log "writing a minimal $config"
  umask 027
  cat >"$config" <<TOML
# Etikettdrucker — written by install.sh. Every setting with its default and explanation:
# $install_dir/etikettdrucker.example.toml. Environment variables (ETIKETT_…, DATABASE_URL) override.
env = "production"
port = 3000
data_dir = "$data_dir"
static_dir = "$install_dir/frontend/dist"

# PostgreSQL instead of the SQLite file in data_dir:
# [database]
# url = "postgres://etikettdrucker:PASSWORD@localhost:5432/etikettdrucker"
TOML
  chown root:"$user" "$config"
  chmod 0640 "$config"
fi

log "systemd units"
for unit in etikettdrucker.service etikettdrucker-backup.service etikettdrucker-backup.timer \
  etikettdrucker-maintenance.service etikettdrucker-maintenance.timer; do
  install -m 0644 -o root -g root "$units/$unit" "/etc/systemd/system/$unit"
done
systemctl daemon-reload

log "installing $package into $install_dir"
ETIKETT_INSTALL_DIR="$install_dir" ETIKETT_CONFIG="$config" "$here/deploy.sh" "$package" "$@"

log "enabling the service and the timers"
systemctl enable etikettdrucker.service etikettdrucker-backup.timer etikettdrucker-maintenance.timer
systemctl start etikettdrucker-backup.timer etikettdrucker-maintenance.timer
log "done: systemctl status etikettdrucker; logs: journalctl -u etikettdrucker and $data_dir/logs"

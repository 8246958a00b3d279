#!/usr/bin/env bash
# Backup and restore benchmark (issue #9): INSPECTIONS units (default 100,000) on PostgreSQL and on
# SQLite; times `etikettdrucker backup` (dump + verification) and `restore` into an empty database,
# prints the file sizes and checks that the restored database holds every unit. Loopback only.
#
#   scripts/bench-backup.sh
#   INSPECTIONS=20000 BACKENDS=sqlite scripts/bench-backup.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

INSPECTIONS="${INSPECTIONS:-100000}"
BACKENDS="${BACKENDS:-postgres sqlite}"
BIN="$(build_server_release)"
WORK="$(mktemp -d)"
DROP=()
cleanup() {
  for db in "${DROP[@]}"; do
    psql -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

seconds() { python3 -c 'import sys, time; print(f"{time.time() - float(sys.argv[1]):.2f}")' "$1"; }
now() { python3 -c 'import time; print(time.time())'; }

# Runs `backup` then `restore` into an empty database; prints one line of figures.
measure() {
  local name="$1" data="$2" source_url="$3" target_url="$4" count_cmd="$5"
  local start file size backup_s restore_s units
  start="$(now)"
  ETIKETT_DATA_DIR="$data" DATABASE_URL="$source_url" LOG_LEVEL=warn "$BIN" backup >"$WORK/backup.out"
  backup_s="$(seconds "$start")"
  file="$(awk '/^backup / { print $2 }' "$WORK/backup.out")"
  size="$(du -h "$file" | cut -f1)"
  start="$(now)"
  ETIKETT_DATA_DIR="$WORK/restore-$name" DATABASE_URL="$target_url" LOG_LEVEL=warn \
    "$BIN" restore "$file" >/dev/null
  restore_s="$(seconds "$start")"
  units="$(eval "$count_cmd")"
  printf '%-10s %7s units   backup %6s s (%s, verified)   restore %6s s   restored units %s\n' \
    "$name" "$INSPECTIONS" "$backup_s" "$size" "$restore_s" "$units"
  [ "$units" -ge "$INSPECTIONS" ] || die "$name: the restored database holds $units units"
}

for backend in $BACKENDS; do
  case "$backend" in
  postgres)
    ADMIN_URL="${PG_ADMIN_URL:-$(cat "$CACHE_DIR/test-database-url" 2>/dev/null || true)}"
    [ -n "$ADMIN_URL" ] || die "no PostgreSQL: set PG_ADMIN_URL or run scripts/bootstrap.sh --test"
    # The inspection load test seeds the same year of units and keeps the database for us.
    kept="$(KEEP_DB=1 SCENARIOS=none INSPECTIONS="$INSPECTIONS" \
      bash "$ROOT/scripts/loadtest-inspections.sh" 2>/dev/null | awk '/kept the database/ { print $4 }')"
    [ -n "$kept" ] || die "seeding PostgreSQL failed"
    DROP+=("${kept##*/}")
    target="etikett_restore_$RANDOM$RANDOM"
    psql -q "$ADMIN_URL" -c "CREATE DATABASE \"$target\"" >/dev/null
    DROP+=("$target")
    mkdir -p "$WORK/pg"
    measure postgres "$WORK/pg" "$kept" "${ADMIN_URL%/*}/$target" \
      "psql -tAq '${ADMIN_URL%/*}/$target' -c 'SELECT COUNT(*) FROM inspections'"
    ;;
  sqlite)
    data="$WORK/sqlite"
    mkdir -p "$data"
    ETIKETT_DATA_DIR="$data" LOG_LEVEL=warn "$BIN" migrate >/dev/null
    printf 'Bench-Sicherung-%s-2026\n' "$RANDOM" | ETIKETT_DATA_DIR="$data" LOG_LEVEL=warn "$BIN" \
      create-admin --username messlauf --email messlauf@example.test --first-name Bench --last-name Admin >/dev/null
    # A year of C2 units, one every 5 minutes, every tenth still waiting for B.
    python3 - "$data/etikettdrucker.db" "$INSPECTIONS" <<'PY'
import datetime, json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = int(sys.argv[2])
now = datetime.datetime.now(datetime.timezone.utc)
values = {"serialnummer": "", "ba_nummer": "BA-2026-0001", "software_version": "1.2.3",
          "konfiguration": "RC", "seriennummer_elektronik": "EL-1", "mac_adresse": "00:1A:2B:3C:4D:5E",
          "hardware_ok": True, "hutschienenclip_montiert": True, "hdmi_ok": True, "web_ok": True,
          "zoom_ok": True, "menue_bedienbar": True, "ip_adresse": True, "kameraeingang_ok": True,
          "zustandsdaten_ok": True}
def rows():
    for i in range(1, n + 1):
        at = now - datetime.timedelta(minutes=5 * i)
        stamp = at.isoformat(timespec="seconds")
        serial = f"BENCH-{i}"
        values["serialnummer"] = serial
        data = json.dumps(values)
        done = i % 10 != 0
        yield ("c2", serial, "passed" if done else "awaiting_b", "2-C2-RC", "Rotoclear C2",
               "BA-2026-0001", at.year, at.date().isoformat(), data, data if done else None,
               "[]" if done else None, "[]" if done else None, 1, "bench", stamp,
               1 if done else None, "bench" if done else None, stamp if done else None,
               stamp if done else None, 2, stamp, stamp, "RC")
db.executemany(
    "INSERT INTO inspections (product, serialnummer, status, artikel_nummer, artikel_bezeichnung,"
    " ba_nummer, produktionsjahr, datum, values_a, values_b, differences, failed_checks, pruefer_a_id,"
    " pruefer_a, a_at, pruefer_b_id, pruefer_b, b_started_at, b_at, version, created_at, updated_at,"
    " variant) VALUES (" + ",".join("?" * 23) + ")", rows())
db.commit()
PY
    ETIKETT_DATA_DIR="$data" LOG_LEVEL=warn "$BIN" rebuild-stats >/dev/null
    mkdir -p "$WORK/restore-sqlite"
    measure sqlite "$data" "sqlite://$data/etikettdrucker.db?mode=rwc" \
      "sqlite://$WORK/restore-sqlite/etikettdrucker.db?mode=rwc" \
      "python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT COUNT(*) FROM inspections\").fetchone()[0])' '$WORK/restore-sqlite/etikettdrucker.db'"
    ;;
  *) die "unknown backend $backend (postgres, sqlite)" ;;
  esac
done

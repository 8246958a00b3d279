#!/usr/bin/env bash
# Lookup throughput through nginx with N instances (default 3) against one instance directly, on
# the seeded database of scripts/loadtest-inspections.sh: GET /api/c2?serialnummer=<existing serial>
# as a logged-in user, wrk with 16 connections. Loopback only; needs PostgreSQL, nginx and wrk.
#
#   scripts/multi-instance/bench.sh
#   INSPECTIONS=100000 DURATION=20s CONNECTIONS=32 scripts/multi-instance/bench.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

INSPECTIONS="${INSPECTIONS:-20000}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
INSTANCES="${INSTANCES:-3}"
CLUSTER_PORT="${CLUSTER_PORT:-3100}"
command -v wrk >/dev/null 2>&1 || die "wrk is missing: scripts/bootstrap.sh --test installs it"
ADMIN_URL="${PG_ADMIN_URL:-$(cat "$CACHE_DIR/test-database-url" 2>/dev/null || true)}"
[ -n "$ADMIN_URL" ] || die "no PostgreSQL: set PG_ADMIN_URL or run scripts/bootstrap.sh --test"

BIN="$(build_server_release)"
# The inspection load test seeds the database (and keeps it) without running its own scenarios.
seeded="$(INSPECTIONS="$INSPECTIONS" KEEP_DB=1 SCENARIOS=none PG_ADMIN_URL="$ADMIN_URL" \
  bash "$ROOT/scripts/loadtest-inspections.sh")"
DB_URL="$(sed -n 's/^kept the database: //p' <<<"$seeded")"
[ -n "$DB_URL" ] || die "seeding failed"
BASE="$(mktemp -d)"
cleanup() {
  bash "$MI_DIR/stop.sh" "$BASE/cluster" >/dev/null 2>&1 || true
  psql -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS \"${DB_URL##*/}\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$BASE"
}
trap cleanup EXIT

DATABASE_URL="$DB_URL" ETIKETT_ENV=production LOG_LEVEL=warn \
  bash "$MI_DIR/start.sh" -b "$BIN" -n "$INSTANCES" -p "$CLUSTER_PORT" "$BASE/cluster"

PASSWORD="Messreihe-Pruefstand-$RANDOM-2026"
printf '%s\n' "$PASSWORD" | DATABASE_URL="$DB_URL" ETIKETT_DATA_DIR="$BASE/admin" LOG_LEVEL=warn \
  "$BIN" create-admin --username bench --email bench@example.test --first-name Bench --last-name Lauf \
  >/dev/null || die "creating the benchmark user failed"
curl -sf -o /dev/null -c "$BASE/cookies" -H 'content-type: application/json' \
  -d "{\"identifier\":\"bench\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$CLUSTER_PORT/api/auth/login" ||
  die "login failed"
TOKEN="$(awk '$6 == "auth-token" { print $7 }' "$BASE/cookies")"

# Seeded serials BENCH-<n> with n = 4k + 1 are C2 units (see loadtest-inspections.sh).
cat >"$BASE/lookup.lua" <<LUA
math.randomseed(os.time())
request = function()
  local n = 4 * math.random(0, $INSPECTIONS / 4 - 1) + 1
  return wrk.format("GET", "/api/c2?serialnummer=BENCH-" .. n)
end
LUA

run() {
  local name="$1" url="$2" out rps p50 p99 errors
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$BASE/lookup.lua" \
    -H "Cookie: auth-token=$TOKEN" "$url/api/c2")"
  rps="$(awk '/Requests\/sec/ { print $2 }' <<<"$out")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  errors="$(awk '/Non-2xx|Socket errors/' <<<"$out" | tr '\n' ' ')"
  printf '%-34s %10s req/s   p50 %-9s p99 %-9s %s\n' "$name" "$rps" "$p50" "$p99" "$errors"
}

echo "PostgreSQL, $INSPECTIONS inspections, $(nproc) CPU cores; wrk: $CONNECTIONS connections, $THREADS threads, $DURATION"
run "$INSTANCES instances through nginx" "http://127.0.0.1:$CLUSTER_PORT"
run "1 instance directly" "http://127.0.0.1:$((CLUSTER_PORT + 1))"

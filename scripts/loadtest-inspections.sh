#!/usr/bin/env bash
# Inspection load test on PostgreSQL (issue #6 figures): a release server on a throwaway database
# seeded with INSPECTIONS units (default 100,000), then wrk with 16 connections:
#   - Prüfer B lookup by serial   GET  /api/c2?serialnummer=<random existing serial>
#   - Prüfer A create             POST /api/c2 with a new serial per request
#   - home page figures           GET  /api/dashboard-stats as a Prüfer B (issue #8)
#   - analytics (issue #8)        GET  /api/analytics/* as an admin, 12 months of all product lines
#                                 (the widest default) and 30 days of C2 by day
#   - CSV export (issue #8)       GET  /api/inspections/export of every unit, with the server's
#                                 peak memory before and after
# Loopback only. Needs PostgreSQL (scripts/bootstrap.sh --test starts it) and wrk.
#
#   scripts/loadtest-inspections.sh
#   INSPECTIONS=20000 DURATION=5s scripts/loadtest-inspections.sh
#   KEEP_DB=1 SCENARIOS=none scripts/loadtest-inspections.sh   (seed only; keeps the database)
#   SCENARIOS=reads CONNECTIONS=4 scripts/loadtest-inspections.sh (home page, analytics, export only)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

INSPECTIONS="${INSPECTIONS:-100000}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
command -v wrk >/dev/null 2>&1 || die "wrk is missing: scripts/bootstrap.sh --test installs it"
ADMIN_URL="${PG_ADMIN_URL:-$(cat "$CACHE_DIR/test-database-url" 2>/dev/null || true)}"
[ -n "$ADMIN_URL" ] || die "no PostgreSQL: set PG_ADMIN_URL or run scripts/bootstrap.sh --test"

BIN="$(build_server_release)"
DATA="$(mktemp -d)"
DB="etikett_load_$RANDOM$RANDOM"
DB_URL="${ADMIN_URL%/*}/$DB"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"

cleanup() {
  [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null
  wait 2>/dev/null || true
  if [ -n "${KEEP_DB:-}" ]; then
    echo "kept the database: $DB_URL"
  else
    psql -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT
psql -q "$ADMIN_URL" -c "CREATE DATABASE \"$DB\"" >/dev/null

HOST=127.0.0.1 PORT="$PORT" ETIKETT_DATA_DIR="$DATA" ETIKETT_ENV=production LOG_LEVEL=warn \
  DATABASE_URL="$DB_URL" ETIKETT_AUTH__LOGIN_ATTEMPTS_PER_MINUTE=100000 \
  ETIKETT_STATIC_DIR="$ROOT/frontend/dist" "$BIN" serve >"$DATA/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 1000); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/health" || true)" = "200" ] && break
  sleep 0.01
done

PASSWORD="Messreihe-Pruefstand-$RANDOM-2026"
curl -sf -o /dev/null -H 'content-type: application/json' \
  -d "{\"username\":\"lasttest\",\"email\":\"lasttest@example.test\",\"password\":\"$PASSWORD\",\"firstName\":\"Last\",\"lastName\":\"Test\"}" \
  "$BASE/api/setup/create-admin" || die "first-run setup failed"
LOGIN="$(curl -sf -c "$DATA/cookies" -H 'content-type: application/json' \
  -d "{\"identifier\":\"lasttest\",\"password\":\"$PASSWORD\"}" "$BASE/api/auth/login")" || die "login failed"
TOKEN="$(awk '$6 == "auth-token" { print $7 }' "$DATA/cookies")"
CSRF="$(python3 -c 'import json, sys; print(json.load(sys.stdin)["csrfToken"])' <<<"$LOGIN")"

# One real unit through the API gives the exact stored shape; the rest are copies with new serials.
python3 - "$ROOT" >"$DATA/example.json" <<'PY'
import json, sys
print(json.dumps({
  "serialnummer": "C2-SEED", "ba_nummer": "BA-2026-0001", "software_version": "1.2.3",
  "konfiguration": "RC", "seriennummer_elektronik": "EL-1", "mac_adresse": "00:1A:2B:3C:4D:5E",
  "hardware_ok": True, "hutschienenclip_montiert": True, "hdmi_ok": True, "web_ok": True,
  "zoom_ok": True, "menue_bedienbar": True, "ip_adresse": True, "kameraeingang_ok": True,
  "zustandsdaten_ok": True}))
PY
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' \
  -H "Cookie: auth-token=$TOKEN" -H "X-CSRF-Token: $CSRF" -d @"$DATA/example.json" "$BASE/api/c2")
[ "$status" = "201" ] || die "creating the seed unit failed with HTTP $status"
log "seeding $INSPECTIONS inspections"
# A year of completions (one every 5 minutes), lead times of 5 minutes to 8 hours, every tenth unit
# still waiting for B, about 4 % failed with one or two checks, every 17th with an A/B difference.
psql -q "$DB_URL" <<SQL
INSERT INTO inspections (product, serialnummer, status, artikel_nummer, artikel_bezeichnung, ba_nummer,
  produktionsjahr, datum, values_a, values_b, differences, failed_checks, pruefer_a_id, pruefer_a, a_at,
  pruefer_b_id, pruefer_b, b_started_at, b_at, version, created_at, updated_at, variant)
SELECT (ARRAY['cpro','c2','cbasic','kk'])[1 + n % 4], 'BENCH-' || n, t.status,
  s.artikel_nummer, s.artikel_bezeichnung, s.ba_nummer, s.produktionsjahr,
  (COALESCE(t.b_at, t.a_at) AT TIME ZONE 'Europe/Berlin')::date,
  replace(s.values_a, 'C2-SEED', 'BENCH-' || n),
  CASE WHEN t.open THEN NULL ELSE s.values_a END,
  CASE WHEN t.open THEN NULL WHEN n % 17 = 0
    THEN '[{"field":"software_version","labelDe":"Software-Version","labelEn":"Software version","a":"1.2.3","b":"1.2.4"}]'
    ELSE '[]' END,
  CASE WHEN t.open THEN NULL WHEN t.status = 'failed' AND n % 2 = 0 THEN '["hdmi_ok"]'
    WHEN t.status = 'failed' THEN '["web_ok","zoom_ok"]' ELSE '[]' END,
  s.pruefer_a_id, s.pruefer_a, t.a_at,
  CASE WHEN t.open THEN NULL ELSE s.pruefer_a_id END, CASE WHEN t.open THEN NULL ELSE 'pruefer-b-' || (n % 7) END,
  t.b_at, t.b_at, 2, t.a_at, COALESCE(t.b_at, t.a_at),
  (ARRAY['TB_1','RC',NULL,'Ein_Optik'])[1 + n % 4]
FROM generate_series(1, $INSPECTIONS) AS n
  CROSS JOIN LATERAL (SELECT n % 10 = 0 AS open,
    CASE WHEN n % 10 = 0 THEN 'awaiting_b' WHEN n % 23 = 0 THEN 'failed' ELSE 'passed' END AS status,
    now() - (n * 5 || ' minutes')::interval - ((5 + n % 480) || ' minutes')::interval AS a_at,
    CASE WHEN n % 10 = 0 THEN NULL ELSE now() - (n * 5 || ' minutes')::interval END AS b_at) AS t,
  (SELECT * FROM inspections WHERE serialnummer = 'C2-SEED') AS s;
SQL
# Rows written beside the workflow: the home page's daily counts are counted afresh, as after an
# import. A freshly loaded table is vacuumed first, so the run does not measure that work.
ETIKETT_DATA_DIR="$DATA" DATABASE_URL="$DB_URL" LOG_LEVEL=warn "$BIN" rebuild-stats
psql -q "$DB_URL" -c "VACUUM ANALYZE inspections" -c "VACUUM ANALYZE inspection_daily" >/dev/null

cat >"$DATA/lookup.lua" <<LUA
math.randomseed(os.time())
request = function()
  local n = 4 * math.random(0, $INSPECTIONS / 4 - 1) + 1
  return wrk.format("GET", "/api/c2?serialnummer=BENCH-" .. n)
end
LUA
cat >"$DATA/create.lua" <<LUA
local counter = 0
local body = [[$(cat "$DATA/example.json")]]
setup = function(thread) thread:set("prefix", tostring(math.random(100000, 999999))) end
request = function()
  counter = counter + 1
  local serial = "LOAD-" .. prefix .. "-" .. counter
  return wrk.format("POST", "/api/c2", nil, (body:gsub("C2%-SEED", serial)))
end
LUA

# A Prüfer B of the plant (every seeded unit was recorded by the admin as Prüfer A).
curl -sf -o /dev/null -b "$DATA/cookies" -H 'content-type: application/json' -H "X-CSRF-Token: $CSRF" \
  -d "{\"username\":\"lastb\",\"email\":\"lastb@example.test\",\"password\":\"$PASSWORD\",\"firstName\":\"Last\",\"lastName\":\"B\",\"role\":\"PRUEFER_B\"}" \
  "$BASE/api/users" || die "creating the Prüfer B user failed"
LOGIN_B="$(curl -sf -c "$DATA/cookies-b" -H 'content-type: application/json' \
  -d "{\"identifier\":\"lastb\",\"password\":\"$PASSWORD\"}" "$BASE/api/auth/login")" || die "Prüfer B login failed"
TOKEN_B="$(awk '$6 == "auth-token" { print $7 }' "$DATA/cookies-b")"
CSRF_B="$(python3 -c 'import json, sys; print(json.load(sys.stdin)["csrfToken"])' <<<"$LOGIN_B")"

scenario() {
  local name="$1" script="$2" path="$3" token="${4:-$TOKEN}" csrf="${5:-$CSRF}"
  local out rps p50 p99 errors
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency ${script:+-s "$script"} \
    -H "Cookie: auth-token=$token" -H "X-CSRF-Token: $csrf" -H 'content-type: application/json' "$BASE$path")"
  rps="$(awk '/Requests\/sec/ { print $2 }' <<<"$out")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  errors="$(awk '/Non-2xx|Socket errors/' <<<"$out" | tr '\n' ' ')"
  printf '%-34s %10s req/s   p50 %-9s p99 %-9s %s\n' "$name" "$rps" "$p50" "$p99" "$errors"
}

[ "${SCENARIOS:-all}" = none ] && exit 0
echo "PostgreSQL, $INSPECTIONS inspections; wrk: $CONNECTIONS connections, $THREADS threads, $DURATION"
if [ "${SCENARIOS:-all}" = all ]; then
  scenario "B lookup GET /api/c2?serialnummer" "$DATA/lookup.lua" /api/c2
  scenario "A create POST /api/c2" "$DATA/create.lua" /api/c2
  # The reads below are measured on a settled table, not during autovacuum after the writes.
  psql -q "$DB_URL" -c "VACUUM ANALYZE inspections" -c "VACUUM ANALYZE inspection_daily" >/dev/null
fi
scenario "Home GET /api/dashboard-stats (B)" "" /api/dashboard-stats "$TOKEN_B" "$CSRF_B"
for report in throughput failures disagreement lead-time inspectors labels; do
  scenario "Analytics $report (12 months)" "" "/api/analytics/$report"
done
FROM_30="$(date -u -d '29 days ago' +%F)"
scenario "Analytics throughput (C2, 30 days)" "" "/api/analytics/throughput?product=c2&granularity=day&from=$FROM_30"

# Every unit as CSV: time, size and the server's peak resident memory before and after.
peak() { awk '/VmHWM/ { print $2 " " $3 }' "/proc/$PID/status"; }
before="$(peak)"
read -r seconds bytes < <(curl -s -o "$DATA/export.csv" -w '%{time_total} %{size_download}\n' \
  -H "Cookie: auth-token=$TOKEN" "$BASE/api/inspections/export?format=csv")
rows="$(($(wc -l <"$DATA/export.csv") - 1))"
printf 'CSV export of every unit: %s rows, %s bytes in %ss; server peak memory %s before, %s after\n' \
  "$rows" "$bytes" "$seconds" "$before" "$(peak)"
before="$(peak)"
read -r seconds bytes < <(curl -s -o "$DATA/export.xlsx" -w '%{time_total} %{size_download}\n' \
  -H "Cookie: auth-token=$TOKEN" "$BASE/api/inspections/export?format=xlsx")
printf 'XLSX export of every unit: %s bytes in %ss; server peak memory %s before, %s after\n' \
  "$bytes" "$seconds" "$before" "$(peak)"
psql -qtA "$DB_URL" -c "SELECT 'inspections after the run: ' || count(*) FROM inspections"

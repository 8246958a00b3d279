#!/usr/bin/env bash
# HTTP load test with wrk against a release build on loopback: requests/s and p50/p99 per scenario,
# plus start-up time to the first 200 and idle memory. Bounded in time; talks to 127.0.0.1 only.
#
#   scripts/loadtest.sh                 starts its own server (SQLite, temporary data directory)
#   DURATION=20s CONNECTIONS=32 scripts/loadtest.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
command -v wrk >/dev/null 2>&1 || die "wrk is missing: scripts/bootstrap.sh --test installs it"

BIN="$(build_server_release)"
DATA="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"

cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

start_ns=$(date +%s%N)
# The login throttle is raised so the login-latency probe below is not refused.
HOST=127.0.0.1 PORT="$PORT" ETIKETT_DATA_DIR="$DATA" ETIKETT_ENV=production LOG_LEVEL=warn \
  ETIKETT_AUTH__LOGIN_ATTEMPTS_PER_MINUTE=100000 \
  ETIKETT_STATIC_DIR="$ROOT/frontend/dist" "$BIN" serve >/dev/null 2>&1 &
PID=$!
for _ in $(seq 1 500); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/health" || true)" = "200" ] && break
  sleep 0.01
done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
sleep 1
rss_kb=$(awk '/VmRSS/ { print $2 }' "/proc/$PID/status")
printf 'start to first 200: %d ms (fresh database, migrations included)\n' "$ready_ms"
awk -v kb="$rss_kb" 'BEGIN { printf "idle RSS: %.1f MB\n", kb / 1024 }'

scenario() {
  local name="$1" path="$2"
  shift 2
  local out
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$BASE$path")"
  local rps p50 p99 errors
  rps="$(awk '/Requests\/sec/ { print $2 }' <<<"$out")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  errors="$(awk '/Non-2xx|Socket errors/' <<<"$out" | tr '\n' ' ')"
  printf '%-22s %10s req/s   p50 %-9s p99 %-9s %s\n' "$name" "$rps" "$p50" "$p99" "$errors"
}

echo "wrk: $CONNECTIONS connections, $THREADS threads, $DURATION per scenario"
scenario "GET /api/health" /api/health
scenario "GET / (SPA index)" /

# Authenticated: first-run setup, then one login (bcrypt at the configured cost, default 12).
PASSWORD="Messreihe-Pruefstand-$RANDOM-2026"
setup_status=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' \
  -d "{\"username\":\"lasttest\",\"email\":\"lasttest@example.test\",\"password\":\"$PASSWORD\",\"firstName\":\"Last\",\"lastName\":\"Test\"}" \
  "$BASE/api/setup/create-admin")
[ "$setup_status" = "200" ] || die "first-run setup failed with HTTP $setup_status"
login_ms=()
for _ in 1 2 3 4 5; do
  t=$(curl -s -o /dev/null -c "$DATA/cookies" -w '%{time_total}' -H 'content-type: application/json' \
    -d "{\"identifier\":\"lasttest\",\"password\":\"$PASSWORD\"}" "$BASE/api/auth/login")
  login_ms+=("$(awk -v t="$t" 'BEGIN { printf "%.0f", t * 1000 }')")
done
printf 'login latency (5 sequential logins, ms): %s\n' "${login_ms[*]}"
TOKEN="$(awk '$6 == "auth-token" { print $7 }' "$DATA/cookies")"
[ -n "$TOKEN" ] || die "login failed: no session cookie"
scenario "GET /api/auth/me" /api/auth/me -H "Cookie: auth-token=$TOKEN"
scenario "GET /metrics" /metrics -H "Cookie: auth-token=$TOKEN"
rss_kb=$(awk '/VmRSS/ { print $2 }' "/proc/$PID/status")
awk -v kb="$rss_kb" 'BEGIN { printf "RSS after load: %.1f MB\n", kb / 1024 }'

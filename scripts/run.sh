#!/usr/bin/env bash
# Builds and starts Etikettdrucker: installs missing tools, builds the web UI and the server in release
# mode, and serves on http://localhost:3000 (PORT changes the port). Without DATABASE_URL the data lives
# in an embedded SQLite file under ./data.
#
# In development mode (the default; ETIKETT_ENV=production turns it off) a printer emulator listens on
# 127.0.0.1:${DEMO_PRINTER_PORT:-9101} and is registered as "Demo-Drucker", so printing works without
# hardware; the labels it receives land in ./data/demo-printer as .zpl and .svg. DEMO_PRINTER=0 skips it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

bash "$ROOT/scripts/bootstrap.sh"
build_frontend
BIN="$(build_server_release)"

export ETIKETT_STATIC_DIR="${ETIKETT_STATIC_DIR:-$ROOT/frontend/dist}"
export PORT="${PORT:-3000}"

if [ "${ETIKETT_ENV:-development}" = "development" ] && [ "${DEMO_PRINTER:-1}" != "0" ]; then
  DEMO_ADDR="127.0.0.1:${DEMO_PRINTER_PORT:-9101}"
  DEMO_OUT="${ETIKETT_DATA_DIR:-$ROOT/data}/demo-printer"
  mkdir -p "$DEMO_OUT"
  "$BIN" printer-emulator --listen "$DEMO_ADDR" --out "$DEMO_OUT" &
  EMULATOR_PID=$!
  trap 'kill "$EMULATOR_PID" 2>/dev/null || true' EXIT
  export ETIKETT_PRINTING__DEMO_PRINTER="$DEMO_ADDR"
  log "Demo-Drucker (emulator) on $DEMO_ADDR; received labels go to $DEMO_OUT"
  log "Etikettdrucker starts on http://localhost:$PORT (Ctrl-C stops it)"
  "$BIN" serve
else
  log "Etikettdrucker starts on http://localhost:$PORT (Ctrl-C stops it)"
  exec "$BIN" serve
fi

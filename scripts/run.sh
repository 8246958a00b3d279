#!/usr/bin/env bash
# Builds and starts Etikettdrucker: installs missing tools, builds the web UI and the server in release
# mode, and serves on http://localhost:3000 (PORT changes the port). Without DATABASE_URL the data lives
# in an embedded SQLite file under ./data.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

bash "$ROOT/scripts/bootstrap.sh"
build_frontend
BIN="$(build_server_release)"

export ETIKETT_STATIC_DIR="${ETIKETT_STATIC_DIR:-$ROOT/frontend/dist}"
export PORT="${PORT:-3000}"
log "Etikettdrucker starts on http://localhost:$PORT (Ctrl-C stops it)"
exec "$BIN" serve

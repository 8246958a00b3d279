#!/usr/bin/env bash
# Runs every check and test: formatting, clippy, unit and API tests on SQLite and on PostgreSQL, the
# OpenAPI drift check (part of the API tests), the SPA release build and the real-browser tests.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

bash "$ROOT/scripts/bootstrap.sh" --test
PG_URL="$(cat "$CACHE_DIR/test-database-url")"

log "cargo fmt --check"
cargo fmt --all --check

log "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

build_frontend

log "tests on SQLite"
# The import from the original system reads a PostgreSQL database even when ours is SQLite.
TEST_DATABASE_URL="" TEST_POSTGRES_URL="$PG_URL" cargo test --workspace --locked

log "API tests on PostgreSQL"
TEST_DATABASE_URL="$PG_URL" cargo test --locked -p server --test api

log "multi-instance tests (3 instances behind nginx on one PostgreSQL)"
TEST_DATABASE_URL="$PG_URL" cargo test --locked -p server --test cluster -- --ignored --test-threads=1

log "Windows build: cross-compiled .exe answers /api/health under wine, as a service too"
bash "$ROOT/scripts/test-windows.sh"

log "browser end-to-end tests (headless Chromium)"
ETIKETT_E2E_STATIC_DIR="$ROOT/frontend/dist" cargo test --locked -p server --test e2e -- --ignored

log "all checks passed"

#!/usr/bin/env bash
# Installs what building, running and testing Etikettdrucker needs, idempotently. Safe to run again.
#
#   scripts/bootstrap.sh            build tools: wasm toolchain, trunk, wasm-bindgen-cli, Swagger UI assets
#   scripts/bootstrap.sh --test     also Chromium + chromedriver, PostgreSQL (started, with a test role), wrk
#
# With --test it writes the PostgreSQL test URL to $CACHE_DIR/test-database-url.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WITH_TEST=0
for arg in "$@"; do
  case "$arg" in
    --test) WITH_TEST=1 ;;
    *) die "unknown option $arg (use --test)" ;;
  esac
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_UPDATED=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "missing packages ${missing[*]} and no apt-get: install them by hand"
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust (rustup) first"

# --- build tools -------------------------------------------------------------------------------------
apt_install pkg-config curl ca-certificates gzip
if ! have_rustup_wasm_target; then
  # No rustup wasm32 target: Debian's Rust builds the wasm32 std from source.
  apt_install rustc-web cargo-web rust-web-src lld binaryen
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (takes a few minutes once)"
  cargo install --locked trunk --version "$TRUNK_VERSION" ||
    cargo install trunk --version "$TRUNK_VERSION"
fi

WBG_VERSION="$(wasm_bindgen_version)"
[ -n "$WBG_VERSION" ] || die "Cargo.lock names no wasm-bindgen version"
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WBG_VERSION"; then
  log "installing wasm-bindgen-cli $WBG_VERSION (matches Cargo.lock)"
  cargo install --locked wasm-bindgen-cli --version "$WBG_VERSION" ||
    cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

# Swagger UI for /api/docs, from the npm registry (never a CDN at run time).
SWAGGER_DIR="$ROOT/vendor/swagger-ui"
if [ ! -f "$SWAGGER_DIR/.version-$SWAGGER_UI_VERSION" ]; then
  command -v npm >/dev/null 2>&1 || apt_install npm
  log "fetching swagger-ui-dist $SWAGGER_UI_VERSION"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "swagger-ui-dist@$SWAGGER_UI_VERSION" >/dev/null && tar xzf swagger-ui-dist-*.tgz)
  rm -rf "$SWAGGER_DIR"
  mkdir -p "$SWAGGER_DIR"
  cp "$tmp/package/swagger-ui-bundle.js" "$tmp/package/swagger-ui.css" \
    "$tmp/package/favicon-32x32.png" "$tmp/package/LICENSE" "$SWAGGER_DIR/"
  touch "$SWAGGER_DIR/.version-$SWAGGER_UI_VERSION"
  rm -rf "$tmp"
fi

[ "$WITH_TEST" -eq 1 ] || exit 0

# --- test tools --------------------------------------------------------------------------------------
apt_install chromium chromium-driver wrk postgresql openssl curl nginx-light unzip zip python3
# The Windows cross-build and its test under wine (scripts/test-windows.sh, scripts/release.sh).
apt_install mingw-w64 wine64
have_rustup_windows_target || apt_install rustc-web cargo-web rust-web-src

# PostgreSQL: start the local cluster and give the tests a role of their own, with a fresh random
# password each time (no fixed secret anywhere). Loopback only.
PG_VERSION="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)"
[ -n "$PG_VERSION" ] || die "PostgreSQL is installed but has no cluster under /etc/postgresql"
if ! pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  log "starting PostgreSQL $PG_VERSION"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start
fi
PG_PORT="$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" { print $3 }')"
for _ in $(seq 1 50); do
  pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break
  sleep 0.2
done
pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || die "PostgreSQL did not come up on 127.0.0.1:$PG_PORT"
PG_PASSWORD="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)"
if [ -z "$SUDO" ]; then AS_POSTGRES=(runuser -u postgres --); else AS_POSTGRES=(sudo -u postgres); fi
psql_admin() { "${AS_POSTGRES[@]}" psql -qtAX -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'etikett_test'")" != "1" ]; then
  psql_admin -c "CREATE ROLE etikett_test LOGIN CREATEDB"
fi
psql_admin -c "ALTER ROLE etikett_test PASSWORD '$PG_PASSWORD'"
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'etikett_test'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE etikett_test OWNER etikett_test"
fi
umask 077
printf 'postgres://etikett_test:%s@127.0.0.1:%s/etikett_test\n' "$PG_PASSWORD" "$PG_PORT" \
  > "$CACHE_DIR/test-database-url"
log "PostgreSQL ready on 127.0.0.1:$PG_PORT (test role etikett_test)"

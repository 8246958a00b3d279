# Shared by the scripts: paths, caches and small helpers. Source it; do not run it.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${ETIKETT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/etikettdrucker}"
mkdir -p "$CACHE_DIR"
# Build caches live outside the clone so a fresh clone (CI) reuses earlier builds. The host build and
# the wasm build use different compilers (see TOOLCHAIN notes in docs/architecture.md), so each has its
# own target directory.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE_DIR/target}"
WASM_TARGET_DIR="${ETIKETT_WASM_TARGET_DIR:-$CACHE_DIR/target-wasm}"
export PATH="$HOME/.cargo/bin:$PATH"

SWAGGER_UI_VERSION="5.35.0"
TRUNK_VERSION="0.21.14"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# The wasm-bindgen version Cargo.lock pins; wasm-bindgen-cli must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

# 0 when rustup has the wasm32 target (a normal developer machine); then the plain toolchain builds.
have_rustup_wasm_target() {
  command -v rustup >/dev/null 2>&1 &&
    rustup target list --installed 2>/dev/null | grep -qx 'wasm32-unknown-unknown'
}

# Builds the SPA into frontend/dist (release).
build_frontend() {
  log "building the web UI (frontend/dist)"
  cd "$ROOT/frontend" || die "no frontend directory"
  if have_rustup_wasm_target; then
    # rustup ships rust-lld for wasm32; frontend/.cargo/config.toml names Debian's wasm-ld.
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=rust-lld CARGO_TARGET_DIR="$WASM_TARGET_DIR" \
      trunk build --release
  else
    # Debian's Rust builds the wasm32 std from source (frontend/.cargo/config.toml asks for it).
    PATH="/usr/bin:$PATH" RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$WASM_TARGET_DIR" \
      trunk build --release
  fi
  cd "$ROOT" || exit 1
}

# Prints the release binary path after building it.
build_server_release() {
  log "building the server (release)"
  (cd "$ROOT" && cargo build --release --locked -p server) >&2 || die "server build failed"
  printf '%s\n' "$CARGO_TARGET_DIR/release/etikettdrucker"
}

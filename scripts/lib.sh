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

# --- Windows cross-build and release packaging (scripts/test-windows.sh, scripts/release.sh) -------------
# Debian's Rust toolchain (rustc-web/cargo-web + rust-web-src, as for the SPA) builds the Windows std from
# source; mingw-w64 compiles the C parts (ring, bundled SQLite) and links. Its own target directory keeps
# the host build's cache intact. On a machine whose rustup has the target installed, rustup's cargo is used.
WINDOWS_TARGET="x86_64-pc-windows-gnu"
WINDOWS_TARGET_DIR="${ETIKETT_WINDOWS_TARGET_DIR:-$CACHE_DIR/target-windows}"

have_rustup_windows_target() {
  command -v rustup >/dev/null 2>&1 &&
    rustup target list --installed 2>/dev/null | grep -qx "$WINDOWS_TARGET"
}

# Prints the path of etikettdrucker.exe (release) after building it.
build_server_windows() {
  log "building the server for Windows ($WINDOWS_TARGET, release)"
  command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 ||
    die "x86_64-w64-mingw32-gcc not found: apt-get install mingw-w64"
  local cargo=(cargo) std_args=() bootstrap=()
  if ! have_rustup_windows_target; then
    [ -f /usr/lib/rustlib/src/rust/library/std/Cargo.toml ] && [ -x /usr/bin/cargo ] ||
      die "no Windows std: apt-get install rustc-web cargo-web rust-web-src (or rustup target add $WINDOWS_TARGET)"
    cargo=(/usr/bin/cargo)
    std_args=(-Zbuild-std=std,panic_abort)
    bootstrap=(RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc)
  fi
  (
    cd "$ROOT" &&
      env "${bootstrap[@]}" \
        CARGO_TARGET_DIR="$WINDOWS_TARGET_DIR" \
        CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
        CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc \
        AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar \
        "${cargo[@]}" build "${std_args[@]}" --release --locked -p server --target "$WINDOWS_TARGET"
  ) >&2 || die "Windows build failed"
  printf '%s\n' "$WINDOWS_TARGET_DIR/$WINDOWS_TARGET/release/etikettdrucker.exe"
}

# The version of [workspace.package] in Cargo.toml (what --version prints).
workspace_version() {
  awk '/^\[workspace\.package\]/ { p = 1; next } /^\[/ { p = 0 } p && /^version = / { gsub(/version = |"/, ""); print; exit }' \
    "$ROOT/Cargo.toml"
}

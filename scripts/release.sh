#!/usr/bin/env bash
# Builds the release packages into dist/:
#
#   scripts/release.sh                 Windows and Linux
#   scripts/release.sh --windows       dist/etikettdrucker-<version>-windows-x86_64.zip
#   scripts/release.sh --linux         dist/etikettdrucker-<version>-linux-x86_64.tar.gz
#
# plus dist/SHA256SUMS over the packages of this version. Each package holds one directory
# etikettdrucker-<version>-<platform>/ with the layout `etikettdrucker deploy --package` expects:
#
#   etikettdrucker[.exe]            the server and its operations commands
#   frontend/dist/                  the web UI
#   etikettdrucker.example.toml     every setting, documented
#   scripts/                        scripts/windows/* or scripts/linux/* (install, deploy, update, ...)
#   docs/                           the documentation
#   VERSION                         the version, one line
#
# No test helpers (the Wine shim of scripts/windows-test/) are ever packaged.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

WINDOWS=0
LINUX=0
for arg in "$@"; do
  case "$arg" in
    --windows) WINDOWS=1 ;;
    --linux) LINUX=1 ;;
    *) die "unknown option $arg (use --windows and/or --linux)" ;;
  esac
done
if [ "$WINDOWS" -eq 0 ] && [ "$LINUX" -eq 0 ]; then WINDOWS=1 LINUX=1; fi

VERSION="$(workspace_version)"
[ -n "$VERSION" ] || die "no version in Cargo.toml [workspace.package]"
DIST="$ROOT/dist"
mkdir -p "$DIST"
STAGE="$(mktemp -d "${TMPDIR:-/tmp}/etikett-release.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT

# Fixed timestamps and owners make the archives depend only on their contents.
EPOCH="$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)"

build_frontend
[ -f "$ROOT/frontend/dist/index.html" ] || die "frontend/dist/index.html missing after the build"

# Copies the common part of a package into $1: web UI, example config, docs, VERSION, and the
# platform's scripts from scripts/$2.
stage_common() {
  local dir="$1" platform="$2"
  mkdir -p "$dir/frontend" "$dir/scripts"
  cp -R "$ROOT/frontend/dist" "$dir/frontend/dist"
  cp "$ROOT/etikettdrucker.example.toml" "$dir/"
  cp -R "$ROOT/docs" "$dir/docs"
  printf '%s\n' "$VERSION" > "$dir/VERSION"
  if [ -d "$ROOT/scripts/$platform" ] && [ -n "$(ls -A "$ROOT/scripts/$platform")" ]; then
    cp -R "$ROOT/scripts/$platform/." "$dir/scripts/"
  else
    log "warning: scripts/$platform is missing or empty; the package has no $platform scripts"
  fi
  find "$dir" -exec touch -h -d "@$EPOCH" {} +
}

PACKAGES=()

if [ "$WINDOWS" -eq 1 ]; then
  exe="$(build_server_windows)"
  name="etikettdrucker-$VERSION-windows-x86_64"
  dir="$STAGE/$name"
  mkdir -p "$dir"
  cp "$exe" "$dir/etikettdrucker.exe"
  stage_common "$dir" windows
  # Windows PowerShell 5.1 reads script files without a byte-order mark as ANSI: keep them ASCII.
  if LC_ALL=C grep -lP '[^\x00-\x7F]' "$dir"/scripts/*.ps1 2>/dev/null; then
    die "the .ps1 files above contain non-ASCII characters"
  fi
  # Test-only files must never ship.
  [ -z "$(find "$dir" -iname 'bcryptprimitives*')" ] || die "a test-only shim ended up in the package"
  rm -f "$DIST/$name.zip"
  log "packing $name.zip"
  if command -v zip >/dev/null 2>&1; then
    (cd "$STAGE" && find "$name" | LC_ALL=C sort | zip -X -q -9 "$DIST/$name.zip" -@)
  else
    (cd "$STAGE" && python3 -m zipfile -c "$DIST/$name.zip" "$name")
  fi
  PACKAGES+=("$name.zip")
fi

if [ "$LINUX" -eq 1 ]; then
  bin="$(build_server_release)"
  name="etikettdrucker-$VERSION-linux-x86_64"
  dir="$STAGE/$name"
  mkdir -p "$dir"
  cp "$bin" "$dir/etikettdrucker"
  chmod 0755 "$dir/etikettdrucker"
  stage_common "$dir" linux
  log "packing $name.tar.gz"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$EPOCH" \
    -C "$STAGE" -cf - "$name" | gzip -9n > "$DIST/$name.tar.gz"
  PACKAGES+=("$name.tar.gz")
fi

# Checksums over every package of this version in dist/ (one built earlier for the other platform too).
(
  cd "$DIST"
  shopt -s nullglob
  sha256sum "etikettdrucker-$VERSION-"*.zip "etikettdrucker-$VERSION-"*.tar.gz > SHA256SUMS
)
for package in "${PACKAGES[@]}"; do
  printf '%s\t%s\n' "$DIST/$package" "$(du -h "$DIST/$package" | cut -f1)"
done
printf '%s\n' "$DIST/SHA256SUMS"

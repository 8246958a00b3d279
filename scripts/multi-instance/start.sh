#!/usr/bin/env bash
# Starts N Etikettdrucker instances on one PostgreSQL database behind an nginx of their own, all on
# loopback: instance i on 127.0.0.1:(PORT+i), nginx on 127.0.0.1:PORT (default 3100, so 3101..310N).
#
#   DATABASE_URL=postgres://… scripts/multi-instance/start.sh [-b BINARY] [-n N] [-p PORT] BASE_DIR
#
# Without -b the release binary is built. ETIKETT_*, LOG_LEVEL and RUST_LOG from the environment are
# passed to every instance and kept in BASE_DIR/cluster.env for rolling-restart.sh; each instance
# gets its own data directory (logs) and trusts X-Forwarded-For (only nginx and loopback reach it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BIN="" INSTANCES=3 CLUSTER_PORT="${CLUSTER_PORT:-3100}"
while getopts "b:n:p:" opt; do
  case "$opt" in
    b) BIN="$OPTARG" ;;
    n) INSTANCES="$OPTARG" ;;
    p) CLUSTER_PORT="$OPTARG" ;;
    *) die "usage: start.sh [-b BINARY] [-n N] [-p PORT] BASE_DIR" ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || die "usage: start.sh [-b BINARY] [-n N] [-p PORT] BASE_DIR"
[ -n "${DATABASE_URL:-}" ] || die "DATABASE_URL (PostgreSQL) is not set"
case "$DATABASE_URL" in postgres://* | postgresql://*) ;; *) die "DATABASE_URL must be PostgreSQL" ;; esac
[[ "$INSTANCES" =~ ^[1-9][0-9]?$ ]] || die "N must be between 1 and 99"
command -v nginx >/dev/null 2>&1 || die "nginx is missing (scripts/bootstrap.sh --test installs nginx-light)"
mkdir -p "$1"
BASE="$(cd "$1" && pwd)"
[ -z "$(nginx_master)" ] || ! alive "$(nginx_master)" || die "a cluster is already running in $BASE"
[ -n "$BIN" ] || BIN="$(build_server_release)"
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
[ -x "$BIN" ] || die "no executable at $BIN"

umask 077
{
  printf 'BIN=%q\nINSTANCES=%q\nCLUSTER_PORT=%q\n' "$BIN" "$INSTANCES" "$CLUSTER_PORT"
  # `export`, not `declare -x`: the file is sourced inside functions, where `declare` is local.
  export -p | grep -E '^declare -x (ETIKETT_[A-Z0-9_]*|DATABASE_URL|LOG_LEVEL|RUST_LOG)=' |
    sed 's/^declare -x /export /' || true
} >"$BASE/cluster.env"
umask 022

# The first instance applies pending migrations alone; the others start once it is healthy.
log "starting instance 1 on 127.0.0.1:$(instance_port 1)"
start_instance 1
wait_healthy 1 150
for i in $(seq 2 "$INSTANCES"); do
  log "starting instance $i on 127.0.0.1:$(instance_port "$i")"
  start_instance "$i"
done
for i in $(seq 2 "$INSTANCES"); do wait_healthy "$i" 150; done

mkdir -p "$BASE/nginx/temp"
user_line=""
# As root, nginx would run its workers as `nobody`, who cannot enter a private base directory.
[ "$(id -u)" -eq 0 ] && user_line="user $(id -un) $(id -gn);"
sed -e "s|@BASE@|$BASE|g" -e "s|@LISTEN@|127.0.0.1:$CLUSTER_PORT|g" -e "s|@USER_LINE@|$user_line|" \
  "$MI_DIR/nginx.conf.template" >"$BASE/nginx/nginx.conf"
write_upstream
run_nginx -t -q || die "nginx rejects $BASE/nginx/nginx.conf"
run_nginx </dev/null >/dev/null 2>&1 || die "nginx did not start; see $BASE/nginx/error.log"
"$BIN" healthcheck --url "http://127.0.0.1:$CLUSTER_PORT/api/health" --retries 50 --interval 100ms \
  >/dev/null || die "nginx on 127.0.0.1:$CLUSTER_PORT does not answer healthy"
log "cluster ready: http://127.0.0.1:$CLUSTER_PORT ($INSTANCES instances, state in $BASE)"

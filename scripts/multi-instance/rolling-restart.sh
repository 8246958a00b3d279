#!/usr/bin/env bash
# Restarts a cluster's instances one at a time without failing a request: nginx stops sending to
# the instance (marked `down`, reload, old nginx workers gone), the instance stops gracefully
# (SIGTERM), starts again — with NEW_BINARY when given, e.g. an update — and goes back into the
# upstream once healthy.
#
#   scripts/multi-instance/rolling-restart.sh BASE_DIR [NEW_BINARY]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: rolling-restart.sh BASE_DIR [NEW_BINARY]"
BASE="$(cd "$1" && pwd)"
load_cluster
[ "$INSTANCES" -ge 2 ] || die "a rolling restart needs at least two instances"
alive "$(nginx_master)" || die "nginx of $BASE is not running"
if [ $# -eq 2 ]; then
  BIN="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
  [ -x "$BIN" ] || die "no executable at $BIN"
  # Later starts (and later restarts) use the new binary.
  sed -i "s|^BIN=.*|BIN=$(printf '%q' "$BIN")|" "$BASE/cluster.env"
fi

for i in $(seq 1 "$INSTANCES"); do
  port="$(instance_port "$i")"
  log "instance $i (127.0.0.1:$port): out of the upstream"
  write_upstream "$i"
  nginx_reload
  log "instance $i: stopping (graceful)"
  stop_instance "$i"
  log "instance $i: starting $BIN"
  start_instance "$i"
  "$BIN" healthcheck --url "http://127.0.0.1:$port/api/health" --retries 30 --interval 200ms \
    >/dev/null || die "instance $i did not come back healthy; it stays out of the upstream (see $BASE/instance-$i/server.log)"
  log "instance $i: healthy, back in the upstream"
  write_upstream
  nginx_reload
done
log "rolling restart of $INSTANCES instances done"

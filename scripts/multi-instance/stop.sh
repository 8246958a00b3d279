#!/usr/bin/env bash
# Stops a cluster started by start.sh: nginx first (no new requests), then every instance
# gracefully (SIGTERM; in-flight requests and the current print job finish).
#
#   scripts/multi-instance/stop.sh BASE_DIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ $# -eq 1 ] || die "usage: stop.sh BASE_DIR"
BASE="$(cd "$1" && pwd)"
load_cluster
master="$(nginx_master)"
if alive "$master"; then
  run_nginx -s quit 2>/dev/null || kill -QUIT "$master"
  deadline=$((SECONDS + 20))
  while alive "$master" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.05; done
  alive "$master" && kill -TERM "$master"
fi
for i in $(seq 1 "$INSTANCES"); do stop_instance "$i" & done
wait
log "cluster in $BASE stopped"

# Shared by the multi-instance scripts: the cluster's layout under its base directory, starting and
# stopping one instance, and the nginx in front. Source it; do not run it.
# shellcheck shell=bash
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
MI_DIR="$ROOT/scripts/multi-instance"

# Layout of BASE:
#   cluster.env           what start.sh was given (binary, instances, ports, server environment; 0600)
#   instance-<i>/         data directory of instance i: server.log, pid, logs/
#   nginx/                nginx.conf, upstream.conf, nginx.pid, error.log, access.log, temp/

# Reads the state start.sh wrote. Needs BASE.
load_cluster() {
  [ -f "$BASE/cluster.env" ] || die "no cluster in $BASE (start it with scripts/multi-instance/start.sh)"
  # shellcheck source=/dev/null
  source "$BASE/cluster.env"
}

instance_port() { printf '%s\n' "$((CLUSTER_PORT + $1))"; }
instance_pid() { cat "$BASE/instance-$1/pid" 2>/dev/null || true; }
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

# Starts instance i in its own session (it outlives this script) with the saved environment.
start_instance() {
  local i="$1" dir="$BASE/instance-$1"
  mkdir -p "$dir"
  (
    # shellcheck source=/dev/null
    source "$BASE/cluster.env"
    export HOST=127.0.0.1 PORT="$(instance_port "$i")" ETIKETT_DATA_DIR="$dir" \
      ETIKETT_AUTH__TRUST_FORWARDED_FOR=true
    exec setsid "$BIN" serve >>"$dir/server.log" 2>&1 </dev/null
  ) &
  printf '%s\n' "$!" >"$dir/pid"
}

# Waits until instance i answers healthy (up to $2 tries, 200 ms apart); fails at once when it exits.
wait_healthy() {
  local i="$1" port try
  port="$(instance_port "$i")"
  for try in $(seq 1 "${2:-30}"); do
    alive "$(instance_pid "$i")" ||
      die "instance $i exited: $(tail -n 5 "$BASE/instance-$i/server.log")"
    "$BIN" healthcheck --url "http://127.0.0.1:$port/api/health" --retries 1 --interval 1ms \
      >/dev/null 2>&1 && return 0
    [ "$try" -lt "${2:-30}" ] && sleep 0.2
  done
  die "instance $i (port $port) is not healthy; see $BASE/instance-$i/server.log"
}

# Sends SIGTERM to instance i and waits for it to exit: in-flight requests finish (up to the
# server's shutdown grace), the print workers finish their current job and release their printers.
stop_instance() {
  local i="$1" pid deadline
  pid="$(instance_pid "$i")"
  alive "$pid" || return 0
  kill -TERM "$pid"
  deadline=$((SECONDS + ${STOP_TIMEOUT:-90}))
  while alive "$pid"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "instance $i (pid $pid) did not stop in time; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.05
  done
}

# Writes the upstream servers, the ones named in the arguments marked `down`.
write_upstream() {
  local i d down
  {
    for i in $(seq 1 "$INSTANCES"); do
      down=""
      for d in "$@"; do [ "$d" = "$i" ] && down=" down"; done
      printf 'server 127.0.0.1:%s max_fails=1 fail_timeout=2s%s;\n' "$(instance_port "$i")" "$down"
    done
  } >"$BASE/nginx/upstream.conf.new"
  mv "$BASE/nginx/upstream.conf.new" "$BASE/nginx/upstream.conf"
}

# This cluster's nginx (never the system one): its own prefix, configuration, pid and logs.
run_nginx() { nginx -p "$BASE/nginx/" -c "$BASE/nginx/nginx.conf" -e "$BASE/nginx/error.log" "$@"; }

nginx_master() { cat "$BASE/nginx/nginx.pid" 2>/dev/null || true; }
nginx_workers() {
  local master
  master="$(nginx_master)"
  [ -n "$master" ] && ps -o pid= --ppid "$master" | tr -d ' '
}

# Reloads the configuration and waits until the workers of the old one have exited: from then on
# no request goes to a server the new configuration marks `down`, and no pooled upstream
# connection to it is left.
nginx_reload() {
  local old pid deadline
  old="$(nginx_workers)"
  run_nginx -t -q || die "nginx rejects the configuration in $BASE/nginx"
  run_nginx -s reload
  deadline=$((SECONDS + 30))
  for pid in $old; do
    while alive "$pid" && [ "$(ps -o ppid= -p "$pid" | tr -d ' ')" = "$(nginx_master)" ]; do
      [ "$SECONDS" -lt "$deadline" ] || die "old nginx worker $pid still running after 30 s"
      sleep 0.05
    done
  done
}

#!/usr/bin/env bash
# Private PostgreSQL+PostGIS cluster for development and tests, under .data/pg.
# Sourced by ./scenemonitor. Loopback only, own port, own password; nothing system-wide is changed
# except installing the Debian packages when they are missing.
set -euo pipefail

PG_VERSION="${SCENEMONITOR_PG_VERSION:-15}"
PG_PORT="${SCENEMONITOR_PG_PORT:-55432}"
PG_BIN="/usr/lib/postgresql/${PG_VERSION}/bin"
DATA_DIR="${SCENEMONITOR_DATA_DIR:-$ROOT/.data}"
PG_DIR="$DATA_DIR/pg"
PG_PASSWORD_FILE="$DATA_DIR/pg-password"
PG_LOG="$DATA_DIR/pg.log"

# As root the cluster runs as the postgres user, which may not be able to reach a checkout under a
# private home directory (e.g. /root). Then the cluster lives under /var/lib/postgresql instead,
# one per checkout, and .data/pg-location says where.
pg_choose_dir() {
  [ "$(id -u)" = 0 ] || return 0
  mkdir -p "$DATA_DIR"
  if ! runuser -u postgres -- test -x "$DATA_DIR" 2>/dev/null; then
    local id; id=$(printf '%s' "$ROOT" | md5sum | cut -c1-10)
    PG_DIR="/var/lib/postgresql/scenemonitor-$id/pg"
    PG_LOG="/var/lib/postgresql/scenemonitor-$id/pg.log"
    mkdir -p "$(dirname "$PG_DIR")"; chown postgres "$(dirname "$PG_DIR")"
    echo "$PG_DIR" > "$DATA_DIR/pg-location"
  fi
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pg_install_if_missing() {
  local need=()
  [ -x "$PG_BIN/initdb" ] || need+=("postgresql-$PG_VERSION")
  [ -f "/usr/share/postgresql/$PG_VERSION/extension/postgis.control" ] || need+=("postgresql-$PG_VERSION-postgis-3")
  if [ ${#need[@]} -gt 0 ]; then
    echo "Installing ${need[*]} with apt-get ..." >&2
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need[@]}" >&2
  fi
}

# initdb refuses to run as root, so when we are root the cluster belongs to the postgres user.
pg_run() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

pg_init_if_missing() {
  [ -f "$PG_DIR/PG_VERSION" ] && return 0
  echo "Creating private PostgreSQL cluster in $PG_DIR (port $PG_PORT, loopback only) ..." >&2
  mkdir -p "$DATA_DIR"
  [ -f "$PG_PASSWORD_FILE" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$PG_PASSWORD_FILE"
  chmod 600 "$PG_PASSWORD_FILE"
  mkdir -p "$PG_DIR"
  local pwfile
  pwfile=$(mktemp)
  cp "$PG_PASSWORD_FILE" "$pwfile"
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR" "$pwfile"; fi
  pg_run "$PG_BIN/initdb" -D "$PG_DIR" -U scenemonitor --pwfile="$pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  cat >> "$PG_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
shared_buffers = 256MB
fsync = on
CONF
}

pg_is_running() { pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; }

pg_start() {
  pg_install_if_missing
  pg_choose_dir
  pg_init_if_missing
  if ! pg_is_running; then
    touch "$PG_LOG"; [ "$(id -u)" = 0 ] && chown postgres "$PG_LOG"
    if ! pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_LOG" -o "-p $PG_PORT" -w -t 60 start >/dev/null; then
      if grep -q "Address already in use" "$PG_LOG" 2>/dev/null; then
        echo "Port $PG_PORT is taken by another server (another checkout's private cluster?)." >&2
        echo "Stop it, or choose another port for this checkout: SCENEMONITOR_PG_PORT=55433 ./scenemonitor ..." >&2
      else
        echo "PostgreSQL did not start; see $PG_LOG" >&2
      fi
      return 1
    fi
  fi
  local pw; pw=$(cat "$PG_PASSWORD_FILE")
  # Create the application database once (the app creates the postgis extension itself).
  PGPASSWORD="$pw" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U scenemonitor -d postgres -tAq \
    -c "SELECT 1 FROM pg_database WHERE datname='scenemonitor'" | grep -q 1 ||
    PGPASSWORD="$pw" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U scenemonitor scenemonitor
  export PG_ADMIN_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=scenemonitor;Password=$pw;Database=postgres"
  export PG_APP_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=scenemonitor;Password=$pw;Database=scenemonitor"
}

pg_stop() {
  pg_choose_dir
  if [ -f "$PG_DIR/PG_VERSION" ] && pg_is_running; then
    pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null
    echo "Private PostgreSQL stopped." >&2
  else
    echo "Private PostgreSQL is not running." >&2
  fi
}

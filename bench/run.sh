#!/usr/bin/env bash
# Scale benchmarks: bench/run.sh [--scales demo,100k,1m,5m] [--skip-map] [--only steps] [--baseline DIR]
# Starts its OWN private PostgreSQL+PostGIS (.data/bench/pg, port 55440; never the development
# cluster), and per scale: a fresh database, the API (Release) on a spare loopback port, synthetic
# data generated in SQL, then the measurements (bench/SceneMonitor.Bench). Writes bench/RESULTS.md.
# Loopback only; every step is bounded in time. Re-running starts each scale from scratch.
# The report covers the scales of this run; BENCH_REPORT_SCALES=100k,1m,5m also takes in the
# latest results of scales measured by an earlier run (each is shown with its start time and load).
# BENCH_RESULTS=path writes the report elsewhere (e.g. for a partial run, --only ...).
# Scale "demo": a fresh database with the API's own synthetic demo set (seeded at its start, as a
# new user gets it) and only the steps that read (viewport, map); the others need bench rows.
# --baseline DIR: a checkout of an earlier commit (e.g. `git archive <ref> | tar -x -C DIR`); its API
# and front end are built and started on the next port against the same database, and the map step
# measures both pages turn about ("before" and "after" in one sitting).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SCALES="100k,1m,5m"
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scales) SCALES="$2"; shift 2 ;;
    --skip-map) EXTRA+=(--skip-map); shift ;;
    --only) EXTRA+=(--only "$2"); [[ ",$2," == *",data,"* ]] || KEEP_DB=1; shift 2 ;;
    --baseline) BASELINE="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "usage: bench/run.sh [--scales 100k,1m,5m] [--skip-map] [--only data,load,map,export,viewport,...] [--baseline DIR]" >&2; exit 2 ;;
  esac
done

export SCENEMONITOR_DATA_DIR="$ROOT/.data/bench"
export SCENEMONITOR_PG_PORT="${SCENEMONITOR_BENCH_PG_PORT:-55440}"
source scripts/pg.sh
pg_start
# Millions of rows: fewer forced checkpoints, and shared buffers that hold a 5 M table and its
# indexes as a server of that size would (the development cluster keeps its 256 MB). Later lines
# of postgresql.conf win; the restart applies shared_buffers.
if ! grep -q "^# bench settings v2" "$PG_DIR/postgresql.conf"; then
  printf '# bench settings v2\nmax_wal_size = 4GB\nshared_buffers = 2GB\n' >> "$PG_DIR/postgresql.conf"
  pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_LOG" -o "-p $PG_PORT" -w -t 60 restart >/dev/null
fi
PW=$(cat "$PG_PASSWORD_FILE")
export PGPASSWORD="$PW" PGHOST=127.0.0.1 PGPORT="$SCENEMONITOR_PG_PORT" PGUSER=scenemonitor
# JIT off for psql and pgbench as for the app's connections (see BenchContext).
export PGOPTIONS="-c jit=off"
PORT="${SCENEMONITOR_BENCH_PORT:-5098}"
OUT="$SCENEMONITOR_DATA_DIR/out"
mkdir -p "$OUT"

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (load generator) with apt-get ..." >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq wrk >&2
fi
# The map page is measured as built from web/ now, not as last built.
(cd web && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build) >/dev/null
dotnet build src/SceneMonitor.Api -c Release -v quiet -nologo >/dev/null
dotnet build bench/SceneMonitor.Bench -c Release -v quiet -nologo >/dev/null
API_DLL="src/SceneMonitor.Api/bin/Release/net10.0/SceneMonitor.Api.dll"
if [ -n "${BASELINE:-}" ]; then
  (cd "$BASELINE/web" && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run build) >/dev/null
  dotnet build "$BASELINE/src/SceneMonitor.Api" -c Release -v quiet -nologo >/dev/null
fi
BENCH_DLL="bench/SceneMonitor.Bench/bin/Release/net10.0/SceneMonitor.Bench.dll"

APP=""
BASE_APP=""
stop_app() {
  for pid in $APP $BASE_APP; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  APP=""; BASE_APP=""
}
trap stop_app EXIT

# One bench admin password for all runs, so --only can sign in to a database loaded earlier.
[ -f "$SCENEMONITOR_DATA_DIR/admin-password" ] || echo "bench-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')" > "$SCENEMONITOR_DATA_DIR/admin-password"
ADMIN_PASSWORD=$(cat "$SCENEMONITOR_DATA_DIR/admin-password")

# The demo scale measures the reading steps asked for (by default viewport and map).
demo_steps() {
  local asked="" i
  for ((i = 0; i < ${#EXTRA[@]}; i++)); do [ "${EXTRA[$i]}" = --only ] && asked="${EXTRA[$((i + 1))]}"; done
  local steps=() s
  for s in ${asked//,/ }; do case "$s" in viewport|map) steps+=("$s") ;; esac; done
  [ ${#steps[@]} -gt 0 ] || steps=(viewport map)
  (IFS=,; echo "${steps[*]}")
}

IFS=',' read -r -a scale_list <<< "$SCALES"
for scale in "${scale_list[@]}"; do
  db="scenemonitor_bench_${scale}"
  echo "== scale $scale: database $db" >&2
  # --only re-measures some steps (export,viewport,displacement,map,partitioning) on the data loaded by an earlier run.
  SEED=false
  SCALE_ARGS=("${EXTRA[@]}")
  if [ "$scale" = demo ]; then SEED=true; SCALE_ARGS=(--only "$(demo_steps)"); fi
  if [ -z "${KEEP_DB:-}" ] || [ "$scale" = demo ]; then psql -d postgres -qAt -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"; fi
  conn="Host=127.0.0.1;Port=$SCENEMONITOR_PG_PORT;Username=scenemonitor;Password=$PW;Database=$db"
  # The API as deployed (Release, its own process so its memory can be watched): migrations and
  # boundaries at start, no demo data (scale demo: the demo set), a bench admin, no write rate limit for the bulk import, and
  # no retention job (it would coarsen the synthetic rows older than 24 months in the middle of a run).
  ConnectionStrings__SceneMonitor="$conn" Demo__SeedOnFirstStart=$SEED \
    Auth__BootstrapAdmin__Username=bench-admin Auth__BootstrapAdmin__Password="$ADMIN_PASSWORD" \
    RateLimits__WritesPerMinute=1000000 Retention__Enabled=false ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$API_DLL" --urls "http://127.0.0.1:$PORT" --contentRoot "$ROOT/src/SceneMonitor.Api" > "$OUT/app-$scale.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 1; done
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { echo "API did not start; see $OUT/app-$scale.log" >&2; exit 1; }
  BASE_ARGS=()
  if [ -n "${BASELINE:-}" ]; then
    BASE_PORT="${SCENEMONITOR_BENCH_BASELINE_PORT:-$((PORT + 1))}"
    ConnectionStrings__SceneMonitor="$conn" Demo__SeedOnFirstStart=false Retention__Enabled=false ASPNETCORE_ENVIRONMENT=Production \
      dotnet "$BASELINE/src/SceneMonitor.Api/bin/Release/net10.0/SceneMonitor.Api.dll" --urls "http://127.0.0.1:$BASE_PORT" --contentRoot "$BASELINE/src/SceneMonitor.Api" > "$OUT/app-$scale-baseline.log" 2>&1 &
    BASE_APP=$!
    for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$BASE_PORT/health" >/dev/null && break; sleep 1; done
    BASE_ARGS=(--baseline-url "http://127.0.0.1:$BASE_PORT")
  fi
  timeout 3600 dotnet "$BENCH_DLL" scale --scale "$scale" --url "http://127.0.0.1:$PORT" --connection "$conn" \
    --app-pid "$APP" --user bench-admin --password "$ADMIN_PASSWORD" --out "$OUT" "${SCALE_ARGS[@]}" "${BASE_ARGS[@]}" || echo "scale $scale: some steps failed (see the log in RESULTS.md)" >&2
  stop_app
done

dotnet "$BENCH_DLL" report --out "$OUT" --scales "${BENCH_REPORT_SCALES:-$SCALES}" --connection "Host=127.0.0.1;Port=$SCENEMONITOR_PG_PORT;Username=scenemonitor;Password=$PW;Database=postgres" \
  --command "bench/run.sh --scales $SCALES ${EXTRA[*]}" --results "${BENCH_RESULTS:-bench/RESULTS.md}"
echo "Wrote ${BENCH_RESULTS:-bench/RESULTS.md}" >&2

#!/usr/bin/env bash
# Runs the benchmarks against the private PostGIS with the demo data and writes bench/results.md.
# Starts the service on a spare port for the duration of the run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/pg.sh
pg_start
export ConnectionStrings__SceneMonitor="$PG_APP_CONNECTION"
export Demo__Accounts=true  # the bench signs in as the demo recorder
PORT="${SCENEMONITOR_BENCH_PORT:-5099}"
dotnet build src/SceneMonitor.Api -c Release -v quiet -nologo >/dev/null
dotnet build bench/SceneMonitor.Bench -c Release -v quiet -nologo >/dev/null
dotnet run --no-build -c Release --project src/SceneMonitor.Api -- --urls "http://127.0.0.1:$PORT" > /tmp/scenemonitor-bench-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 1; done
dotnet run --no-build -c Release --project bench/SceneMonitor.Bench -- "http://127.0.0.1:$PORT" "$PG_APP_CONNECTION" bench/results.md

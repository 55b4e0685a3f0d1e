#!/usr/bin/env bash
# Runs Liandong on this machine: builds, starts the silo (embedded SQLite, demo scenario on first
# start) and the front tier, prints the portal's address, and stops both on Ctrl-C.
# The environment passes through, e.g.  Storage__Sqlite__Path=/tmp/x.db ./run.sh
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Liandong.slnx -c Release -v quiet -nologo

pids=()
stop() {
    trap - INT TERM EXIT
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap stop INT TERM EXIT

(cd Silo && exec dotnet bin/Release/net10.0/Liandong.Silo.dll) &
pids+=($!)
(cd Client && exec dotnet bin/Release/net10.0/Liandong.Client.dll) &
pids+=($!)

url=${Urls:-http://localhost:5080}
for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null || curl -fsS -o /dev/null "$url/openapi/v1.json" 2>/dev/null; then
        break
    fi
    sleep 1
done
echo
echo "Liandong is running at $url  (API: $url/api/v1, OpenAPI: $url/openapi/v1.json). Ctrl-C stops it."
wait -n "${pids[@]}"

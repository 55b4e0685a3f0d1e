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
silo_url=${SILO_URL:-http://localhost:5081}
# The address is printed only once both tiers say ready: the silo is ready when the demo (or bootstrap) accounts
# can sign in, the front tier when it reaches a silo. Before that a sign-in would only be refused.
ready=
for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "$silo_url/health/ready" 2>/dev/null && curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null; then
        ready=1
        break
    fi
    for pid in "${pids[@]}"; do
        kill -0 "$pid" 2>/dev/null || { echo "Liandong stopped during start-up (see the log above)." >&2; exit 1; }
    done
    sleep 1
done
echo
if [ -z "$ready" ]; then
    echo "Liandong is not ready after 300 s: see $silo_url/health/ready and $url/health/ready." >&2
    exit 1
fi
echo "Liandong is running at $url  (API: $url/api/v1, OpenAPI: $url/openapi/v1.json). Ctrl-C stops it."
wait -n "${pids[@]}"

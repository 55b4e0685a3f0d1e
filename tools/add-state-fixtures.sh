#!/usr/bin/env bash
# Adds a stored-state fixture (tests/Storage.Tests/StoredState/Fixtures/{state}.json) for every persistent
# grain state that has none, from a fresh demo database written by this checkout's silo (docs/upgrades.md).
# Existing fixtures are never changed. Usage: tools/add-state-fixtures.sh [DATABASE]
#   DATABASE: a SQLite database the silo wrote; without it, one is made by running the silo with the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build tools/StateFixtures -v quiet -nologo >/dev/null
work=$(mktemp -d /tmp/liandong-fixtures.XXXXXX)
silo_pid=
cleanup() { [[ -n "$silo_pid" ]] && kill "$silo_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

database=${1:-}
if [[ -z "$database" ]]; then
    dotnet build Silo -v quiet -nologo >/dev/null
    database="$work/demo.db"
    port=$((20000 + RANDOM % 20000))
    (cd Silo && Storage__Sqlite__Path="$database" Demo__Load=true Cluster__SiloPort=$port Cluster__GatewayPort=$((port + 1)) \
        Urls="http://127.0.0.1:$((port + 2))" Logging__LogLevel__Default=Warning \
        exec dotnet bin/Debug/net10.0/Liandong.Silo.dll >"$work/silo.log" 2>&1) &
    silo_pid=$!
    for _ in $(seq 1 180); do
        grep -q "Demo scenario loaded" "$work/silo.log" && break
        kill -0 "$silo_pid" 2>/dev/null || { cat "$work/silo.log" >&2; exit 1; }
        sleep 1
    done
    grep -q "Demo scenario loaded" "$work/silo.log" || { echo "the demo did not load in 180 s" >&2; cat "$work/silo.log" >&2; exit 1; }
    sleep 5
    kill -TERM "$silo_pid"; wait "$silo_pid" || true; silo_pid=
fi

commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
dotnet tools/StateFixtures/bin/Debug/net10.0/Liandong.StateFixtures.dll "$database" tests/Storage.Tests/StoredState/Fixtures \
    "commit $commit ($(date -u +%F))"

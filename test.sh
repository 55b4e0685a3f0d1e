#!/usr/bin/env bash
# Runs every test: unit, grain, storage (SQLite and a real PostgreSQL), API, cluster and browser tests.
# It installs what the tests need when it is missing (PostgreSQL, Chromium, Prometheus), starts a throwaway
# PostgreSQL on a loopback port, and removes it afterwards.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Browser tests drive Debian's Chromium (Playwright's own download cannot work here).
if [[ ! -x /usr/bin/chromium ]]; then
    echo "test.sh: installing chromium" >&2
    export DEBIAN_FRONTEND=noninteractive
    (apt-get update && apt-get install -y --no-install-recommends chromium) >&2 || { echo "test.sh: could not install chromium" >&2; exit 1; }
fi

# The monitoring test runs promtool and a real Prometheus on deploy/'s files (Debian's package).
if ! command -v promtool >/dev/null || ! command -v prometheus >/dev/null; then
    echo "test.sh: installing prometheus" >&2
    export DEBIAN_FRONTEND=noninteractive
    (apt-get update && apt-get install -y --no-install-recommends prometheus) >&2 || { echo "test.sh: could not install prometheus" >&2; exit 1; }
fi

pgdir=$(mktemp -d /tmp/liandong-pg.XXXXXX)
chmod 755 "$pgdir"
pgport=${LIANDONG_TEST_PGPORT:-$((20000 + RANDOM % 20000))}
cleanup() { "$root/scripts/postgres.sh" stop "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM

if ! LIANDONG_TEST_POSTGRES=$("$root/scripts/postgres.sh" start "$pgdir" "$pgport"); then
    echo "test.sh: could not start PostgreSQL" >&2
    exit 1
fi
export LIANDONG_TEST_POSTGRES
echo "test.sh: PostgreSQL at $LIANDONG_TEST_POSTGRES" >&2

dotnet build Liandong.slnx -v quiet -nologo || exit 1

log=$(mktemp /tmp/liandong-test.XXXXXX.log)
rm -f TestResults/cluster-tests.txt
# One test module at a time: the cluster tests start several silo processes and the portal tests a
# browser, and on a 2-core machine running them side by side starves them into timeouts.
dotnet test --solution Liandong.slnx --no-build --max-parallel-test-modules 1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# What the cluster tests measured (recovery after a silo is lost, load shedding); docs/operations.md quotes it.
if [[ -f TestResults/cluster-tests.txt ]]; then
    echo "test.sh: cluster measurements:"
    sed 's/^/  /' TestResults/cluster-tests.txt
fi

# One closing line in the plain form CI reads: "N passed, N failed, N skipped".
passed=$(grep -E '^\s+succeeded:' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s+failed:' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
skipped=$(grep -E '^\s+skipped:' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
rm -f "$log"
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"

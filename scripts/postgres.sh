#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests.
#
#   scripts/postgres.sh start DIR PORT   creates (or reuses) a cluster in DIR, listening only on
#                                        127.0.0.1:PORT, and prints its connection string last
#   scripts/postgres.sh stop DIR         stops it fast and removes DIR
#
# Works as root on a fresh Debian machine: PostgreSQL is installed from apt when missing, and the
# server runs as the unprivileged `postgres` user because postgres refuses to run as root.
# Everything but the connection string goes to stderr, so `CS=$(scripts/postgres.sh start ...)`
# captures just the string.
set -euo pipefail

readonly DATABASE=liandong_test

log() { echo "postgres.sh: $*" >&2; }
die() { log "$*"; exit 1; }

usage() {
    die "usage: $0 start DIR PORT | $0 stop DIR"
}

# Finds the directory holding initdb and pg_ctl: PATH first, then the newest Debian install.
find_bindir() {
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return 0
    fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
        echo "$dir"
        return 0
    fi
    return 1
}

ensure_installed() {
    if find_bindir >/dev/null; then
        return 0
    fi
    [[ $EUID -eq 0 ]] || die "PostgreSQL is not installed and installing it needs root"
    log "installing PostgreSQL from apt"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends postgresql >&2
    find_bindir >/dev/null || die "PostgreSQL was installed but initdb/pg_ctl were not found"
}

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    local dir=$1 port=$2
    [[ "$port" =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$port'"
    ensure_installed
    local bin
    bin=$(find_bindir)

    if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi

    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [[ $EUID -eq 0 ]]; then
        chown postgres: "$dir"
    fi
    chmod 700 "$dir"
    # The server's user must be able to reach DIR: a DIR under /root, for one, it cannot.
    as_owner test -w "$dir" || die "the postgres user cannot write to $dir; choose a DIR it can reach (e.g. under /tmp)"

    local data="$dir/data"
    if [[ ! -f "$data/PG_VERSION" ]]; then
        log "creating cluster in $data"
        # Trust is fine here: the server listens on loopback and a socket in DIR only, and the
        # cluster lives as long as one test run.
        as_owner "$bin/initdb" --pgdata="$data" --username=postgres --auth=trust \
            --encoding=UTF8 --locale=C >&2
    fi

    if as_owner "$bin/pg_ctl" --pgdata="$data" status >/dev/null 2>&1; then
        # Line 4 of postmaster.pid is the port the running server listens on.
        local running_port
        running_port=$(sed -n 4p "$data/postmaster.pid")
        [[ "$running_port" == "$port" ]] || die "the cluster in $dir already runs on port $running_port, not $port"
        log "cluster in $data is already running"
    else
        log "starting on 127.0.0.1:$port"
        as_owner "$bin/pg_ctl" --pgdata="$data" --log="$dir/server.log" --wait --timeout=60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c max_connections=200" \
            start >&2 || { cat "$dir/server.log" >&2 || true; die "PostgreSQL did not start"; }
    fi

    local psql=("$bin/psql" --host="$dir" --port="$port" --username=postgres --no-psqlrc --quiet --tuples-only)
    local ready=0
    for _ in $(seq 1 60); do
        if as_owner "${psql[@]}" --dbname=postgres --command='SELECT 1' >/dev/null 2>&1; then
            ready=1
            break
        fi
        sleep 0.5
    done
    [[ $ready -eq 1 ]] || die "PostgreSQL did not accept connections on port $port"

    if [[ -z "$(as_owner "${psql[@]}" --dbname=postgres --command="SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" ]]; then
        as_owner "${psql[@]}" --dbname=postgres --command="CREATE DATABASE $DATABASE" >&2
    fi

    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=$DATABASE"
}

stop() {
    local dir=$1
    if [[ -f "$dir/data/PG_VERSION" ]]; then
        local bin
        if bin=$(find_bindir); then
            as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait stop >&2 || log "server in $dir was not running"
        fi
    fi
    rm -rf "$dir"
}

case "${1:-}" in
    start) [[ $# -eq 3 ]] || usage; start "$2" "$3" ;;
    stop) [[ $# -eq 2 ]] || usage; stop "$2" ;;
    *) usage ;;
esac

#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis servers for the test suite, on free loopback ports.
#
#   scripts/services.sh start   install Debian's postgresql and redis-server if missing, start
#                               both, write their URLs to .services/env (shell `export` lines)
#   scripts/services.sh stop    stop both and delete their data
#
# The PostgreSQL cluster is private to this run (its own data folder, port and password), so it
# never touches a system cluster. PostgreSQL refuses to run as root: as root it runs as the
# `postgres` user, in a folder under /tmp that user can reach wherever the project lives.
# SERVICES_DIR names another folder than .services for the state (scripts/cluster.sh and
# `make bench` use their own), relative to the project or absolute. POSTGRES_MAX_CONNECTIONS
# (default 100) raises PostgreSQL's limit for many app server workers.
set -euo pipefail
cd "$(dirname "$0")/.."
state=${SERVICES_DIR:-.services}
mkdir -p "$state"
state=$(cd "$state" && pwd)

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "Missing Debian packages ($*); install them as root, or install sudo." >&2
        exit 1
    fi
}

install_missing() {
    local missing=()
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
    command -v redis-server >/dev/null || missing+=(redis-server)
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing ${missing[*]} from Debian's packages..."
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_bin() {
    local initdb
    initdb=$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -n 1)
    dirname "$initdb"
}

# Runs a PostgreSQL program as a user PostgreSQL accepts, from a folder that user may enter.
as_pg_user() {
    if [ "$(id -u)" = 0 ]; then (cd /tmp && runuser -u postgres -- "$@"); else "$@"; fi
}

start_postgres() {
    local bin dir port password
    bin=$(pg_bin)
    # Under /tmp, not TMPDIR: the postgres user must be able to reach it.
    dir=$(mktemp -d /tmp/newsroom-postgres.XXXXXX)
    echo "$dir" >"$state/postgres-dir"
    port=$(free_port)
    password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    echo "$password" >"$dir/password"
    if [ "$(id -u)" = 0 ]; then chown -R postgres: "$dir"; fi
    chmod 700 "$dir"
    as_pg_user "$bin/initdb" --pgdata="$dir/data" --username=newsroom --pwfile="$dir/password" \
        --auth=scram-sha-256 --encoding=UTF8 --no-locale --no-sync >"$state/postgres-init.log"
    # Durability settings off: this data is thrown away after the run.
    as_pg_user "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --silent \
        --options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir \
            -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=${POSTGRES_MAX_CONNECTIONS:-100}" \
        start
    PGPASSWORD=$password "$bin/createdb" --host=127.0.0.1 --port="$port" --username=newsroom newsroom
    echo "export TEST_DATABASE_URL=postgres://newsroom:$password@127.0.0.1:$port/newsroom" \
        >>"$state/env"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

start_redis() {
    local port
    port=$(free_port)
    redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
        --pidfile "$state/redis.pid" --logfile "$state/redis.log" --dir "$state"
    for _ in $(seq 50); do
        redis-cli -p "$port" ping >/dev/null 2>&1 && break
        sleep 0.1
    done
    redis-cli -p "$port" ping >/dev/null
    echo "export TEST_REDIS_URL=redis://127.0.0.1:$port/0" >>"$state/env"
    echo "Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$port"
}

stop() {
    if [ -f "$state/postgres-dir" ]; then
        local dir
        dir=$(cat "$state/postgres-dir")
        if [ -f "$dir/data/postmaster.pid" ]; then
            as_pg_user "$(pg_bin)/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait --silent \
                stop || true
        fi
        rm -rf "$dir" "$state/postgres-dir"
    fi
    if [ -f "$state/redis.pid" ]; then
        local pid
        pid=$(cat "$state/redis.pid")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        rm -f "$state/redis.pid"
    fi
    rm -f "$state/env"
}

case "${1:-}" in
start)
    stop
    install_missing
    : >"$state/env"
    start_postgres
    start_redis
    ;;
stop) stop ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac

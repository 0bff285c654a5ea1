#!/usr/bin/env bash
# `make cluster`: the site as several machines run it, on this one (docs/deploying.md, "Running
# more than one app server"). All on loopback, all from Debian's packages, state in .cluster/:
#
#   nginx        http://127.0.0.1:$CLUSTER_PORT (default 8080): the load balancer in front of
#                both app servers (scripts/nginx/newsroom.conf), serving static files and the
#                uploads folder itself, with its shared page cache and gzip
#   app a, b     gunicorn with the production settings (gunicorn.conf.py), WEB_CONCURRENCY
#                workers each, sharing the secret key, the database, Redis and the uploads
#   PostgreSQL   one private, throwaway server (scripts/services.sh), the demo newspaper in it
#   Redis        the shared cache (cached pages, the cookie catalogue)
#
#   scripts/cluster.sh start    stop any previous cluster, then start everything
#   scripts/cluster.sh stop     stop everything by the PIDs recorded at start; delete the data
set -euo pipefail
cd "$(dirname "$0")/.."
state=.cluster
python=${PYTHON:-.venv/bin/python}
port=${CLUSTER_PORT:-8080}
apps=(a b)

free_port() {
    "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for() { # url what
    for _ in $(seq 150); do
        curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.2
    done
    echo "$2 did not answer at $1; see $state/*.log" >&2
    return 1
}

start() {
    stop
    if "$python" -c "import socket, sys; s = socket.socket(); sys.exit(s.connect_ex(('127.0.0.1', $port)) != 0)"; then
        echo "Port $port is taken: CLUSTER_PORT=<another port> make cluster" >&2
        exit 1
    fi
    mkdir -p "$state"
    SERVICES_DIR=$state scripts/services.sh start
    # shellcheck disable=SC1091
    source "$state/env"
    # The production configuration (as scripts/serve.sh), shared by every app server. Plain
    # HTTP on loopback: no redirect to HTTPS, no Secure-only cookies.
    export DATABASE_URL=$TEST_DATABASE_URL CACHE_URL=$TEST_REDIS_URL
    export DEBUG=False SECURE_SSL_REDIRECT=False SECURE_COOKIES=False EMAIL_URL=consolemail://
    SECRET_KEY=$("$python" -c 'import secrets; print(secrets.token_urlsafe(50))')
    export SECRET_KEY ALLOWED_HOSTS=127.0.0.1,localhost CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$port
    # nginx alone faces readers, and serves the uploads: Django never does.
    export TRUSTED_PROXY_COUNT=1 SERVE_MEDIA=False
    export STATIC_ROOT=$PWD/$state/staticfiles MEDIA_ROOT=$PWD/$state/media
    export WEB_CONCURRENCY=${WEB_CONCURRENCY:-2}
    mkdir -p "$MEDIA_ROOT"

    echo "Migrating and seeding the demo newspaper..."
    "$python" manage.py migrate --noinput --verbosity 0
    "$python" manage.py seed_demo >"$state/seed.log"
    "$python" manage.py seed_demo_comments >>"$state/seed.log"
    "$python" manage.py rebuild_search_index >>"$state/seed.log"
    "$python" manage.py collectstatic --noinput --verbosity 0

    local upstreams=() name app_port
    for name in "${apps[@]}"; do
        app_port=$(free_port)
        GUNICORN_BIND=127.0.0.1:$app_port nohup "$python" -m gunicorn --config gunicorn.conf.py \
            >"$state/app-$name.log" 2>&1 </dev/null &
        echo $! >"$state/app-$name.pid"
        echo "$app_port" >"$state/app-$name.port"
        upstreams+=(--upstream "127.0.0.1:$app_port")
    done
    for name in "${apps[@]}"; do
        wait_for "http://127.0.0.1:$(cat "$state/app-$name.port")/healthz" "App server $name"
    done
    # bench/nginx.py fills in scripts/nginx/newsroom.conf and becomes nginx (own prefix,
    # temporary folders and logs under .cluster/nginx, never the system's nginx).
    nohup "$python" -m bench.nginx --folder "$PWD/$state/nginx" --port "$port" \
        --static-root "$STATIC_ROOT" --media-root "$MEDIA_ROOT" "${upstreams[@]}" \
        >"$state/nginx.log" 2>&1 </dev/null &
    echo $! >"$state/nginx.pid"
    wait_for "http://127.0.0.1:$port/healthz" "nginx"

    echo
    echo "Newsroom cluster on http://127.0.0.1:$port/ (editor: editor / newsroom-editor)"
    for name in "${apps[@]}"; do
        echo "  app server $name  http://127.0.0.1:$(cat "$state/app-$name.port")/  PID $(cat "$state/app-$name.pid"), log $state/app-$name.log"
    done
    echo "  nginx         PID $(cat "$state/nginx.pid"), config $state/nginx/nginx.conf"
    sed 's/^export /  /' "$state/env"
    echo "make cluster-stop stops it all."
}

stop_pid_file() { # file
    [ -f "$1" ] || return 0
    local pid
    pid=$(cat "$1")
    if kill -TERM "$pid" 2>/dev/null; then
        for _ in $(seq 150); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$1"
}

stop() {
    [ -d "$state" ] || return 0
    stop_pid_file "$state/nginx.pid"
    for name in "${apps[@]}"; do
        stop_pid_file "$state/app-$name.pid"
    done
    SERVICES_DIR=$state scripts/services.sh stop
    rm -rf "$state"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac

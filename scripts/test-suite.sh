#!/usr/bin/env bash
# Runs the pytest suite twice, on SQLite and on a real PostgreSQL server, with a real
# Redis server available to the tests that need one (scripts/services.sh starts both, and stops
# them however the runs end). Fails if either run fails. Extra arguments go to pytest.
#
# The two runs go side by side, one per core: each is mostly one Python process waiting on
# itself, so together they take little longer than the slower one alone. Nothing is shared
# between them but the Redis server, where every test site takes its own key prefix, and
# free ports the system hands out. Each run's output is kept and printed whole when both end.
# TEST_SUITE_ONE_AT_A_TIME=1 runs them one after the other, printing as they go.
set -uo pipefail
cd "$(dirname "$0")/.."
pytest=${PYTEST:-.venv/bin/pytest}

trap 'scripts/services.sh stop' EXIT
scripts/services.sh start || exit 1
# shellcheck disable=SC1091
source .services/env
# Pin the database and cache, so a developer's .env cannot point the suite elsewhere.
export CACHE_URL=locmemcache://newsroom-tests

# Each browser test runs in one of the two (tests/e2e/conftest.py says why), every other test
# in both. Each run ends with its slowest tests: where CI's minutes go.
sqlite_run() {
    DATABASE_URL=sqlite:///$PWD/db.sqlite3 BROWSER_TESTS_SHARE=1/2 "$pytest" --durations=20 "$@"
}
postgres_run() {
    DATABASE_URL=$TEST_DATABASE_URL BROWSER_TESTS_SHARE=2/2 "$pytest" --durations=20 "$@"
}

if [ "${TEST_SUITE_ONE_AT_A_TIME:-}" = 1 ]; then
    echo "== Test suite on SQLite"
    sqlite_run "$@"
    sqlite_status=$?
    echo "== Test suite on PostgreSQL"
    postgres_run "$@"
    postgres_status=$?
else
    logs=$(mktemp -d)
    echo "== Test suite on SQLite and on PostgreSQL, side by side (output follows when both end)"
    sqlite_run "$@" >"$logs/sqlite" 2>&1 &
    sqlite_pid=$!
    postgres_run "$@" >"$logs/postgres" 2>&1 &
    postgres_pid=$!
    wait $sqlite_pid
    sqlite_status=$?
    wait $postgres_pid
    postgres_status=$?
    echo "== Test suite on SQLite"
    cat "$logs/sqlite"
    echo "== Test suite on PostgreSQL"
    cat "$logs/postgres"
    # A log that keeps only the end of the output still shows which tests failed, and where.
    if [ $sqlite_status != 0 ] || [ $postgres_status != 0 ]; then
        echo "== What failed (SQLite, then PostgreSQL)"
        grep -E '^(FAILED|ERROR) |^E  ' "$logs/sqlite" | tail -n 40
        grep -E '^(FAILED|ERROR) |^E  ' "$logs/postgres" | tail -n 40
    fi
    rm -rf "$logs"
fi

if [ $sqlite_status != 0 ] || [ $postgres_status != 0 ]; then
    echo "== Failed: SQLite run exit $sqlite_status, PostgreSQL run exit $postgres_status" >&2
    exit 1
fi

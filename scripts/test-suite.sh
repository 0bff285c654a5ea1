#!/usr/bin/env bash
# Runs the whole pytest suite twice: on SQLite, then on a real PostgreSQL server, with a real
# Redis server available to the tests that need one (scripts/services.sh starts both, and stops
# them however the runs end). Fails if either run fails. Extra arguments go to pytest.
set -uo pipefail
cd "$(dirname "$0")/.."
pytest=${PYTEST:-.venv/bin/pytest}

trap 'scripts/services.sh stop' EXIT
scripts/services.sh start || exit 1
# shellcheck disable=SC1091
source .services/env
# Pin the database and cache, so a developer's .env cannot point the suite elsewhere.
export CACHE_URL=locmemcache://newsroom-tests

echo "== Test suite on SQLite"
DATABASE_URL=sqlite:///$PWD/db.sqlite3 "$pytest" "$@"
sqlite_status=$?

echo "== Test suite on PostgreSQL"
DATABASE_URL=$TEST_DATABASE_URL "$pytest" "$@"
postgres_status=$?

if [ $sqlite_status != 0 ] || [ $postgres_status != 0 ]; then
    echo "== Failed: SQLite run exit $sqlite_status, PostgreSQL run exit $postgres_status" >&2
    exit 1
fi

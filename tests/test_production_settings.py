"""Production settings: `check --deploy` is clean, the development key is refused, and the
environment picks the database and cache."""

import gc
import json
import os
import re
import runpy

import pytest
from django.db import connection

from tests.production_servers import PROJECT_DIR, manage, production_env

PRINT_BACKENDS = (
    "import json; from django.conf import settings; print(json.dumps({"
    "'cache': settings.CACHES['default']['BACKEND'], "
    "'cache_location': settings.CACHES['default'].get('LOCATION'), "
    "'database': settings.DATABASES['default']['ENGINE'], "
    "'static': settings.STORAGES['staticfiles']['BACKEND']}))"
)


def test_check_deploy_reports_no_issues_with_production_settings():
    result = manage(
        production_env(ALLOWED_HOSTS="news.example.com"),
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "secret_key",
    [
        None,
        "",
        "django-insecure-newsroom-development-key-do-not-use-in-production",
    ],
    ids=["unset", "empty", "development-key"],
)
def test_production_refuses_to_start_without_a_real_secret_key(secret_key):
    env = production_env()
    del env["SECRET_KEY"]
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key

    result = manage(env, "check", check=False)

    assert result.returncode != 0
    assert "Set SECRET_KEY to a long random value when DEBUG is off." in result.stderr


def test_development_runs_with_the_development_key():
    env = production_env(DEBUG="True")
    del env["SECRET_KEY"]

    result = manage(env, "check", check=False)

    assert result.returncode == 0, result.stderr


def test_production_defaults_local_memory_cache_and_hashed_static_files():
    env = production_env(DATABASE_URL="postgres://newsroom:secret@db.internal:5432/newsroom")
    env.pop("CACHE_URL", None)

    backends = json.loads(manage(env, "shell", "-v", "0", "-c", PRINT_BACKENDS).stdout)

    assert backends["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert backends["database"] == "django.db.backends.postgresql"
    assert backends["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_cache_url_selects_djangos_redis_backend_made_to_miss_when_redis_is_down():
    env = production_env(CACHE_URL="redis://cache.internal:6379/1")

    backends = json.loads(manage(env, "shell", "-v", "0", "-c", PRINT_BACKENDS).stdout)

    # A subclass of django.core.cache.backends.redis.RedisCache (tests/test_production_cluster.py).
    assert backends["cache"] == "newsroom.cache.ResilientRedisCache"
    assert backends["cache_location"] == "redis://cache.internal:6379/1"


@pytest.mark.django_db
def test_suite_runs_on_the_database_engine_database_url_names():
    # `make test` runs everything twice; this makes sure the second run really is PostgreSQL.
    url = os.environ.get("DATABASE_URL", "sqlite://")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")

    assert connection.vendor == expected


def test_env_example_documents_every_setting_read_from_the_environment():
    read_from_env = set()
    for source in ["newsroom/settings.py", "gunicorn.conf.py"]:
        text = (PROJECT_DIR / source).read_text()
        read_from_env |= set(re.findall(r'\benv(?:\.\w+)?\(\s*"([A-Z0-9_]+)"', text))
        read_from_env |= set(re.findall(r'os\.environ\.get\(\s*"([A-Z0-9_]+)"', text))
    documented = set(
        re.findall(r"^#?\s*([A-Z0-9_]+)=", (PROJECT_DIR / ".env.example").read_text(), re.M)
    )

    assert read_from_env, "the settings should be read from the environment"
    assert read_from_env - documented == set()


def test_a_gunicorn_worker_freezes_what_it_loaded_out_of_the_collectors_sight():
    hooks = runpy.run_path(str(PROJECT_DIR / "gunicorn.conf.py"))
    gc.unfreeze()
    try:
        hooks["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()

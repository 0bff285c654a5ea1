"""Outages of the services behind the app, in one process: an unreachable database is a clean
503 the reader may retry, an unreachable Redis is an empty cache. The same rules across real
servers are in tests/test_production_cluster.py."""

import pytest
from django.core.cache.backends.redis import RedisCache

from newsroom.cache import ResilientRedisCache


@pytest.fixture
def failing_site(client, settings, db):
    settings.ROOT_URLCONF = "tests.urls_outages"
    client.raise_request_exception = False
    return client


def test_an_unreachable_database_is_a_503_page_with_retry_after(failing_site):
    response = failing_site.get("/database-gone/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"]
    assert "Back in a moment" in response.text
    assert "Connection refused" not in response.text


def test_any_other_failure_is_still_the_500_page(failing_site):
    response = failing_site.get("/bug/")

    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Something went wrong on our side" in response.text


def test_an_unreachable_redis_reads_as_an_empty_cache():
    # Nothing listens on port 1.
    cache = ResilientRedisCache("redis://127.0.0.1:1/0", {})

    assert isinstance(cache, RedisCache)
    assert cache.get("catalogue", "missing") == "missing"
    cache.set("catalogue", "value")
    assert cache.get_or_set("page", lambda: "rendered afresh") == "rendered afresh"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("catalogue") is False

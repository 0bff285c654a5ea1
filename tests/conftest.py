import os

import pytest
from django.core.cache import cache

from tests.factories import StaffFactory
from tests.production_servers import RedisServer, collect_static


@pytest.fixture(autouse=True)
def isolated_media(settings, tmp_path):
    """Uploaded files go to a throwaway folder, never the developer's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Strong hashing is deliberately slow; tests create many users and need no protection.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits and login lockouts count in the cache; each test starts from zero."""
    cache.clear()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real Redis: the one `make test` started (TEST_REDIS_URL), else one of our own."""
    if os.environ.get("TEST_REDIS_URL"):
        yield os.environ["TEST_REDIS_URL"]
        return
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Static files collected once, as a deployment does, for the production-site tests."""
    return collect_static(tmp_path_factory.mktemp("staticfiles"))

import pytest
from django.core.cache import cache

from tests.factories import StaffFactory


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
    """Each test starts with an empty cache, so rate-limit counters never leak between tests."""
    cache.clear()
    yield
    cache.clear()

import importlib
import logging

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache

from consent.catalogue import get_catalogue
from consent.models import CookieCategory
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


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "sets_undeclared_cookie: the test makes the site set a cookie on purpose that no "
        "cookie declaration covers (only consent's own tests of that warning).",
    )


BUILT_IN_CATALOGUE_MIGRATION = importlib.import_module(
    "consent.migrations.0002_builtin_cookie_categories"
)


def _uses_database(request):
    return request.node.get_closest_marker("django_db") is not None or any(
        name in request.fixturenames for name in ("db", "transactional_db")
    )


@pytest.fixture(autouse=True)
def warm_consent_cache(request):
    """Every test starts from an empty cache holding only the cookie catalogue, as a live site
    does between edits: no test sees another's cached data, and page query counts measure the
    steady state (the consent layer costs no query once its catalogue is cached)."""
    cache.clear()
    if _uses_database(request):
        request.getfixturevalue("db")
        if not CookieCategory.objects.exists():
            # A transactional test before this one flushed the tables, data migrations included.
            BUILT_IN_CATALOGUE_MIGRATION.create_catalogue(django_apps, None)
        get_catalogue()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def undeclared_cookies_fail(request):
    """Any response that sets a cookie no declaration covers fails the test: the consent
    dialog must list every cookie the site sets."""

    class Collector(logging.Handler):
        def __init__(self):
            super().__init__(logging.WARNING)
            self.names = []

        def emit(self, record):
            name = getattr(record, "undeclared_cookie", None)
            if name:
                self.names.append(name)

    collector = Collector()
    logger = logging.getLogger("consent.enforcement")
    logger.addHandler(collector)
    yield collector
    logger.removeHandler(collector)
    if collector.names and not request.node.get_closest_marker("sets_undeclared_cookie"):
        pytest.fail(f"The site set cookies nobody declared: {sorted(set(collector.names))}")

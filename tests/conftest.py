import importlib
import logging
import os

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.backends import jinja2 as jinja2_backend
from django.test.signals import template_rendered
from django.utils import translation

from consent.catalogue import get_catalogue
from consent.models import CookieCategory
from tests.cached_pages import harbour_story
from tests.factories import StaffFactory
from tests.production_servers import RedisServer, collect_static, seeded_site


@pytest.fixture(autouse=True)
def isolated_media(settings, tmp_path):
    """Uploaded files go to a throwaway folder, never the developer's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def embed_providers_from_fixtures(settings):
    """Stories saved with a pasted address ask its provider from files, never the network."""
    settings.EMBED_FIXTURES_DIR = str(settings.BASE_DIR / "consent" / "fixtures" / "embeds")


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a request to /de/… leaves German
    active in the thread, which would otherwise change the addresses the next test builds."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Strong hashing is deliberately slow; tests create many users and need no protection.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def story(db):
    """A published story in the "local" section, headlined "Harbour reopens"."""
    return harbour_story()


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def _commit_as_in_production():
    """Run transaction.on_commit() callbacks where production would.

    A test wrapped in a transaction (pytest-django's `db`) never commits, so callbacks (the page
    generation bumps that retire kept copies) would never run. Here they run at once when only
    the test's own transaction is open (production's autocommit), and when the outermost atomic
    block the code under test opened exits without an error (its commit); a block rolled back
    drops its callbacks, as Django does.
    """
    from django.db import transaction
    from django.db.backends.base.base import BaseDatabaseWrapper

    def only_the_tests_own(connection):
        return connection.atomic_blocks and all(
            block._from_testcase for block in connection.atomic_blocks
        )

    on_commit = BaseDatabaseWrapper.on_commit

    def on_commit_as_committed(self, func, robust=False):
        if only_the_tests_own(self):
            return func()
        return on_commit(self, func, robust)

    exit_atomic = transaction.Atomic.__exit__

    def exit_and_commit(self, exc_type, exc_value, traceback):
        connection = transaction.get_connection(self.using)
        exit_atomic(self, exc_type, exc_value, traceback)
        if exc_type is None and not self._from_testcase and only_the_tests_own(connection):
            pending, connection.run_on_commit = connection.run_on_commit, []
            for _savepoints, func, _robust in pending:
                func()

    BaseDatabaseWrapper.on_commit = on_commit_as_committed
    transaction.Atomic.__exit__ = exit_and_commit


def pytest_configure(config):
    _commit_as_in_production()
    # Django's test client learns a page's context from the template_rendered signal, which
    # only Django's own template language sends; reader pages are Jinja2, so send it for them.
    render = jinja2_backend.Template.render

    def render_and_tell(self, context=None, request=None):
        html = render(self, context, request)
        template_rendered.send(sender=self, template=self, context=context)
        return html

    jinja2_backend.Template.render = render_and_tell
    config.addinivalue_line(
        "markers",
        "sets_undeclared_cookie: the test makes the site set a cookie on purpose that no "
        "cookie declaration covers (only consent's own tests of that warning).",
    )


BUILT_IN_CATALOGUE_MIGRATION = importlib.import_module(
    "consent.migrations.0002_builtin_cookie_categories"
)
HELD_COOKIE_MIGRATION = importlib.import_module(
    "consent.migrations.0003_declare_held_comment_cookie"
)
CONSENT_ID_COOKIE_MIGRATION = importlib.import_module("consent.migrations.0004_consent_id_cookie")
CONSENT_MODE_MIGRATION = importlib.import_module(
    "consent.migrations.0006_google_consent_mode_types"
)
COMMENT_AUTHOR_COOKIES_MIGRATION = importlib.import_module(
    "consent.migrations.0007_declare_comment_author_cookies"
)
LANGUAGE_COOKIE_MIGRATION = importlib.import_module(
    "consent.migrations.0008_declare_language_cookie"
)
DIALOG_TRANSLATIONS_MIGRATION = importlib.import_module(
    "consent.migrations.0010_translate_builtin_dialog_texts"
)
EMBED_PROVIDERS_MIGRATION = importlib.import_module(
    "consent.migrations.0014_builtin_embed_providers"
)
EMBED_PROVIDER_TRANSLATIONS_MIGRATION = importlib.import_module(
    "consent.migrations.0016_translate_builtin_embed_providers"
)


@receiver(setting_changed)
def forget_cached_pages(**kwargs):
    """Settings shape pages; a deployment that changes them runs `migrate`, which retires every
    cached page. Tests change settings in place, so they forget cached pages instead."""
    caches["pages"].clear()
    caches["search"].clear()


def _uses_database(request):
    return request.node.get_closest_marker("django_db") is not None or any(
        name in request.fixturenames for name in ("db", "transactional_db")
    )


@pytest.fixture(autouse=True)
def warm_consent_cache(request):
    """Every test starts from an empty cache holding only the cookie catalogue, as a live site
    does between edits: no test sees another's cached data, and page query counts measure the
    steady state (the consent layer costs no query once its catalogue is cached)."""
    for alias in ("default", "pages", "search"):
        caches[alias].clear()
    if _uses_database(request):
        request.getfixturevalue("db")
        if not CookieCategory.objects.exists():
            # A transactional test before this one flushed the tables, data migrations included.
            BUILT_IN_CATALOGUE_MIGRATION.create_catalogue(django_apps, None)
            HELD_COOKIE_MIGRATION.declare_held_comment_cookie(django_apps, None)
            CONSENT_ID_COOKIE_MIGRATION.declare_consent_cookies(django_apps, None)
            CONSENT_MODE_MIGRATION.map_consent_mode_types(django_apps, None)
            COMMENT_AUTHOR_COOKIES_MIGRATION.declare_comment_author_cookies(django_apps, None)
            LANGUAGE_COOKIE_MIGRATION.declare_language_cookie(django_apps, None)
            DIALOG_TRANSLATIONS_MIGRATION.translate_dialog(django_apps, None)
            EMBED_PROVIDERS_MIGRATION.add_providers(django_apps, None)
            EMBED_PROVIDER_TRANSLATIONS_MIGRATION.translate_providers(django_apps, None)
        get_catalogue()
    yield
    for alias in ("default", "pages", "search"):
        caches[alias].clear()


@pytest.fixture
def every_category_in_use(db):
    """A site that uses every category: one declared cookie each in the three the built-in
    catalogue leaves empty (and which are therefore "not used on this site", never offered)."""
    from tests.factories import CookieDeclarationFactory

    for slug, name in [
        ("analytical", "stats_id"),
        ("performance", "speed_sample"),
        ("advertisement", "ad_frequency"),
    ]:
        CookieDeclarationFactory(category=CookieCategory.objects.get(slug=slug), name=name)
    return get_catalogue()


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


@pytest.fixture(scope="session")
def production_site(tmp_path_factory, collected_static, redis_url):
    """The site under gunicorn with production settings and its own database (see
    tests/production_servers.py), shared by the tests that need a real server."""
    site = seeded_site(tmp_path_factory.mktemp("production-site"), collected_static, redis_url)
    yield site
    site.stop()

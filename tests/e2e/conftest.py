"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against a live server.

One browser serves the whole run (starting Chromium is the slow part); each test gets a fresh
context, so cookies and storage never leak between tests. Failures leave a screenshot in
tests/e2e/artifacts/failures/, and tests save the key pages to tests/e2e/artifacts/pages/.
"""

import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.e2e import accessibility

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the networking flags Chromium keeps calling Google's services, which a closed CI
# network refuses; --no-sandbox because CI runs as root, where Chromium's sandbox cannot start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# Long enough for a loaded CI machine, short enough that a missing element fails quickly.
ACTION_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install it with scripts/ensure-chromium.sh "
            "(or set CHROMIUM to its path), or run the other tests with `make test-fast`.",
            pytrace=False,
        )
    # Failure screenshots describe the latest run only.
    shutil.rmtree(ARTIFACTS / "failures", ignore_errors=True)
    # Playwright's sync API keeps an event loop running in the test thread while it is started,
    # and Django refuses ORM calls (factories, database assertions) from such a thread unless
    # told otherwise. Only while the browser runs: browser tests come last (see below), and
    # nothing else the suite starts (a `manage.py check --deploy`, say) inherits the setting.
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


# `make test` runs the suite on SQLite and on PostgreSQL side by side (scripts/test-suite.sh),
# and each browser test in one of the two: what a browser shows and does does not change with
# the database, whose every query the rest of the suite runs on both, and running them twice
# took CI past 20 minutes. "1/2" keeps the first of every two browser tests, "2/2" the second;
# unset, a run keeps them all.
SHARE = "BROWSER_TESTS_SHARE"


def _share():
    """(which, of how many) from BROWSER_TESTS_SHARE, or None to keep every browser test."""
    value = os.environ.get(SHARE, "")
    if not value:
        return None
    which, _, count = value.partition("/")
    if not (which.isdigit() and count.isdigit() and 1 <= int(which) <= int(count)):
        raise pytest.UsageError(f"{SHARE} must read like 1/2, not {value!r}")
    return int(which), int(count)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Browser tests run after all others: the browser, started once for them, holds an event
    loop in the test thread until the session ends, where other tests' database calls would
    be refused. With BROWSER_TESTS_SHARE, only this run's share of them is kept."""
    browser_tests = Path(__file__).resolve().parent

    def in_browser(item):
        return Path(item.path).resolve().is_relative_to(browser_tests)

    items.sort(key=in_browser)
    share = _share()
    if share is None:
        return
    which, count = share
    first = next((n for n, item in enumerate(items) if in_browser(item)), len(items))
    browser = items[first:]
    config.hook.pytest_deselected(
        items=[item for n, item in enumerate(browser) if n % count != which - 1]
    )
    items[first:] = browser[which - 1 :: count]


@pytest.fixture(autouse=True)
def live_site_urls(settings):
    settings.ROOT_URLCONF = "tests.e2e.urls"


@pytest.fixture
def human_pace_at_any_speed(settings):
    """For comment flows: the form refuses posts sent within seconds of loading it (a bot's
    pace), and a browser test types faster than any person. The rule has its own tests in
    tests/test_comments_spam.py."""
    settings.COMMENTS_MIN_SECONDS = 0


@pytest.fixture
def javascript_enabled():
    """JavaScript is on unless a test parametrizes this fixture (`[True, False]`)."""
    return True


@pytest.fixture
def new_context(browser, live_server):
    """Make a browser context (a fresh visitor) against the live server; closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("base_url", live_server.url)
        context = browser.new_context(**options)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts.append(context)
        return context

    make.contexts = contexts  # read by the failure-screenshot hook below
    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context, javascript_enabled):
    return new_context(java_script_enabled=javascript_enabled)


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def assert_accessible(javascript_enabled):
    """Fail with axe-core's findings if the page has a serious or critical violation."""

    def check(page):
        violations = accessibility.blocking_violations(page, javascript_enabled=javascript_enabled)
        assert not violations, f"axe-core on {page.url}:\n" + accessibility.describe(violations)

    return check


@pytest.fixture
def save_screenshot():
    """Keep a screenshot of a key page for people to look at (the whole page unless a modal
    dialog is open, which only covers the screen)."""

    def save(page, name, *, full_page=True):
        ARTIFACTS.joinpath("pages").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / "pages" / f"{name}.png", full_page=full_page)

    return save


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    make_context = getattr(item, "funcargs", {}).get("new_context")
    if report.when == "call" and report.failed and make_context is not None:
        keep_failure_screenshots(item.nodeid, make_context.contexts, report)
    return report


def keep_failure_screenshots(nodeid, contexts, report):
    """Save every page the failed test had open, as it looked at the moment of failure."""
    ARTIFACTS.joinpath("failures").mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", nodeid.removeprefix("tests/e2e/"))
    pages = [page for context in contexts for page in context.pages if not page.is_closed()]
    for number, page in enumerate(pages, start=1):
        suffix = "" if len(pages) == 1 else f"-{number}"
        path = ARTIFACTS / "failures" / f"{name}{suffix}.png"
        try:
            page.screenshot(path=path, full_page=True)
        except Exception as error:  # a crashed page must not hide the test's own failure
            report.sections.append(("screenshot", f"could not save {path.name}: {error}"))
            continue
        report.sections.append(("screenshot", f"saved {path}"))


class OneRequestAtATime:
    """The live server's threads share one connection to the in-memory test database, which
    cannot take two requests at once, and a page sends them at once (an editor's heartbeats,
    two editors, a picture's renditions). In production each worker has its own connection.

    Between tests the gate is shut: a request a page sent as it closed is refused rather than
    answered while the database is being emptied under it."""

    def __init__(self, application):
        self.application = application
        self.lock = threading.Lock()
        self.open = False

    def __call__(self, environ, start_response):
        with self.lock:
            if not self.open:
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"No test is running."]
            return self.application(environ, start_response)

    def set_open(self, open):
        # Taking the lock waits for the request being answered, if any.
        with self.lock:
            self.open = open


@pytest.fixture(scope="session")
def request_gate(live_server):
    server = live_server.thread.httpd
    gate = OneRequestAtATime(server.get_app())
    server.set_app(gate)
    return gate


@pytest.fixture(autouse=True)
def one_request_at_a_time(request_gate):
    request_gate.set_open(True)
    yield
    request_gate.set_open(False)

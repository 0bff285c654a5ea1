"""Tags in a real browser: nothing from a tag's host is requested before consent, the tag loads
once the visitor accepts (without a reload), Google Consent Mode's `update` is pushed on the
choice, and a browser sending Global Privacy Control never requests a tag.

Every request leaving the live server is intercepted: the tag's address answers with a local
stand-in script, anything else off-site is refused, so the network is never used.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.consent_steps import banner, choose
from tests.factories import ArticleFactory, TagFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("every_category_in_use"),
]
TAG_URL = "https://www.googletagmanager.com/gtag/js?id=G-TEST1234"
STAND_IN = "window.standInTagRuns = (window.standInTagRuns || 0) + 1;"
DATA_LAYER = """() => (window.dataLayer || []).map((entry) =>
    typeof entry === "object" && "length" in entry ? Array.from(entry) : entry)"""


@pytest.fixture
def off_site_requests(context):
    """Every URL the page asks for outside the live server, in order; tag URLs get a stand-in."""
    requested = []

    def intercept(route):
        requested.append(route.request.url)
        if route.request.url.startswith("https://www.googletagmanager.com/"):
            route.fulfill(status=200, content_type="text/javascript", body=STAND_IN)
        else:
            route.abort()

    context.route(lambda url: not url.startswith("http://localhost"), intercept)
    return requested


def consent_commands(page):
    return [entry[1:] for entry in page.evaluate(DATA_LAYER) if entry[:1] == ["consent"]]


def test_the_tag_loads_only_after_accepting_and_the_update_is_pushed(page, off_site_requests):
    TagFactory()
    story = ArticleFactory()
    page.goto(story.get_absolute_url())
    page.wait_for_load_state("networkidle")
    assert off_site_requests == [], "no tag before a choice"
    default = consent_commands(page)
    assert default[0][0] == "default" and default[0][1]["analytics_storage"] == "denied"
    assert len(default) == 1

    choose(banner(page), "Accept all", javascript_enabled=True)
    expect(page.locator("script[src*='googletagmanager']")).to_have_count(1)
    page.wait_for_function("window.standInTagRuns === 1")
    assert off_site_requests == [TAG_URL]
    update = consent_commands(page)[-1]
    assert update[0] == "update" and update[1]["analytics_storage"] == "granted"
    assert update[1]["ad_storage"] == "granted"

    # The next page sets the stored choice before the tag loads.
    page.goto(story.get_absolute_url())
    page.wait_for_function("window.standInTagRuns === 1")
    commands = consent_commands(page)
    assert [command[0] for command in commands] == ["default", "update"]


def test_rejecting_pushes_a_denied_update_and_loads_nothing(page, off_site_requests):
    TagFactory()
    page.goto("/")
    choose(banner(page), "Reject all", javascript_enabled=True)
    update = consent_commands(page)[-1]
    assert update[0] == "update" and update[1]["analytics_storage"] == "denied"
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert off_site_requests == []


def test_global_privacy_control_never_requests_a_tag(new_context):
    context = new_context(extra_http_headers={"Sec-GPC": "1"})
    requested = []
    context.route(
        lambda url: not url.startswith("http://localhost"),
        lambda route: (requested.append(route.request.url), route.abort()),
    )
    TagFactory()
    page = context.new_page()
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Cookie settings").click()
    dialog = page.get_by_role("dialog", name="Customize consent preferences")
    choose(dialog, "Accept all", javascript_enabled=True)
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert requested == []

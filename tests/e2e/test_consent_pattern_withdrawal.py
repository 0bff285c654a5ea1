"""A Google tag's cookies leave the browser when the visitor withdraws its category, whatever
measurement id they carry: the tag's declarations (`_ga`, `_ga_*`, `_gid`) cover them, with
JavaScript (the page deletes them) and without (the server's answer deletes them)."""

import pytest
from playwright.sync_api import expect

from consent.models import CookieCategory, CookieDeclaration
from tests.e2e.consent_steps import (
    banner,
    choose,
    cookie_names,
    cookie_settings_link,
    open_preferences,
)
from tests.factories import ArticleFactory, TagFactory

pytestmark = pytest.mark.django_db(transaction=True)

# What a Tag Manager container's Google Analytics would set, ids and all.
TAG_COOKIES = ["_ga", "_ga_ABC123", "_ga_XYZ9876", "_gid"]
# Not covered by the tag's declarations (`_gat_` does not start with `_ga_`): left alone.
OTHER_COOKIE = "_gat_UA1"


@pytest.fixture
def tag_manager(context):
    """A Tag Manager container under Analytical with the cookies it is known to set declared
    (as the admin's "Declare the cookies these tags set" action does); its script is a local
    stand-in, so the network is never used."""
    analytical = CookieCategory.objects.get(slug="analytical")
    tag = TagFactory(name="Tag Manager", kind="gtm", tag_id="GTM-AB12CD3", category=analytical)
    for name, duration, purpose in tag.known_cookies():
        CookieDeclaration.objects.create(
            name=name, category=analytical, provider="Google", duration=duration, purpose=purpose
        )
    context.route(
        lambda url: not url.startswith("http://localhost"),
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=""),
    )
    return tag


@pytest.mark.usefixtures("tag_manager")
@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_withdrawing_analytics_deletes_every_cookie_a_tag_pattern_covers(
    page, context, javascript_enabled
):
    story = ArticleFactory()
    page.goto(story.get_absolute_url())
    choose(banner(page), "Accept all", javascript_enabled=javascript_enabled)
    # The tag's script sets its cookies in the browser for the whole site (path /), under
    # ids the site never saw.
    site = page.url.split("/", 3)[:3]
    context.add_cookies(
        [
            {"name": name, "value": "GA1.1.123.456", "url": "/".join(site) + "/"}
            for name in [*TAG_COOKIES, OTHER_COOKIE]
        ]
    )
    page.goto(story.get_absolute_url())
    assert set(TAG_COOKIES) <= cookie_names(context)

    preferences = open_preferences(
        page, cookie_settings_link(page), javascript_enabled=javascript_enabled
    )
    preferences.get_by_role("switch", name="Analytical").uncheck()
    choose(preferences, "Save my preferences", javascript_enabled=javascript_enabled)

    left = cookie_names(context)
    assert not left & set(TAG_COOKIES), f"still held: {sorted(left & set(TAG_COOKIES))}"
    assert OTHER_COOKIE in left
    expect(banner(page)).to_have_count(0)

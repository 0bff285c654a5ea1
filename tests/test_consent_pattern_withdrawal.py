"""A Google tag's cookies go when its category is withdrawn, whatever id they carry: the tag
declares `_ga`, `_ga_*` and `_gid` in one admin action, and the server deletes every cookie the
browser sends that one of those names or patterns covers."""

import pytest
from django.test import Client

from consent.models import CookieCategory, CookieDeclaration, Tag
from tests.consent_forms import decide

pytestmark = pytest.mark.django_db

TAG_COOKIES = ["_ga", "_ga_ABC123", "_ga_XYZ9876", "_gid"]
# Cookies no declaration of the tag covers: `_gat_` does not start with the pattern's `_ga_`.
OTHER_COOKIES = ["_gat_UA1", "_gax"]


@pytest.fixture
def tag_manager(staff_client):
    """A Tag Manager container under Analytical, its cookies declared by the admin action."""
    analytical = CookieCategory.objects.get(slug="analytical")
    tag = Tag.objects.create(
        name="Tag Manager", kind="gtm", tag_id="GTM-AB12CD3", category=analytical
    )
    staff_client.post(
        "/admin/consent/tag/", {"action": "declare_cookies", "_selected_action": [tag.pk]}
    )
    assert set(analytical.declarations.values_list("name", flat=True)) >= {"_ga", "_ga_*", "_gid"}
    return tag


def deleted_cookies(response):
    return {
        morsel.key
        for morsel in response.cookies.values()
        if morsel.value == "" and str(morsel["max-age"]) == "0"
    }


@pytest.fixture
def visitor_with_tag_cookies(tag_manager):
    visitor = Client()
    decide(visitor, "accept_all")
    for name in TAG_COOKIES + OTHER_COOKIES:
        visitor.cookies[name] = "GA1.1.123.456"
    return visitor


def test_withdrawing_analytics_deletes_every_cookie_the_tag_declares_or_its_pattern_covers(
    visitor_with_tag_cookies,
):
    response = decide(visitor_with_tag_cookies, "save", categories=["functional"])
    assert response.status_code == 303
    deleted = deleted_cookies(response)
    assert set(TAG_COOKIES) <= deleted
    assert not deleted & set(OTHER_COOKIES)


def test_rejecting_all_deletes_the_pattern_cookies_too(visitor_with_tag_cookies):
    deleted = deleted_cookies(decide(visitor_with_tag_cookies, "reject_all"))
    assert set(TAG_COOKIES) <= deleted


def test_cookies_of_an_allowed_category_are_left_alone(visitor_with_tag_cookies):
    response = visitor_with_tag_cookies.get("/")
    assert not deleted_cookies(response) & set(TAG_COOKIES)


def test_a_ga4_tag_declares_its_own_session_cookie_and_withdrawal_deletes_it(staff_client):
    analytical = CookieCategory.objects.get(slug="analytical")
    tag = Tag.objects.create(
        name="Google Analytics", kind="ga4", tag_id="G-AB12CD34EF", category=analytical
    )
    staff_client.post(
        "/admin/consent/tag/", {"action": "declare_cookies", "_selected_action": [tag.pk]}
    )
    assert CookieDeclaration.objects.filter(name="_ga_AB12CD34EF").exists()
    visitor = Client()
    decide(visitor, "accept_all")
    visitor.cookies["_ga"] = "GA1.1.1"
    visitor.cookies["_ga_AB12CD34EF"] = "GS1.1.1"
    deleted = deleted_cookies(decide(visitor, "save", categories=[]))
    assert {"_ga", "_ga_AB12CD34EF", "_gid"} <= deleted


@pytest.mark.parametrize("refusal", ["reject_all", None])
def test_a_refused_cookie_a_script_sets_again_goes_on_the_next_page(tag_manager, refusal):
    # Refused (or never asked about), then a tag still open elsewhere writes its cookies again.
    visitor = Client()
    if refusal:
        decide(visitor, refusal)
    for name in TAG_COOKIES + OTHER_COOKIES:
        visitor.cookies[name] = "GA1.1.123.456"
    for _ in range(2):  # drawn, then served from the page cache
        response = visitor.get("/")
        assert response.status_code == 200
        deleted = deleted_cookies(response)
        assert set(TAG_COOKIES) <= deleted
        assert not deleted & set(OTHER_COOKIES)
        for name in TAG_COOKIES:
            visitor.cookies[name] = "GA1.1.123.456"


def test_a_page_with_no_refused_cookie_sends_no_deletion(tag_manager):
    visitor = Client()
    decide(visitor, "reject_all")
    visitor.get("/")  # shows (and deletes) the "saved" message
    assert not deleted_cookies(visitor.get("/"))

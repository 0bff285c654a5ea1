"""The page cache never shows one reader what belongs to another: CSRF tokens, flash messages,
consent choices, remembered commenter details, an editor's view."""

import re
import uuid

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory

from comments.remember import COOKIE_NAME as REMEMBER_COOKIE
from comments.remember import SALT as REMEMBER_SALT
from consent.decision import COOKIE_NAME as CONSENT_COOKIE
from consent.decision import ID_COOKIE_NAME as CONSENT_ID_COOKIE
from consent.models import Action, CookieCategory
from tests.cached_pages import cache_pages, page
from tests.consent_forms import current_policy
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    signed_consent_cookie,
    signed_consent_id_cookie,
    signed_cookie,
)
from tests.html import find, find_all, one

pytestmark = pytest.mark.django_db
OPTIONAL = ["functional", "analytical", "performance", "advertisement"]


def test_a_flash_message_is_shown_only_to_its_reader(client, story):
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    encoded = storage._encode([Message(constants.SUCCESS, "Your comment is published.")])
    cache_pages("/")
    client.cookies["messages"] = encoded
    assert "Your comment is published." in page(client, "/")
    assert "Your comment is published." not in page(Client(), "/")


def test_a_page_rendered_for_a_signed_in_editor_is_never_served_to_readers(staff_client):
    draft = ArticleFactory(headline="Embargoed budget story", draft=True)
    assert "Embargoed budget story" in page(staff_client, draft.get_absolute_url())
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_a_cached_page_is_the_same_for_every_reader_and_sets_no_cookie(story):
    url = story.get_absolute_url()
    cache_pages(url)
    first, second = Client().get(url), Client(headers={"Cookie": "_ga=GA1.2.3.4"}).get(url)
    assert first.content == second.content
    assert find(first.content.decode(), name="csrfmiddlewaretoken") is None
    assert not first.cookies and not second.cookies
    assert "public" in first["Cache-Control"] and "s-maxage" in first["Cache-Control"]


def test_a_cross_site_comment_post_is_refused_without_storing_it(story):
    form = {"text": "Forged", "name": "Mallory", "email": "m@example.net", "token": "x"}
    response = Client().post(
        f"/comments/post/{story.pk}/", form, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 403
    assert not story.comments.exists()


def consent_client(allowed, action=Action.CUSTOM, visitor_id=None):
    reader = Client()
    reader.cookies[CONSENT_COOKIE] = signed_consent_cookie(allowed, action)
    if visitor_id:
        reader.cookies[CONSENT_ID_COOKIE] = signed_consent_id_cookie(visitor_id)
    return reader


def test_the_banner_shows_only_for_readers_who_have_not_chosen(story):
    url = story.get_absolute_url()
    cache_pages(url)
    chosen = consent_client(["functional"])
    for _ in range(2):
        assert find(page(chosen, url), class_="consent-banner") is None
        assert find(page(Client(), url), class_="consent-banner") is not None


@pytest.mark.usefixtures("every_category_in_use")
def test_a_readers_choices_are_never_shown_to_another(story):
    url = story.get_absolute_url()
    everything = consent_client(OPTIONAL, Action.ACCEPT_ALL)
    nothing = consent_client([], Action.REJECT_ALL)
    for _ in range(2):
        assert switch_is_on(page(everything, url), "advertisement")
        assert not switch_is_on(page(nothing, url), "advertisement")


def switch_is_on(html, slug):
    switch = one(html, "input", type="checkbox", role="switch", id=f"consent-dialog-{slug}")
    return switch.has("checked")


def test_reader_pages_carry_no_consent_id(story):
    # The id is proof shown on the visitor's own history page, never in a page others share.
    url = story.get_absolute_url()
    visitor_id = str(uuid.uuid4())
    reader = consent_client(["functional"], visitor_id=visitor_id)
    assert visitor_id not in page(reader, url)
    assert visitor_id not in page(reader, "/")


def test_a_consent_id_written_in_a_comment_is_never_rewritten_for_other_readers(story):
    # A link carrying the author's own id, viewed first by them, must reach every later reader
    # exactly as written, not with that reader's own id spliced in.
    own_id, other_id = str(uuid.uuid4()), str(uuid.uuid4())
    CommentFactory(article=story, text=f"See https://tracker.example/?u={own_id}")
    url = story.get_absolute_url()
    page(consent_client(["functional"], visitor_id=own_id), url)

    later = page(consent_client(["functional"], visitor_id=other_id), url)

    assert f"u={own_id}" in later
    assert other_id not in later


def test_a_global_privacy_control_refusal_is_shown_only_to_readers_who_send_it(story):
    url = story.get_absolute_url()
    cache_pages(url)
    gpc_reader = Client(headers={"Sec-GPC": "1"})
    html = page(gpc_reader, url)
    assert "Global Privacy Control signal" in html
    assert CONSENT_COOKIE not in gpc_reader.cookies  # the signal itself is the refusal
    assert "Global Privacy Control signal" not in page(Client(), url)
    assert "Global Privacy Control signal" in page(gpc_reader, url)


@pytest.mark.usefixtures("every_category_in_use")
def test_reordering_cookie_categories_refreshes_cached_pages(story):
    url = story.get_absolute_url()
    cache_pages(url)
    assert switch_slugs(page(Client(), url))[-1] == "advertisement"
    advertisement = CookieCategory.objects.get(slug="advertisement")
    advertisement.order = 0
    advertisement.save()
    slugs = switch_slugs(page(Client(), url))
    assert slugs.index("advertisement") < slugs.index("functional")


def switch_slugs(html):
    dialog_switch = re.compile(r"consent-dialog-(\w+)")
    found = find_all(html, "input", type="checkbox", role="switch", id=dialog_switch)
    return [dialog_switch.fullmatch(switch["id"])[1] for switch in found]


@pytest.fixture
def known_commenter():
    """A commenter with an approved comment elsewhere, so their next post is published at once."""
    return CommentFactory(email="robin@example.net").email


def test_remembered_commenter_details_are_shown_to_their_owner_alone(story, known_commenter):
    url = story.get_absolute_url()
    owner = Client()
    owner.post("/consent/", {"policy": current_policy(), "action": "accept_all", "next": url})
    owner.cookies[REMEMBER_COOKIE] = signed_cookie(
        REMEMBER_COOKIE,
        {"name": "Robin Reader", "email": known_commenter, "website": ""},
        REMEMBER_SALT,
    )
    for _ in range(2):
        assert known_commenter in page(owner, url)
        stranger = Client()
        stranger.post(
            "/consent/", {"policy": current_policy(), "action": "accept_all", "next": url}
        )
        assert known_commenter not in page(stranger, url)

"""A comment held for moderation is previewed to the browser that posted it, and to nobody else."""

from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments import held
from comments.models import Comment
from consent.catalogue import get_catalogue
from tests.cached_pages import cache_pages, page
from tests.factories import (
    ArticleFactory,
    comment_form_data,
    signed_cookie,
    signed_cookie_data,
    trusted_commenter,
)

pytestmark = pytest.mark.django_db

PREVIEW_NOTE = "Your comment is awaiting moderation."


@pytest.fixture
def article():
    return ArticleFactory()


def post_held(client, article, text):
    """Post a first comment from a new email, which moderation holds; the preview link."""
    data = comment_form_data(article, text=text, email=f"{len(text)}-new@example.net")
    response = client.post(reverse("comments:post", args=[article.pk]), data)
    assert Comment.objects.get(text=text).status == Comment.Status.PENDING
    return response["Location"]


def test_the_poster_sees_the_preview_and_another_browser_with_the_link_does_not(article):
    poster = Client()
    link = post_held(poster, article, "Only for my eyes until approved.")
    shown = page(poster, link)
    assert PREVIEW_NOTE in shown and "Only for my eyes until approved." in shown
    elsewhere = page(Client(), link)
    assert "Only for my eyes until approved." not in elsewhere
    assert PREVIEW_NOTE not in elsewhere


def test_the_link_shows_nothing_to_another_browser_even_after_the_poster_opened_it(article):
    # The held link has a query parameter and the poster a cookie the page cache does not
    # know: neither request may store a page, nor be served one, so nothing carries over.
    cache_pages(article.get_absolute_url())
    poster = Client()
    link = post_held(poster, article, "Not for the cache.")
    assert "Not for the cache." in page(poster, link)
    assert "Not for the cache." in page(poster, link)
    for _ in range(2):
        assert "Not for the cache." not in page(Client(), link)
    assert "Not for the cache." not in page(Client(), article.get_absolute_url())


def test_the_poster_still_sees_the_preview_after_someone_else_opened_the_link(article):
    poster = Client()
    link = post_held(poster, article, "Opened elsewhere first.")
    page(Client(), link)
    page(Client(), link)
    assert "Opened elsewhere first." in page(poster, link)


def test_a_browser_holding_its_own_cookie_cannot_open_someone_elses_held_link(article):
    alice, mallory = Client(), Client()
    alice_link = post_held(alice, article, "Held words from Alice.")
    mallory_link = post_held(mallory, article, "Held words from Mallory.")
    assert "Held words from Alice." not in page(mallory, alice_link)
    assert "Held words from Mallory." in page(mallory, mallory_link)


def test_the_cookie_alone_shows_nothing_on_the_story_page(article):
    poster = Client()
    post_held(poster, article, "Needs the link too.")
    assert "Needs the link too." not in page(poster, article.get_absolute_url())


def test_each_of_several_held_comments_can_be_previewed(article):
    poster = Client()
    first = post_held(poster, article, "My first held comment.")
    second = post_held(poster, article, "My second, held as well.")
    assert "My first held comment." in page(poster, first)
    assert "My second, held as well." in page(poster, second)


def test_the_preview_cookie_is_short_lived_http_only_same_site_and_declared_necessary(
    client, article
):
    data = comment_form_data(article, text="Cookie check.")
    response = client.post(reverse("comments:post", args=[article.pk]), data)
    morsel = response.cookies[held.COOKIE_NAME]
    assert morsel["max-age"] == 600
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "Lax"
    assert morsel["path"] == "/"
    comment = Comment.objects.get(text="Cookie check.")
    assert signed_cookie_data(held.COOKIE_NAME, morsel.value, held.COOKIE_SALT) == [comment.pk]
    catalogue = get_catalogue()
    category = catalogue.category_of_cookie(held.COOKIE_NAME)
    assert category is not None and catalogue.is_necessary(category.slug)


def test_a_published_comment_sets_no_preview_cookie(client, article):
    trusted_commenter(client, "known@example.net")
    data = comment_form_data(article, email="known@example.net")
    response = client.post(reverse("comments:post", args=[article.pk]), data)
    assert urlsplit(response["Location"]).query == ""
    assert held.COOKIE_NAME not in response.cookies


def held_cookie(data, salt):
    return signed_cookie(held.COOKIE_NAME, data, salt)


def signed_text(text):
    """A preview cookie Django signed for us whose value is not what we write."""
    response = HttpResponse()
    response.set_signed_cookie(held.COOKIE_NAME, text, salt=held.COOKIE_SALT)
    return response.cookies[held.COOKIE_NAME].value


@pytest.mark.parametrize(
    "cookie",
    [
        pytest.param("forged", id="unsigned"),
        pytest.param("x" * 5000, id="huge"),
        pytest.param(held_cookie("not a list", held.COOKIE_SALT), id="not a list"),
        pytest.param(held_cookie(["1", None, {"a": 1}], held.COOKIE_SALT), id="not ids"),
        pytest.param(held_cookie([1, 2, 3], "another-salt"), id="another salt"),
        pytest.param(signed_text("not JSON"), id="not JSON"),
        # Cookies in the format before Django's signed cookies (signing.dumps) are ignored.
        pytest.param(signing.dumps([1, 2, 3], salt=held.COOKIE_SALT), id="older format"),
    ],
)
def test_a_forged_or_odd_cookie_shows_nothing_and_never_fails(client, article, cookie):
    link = post_held(Client(), article, "Guarded text.")
    client.cookies[held.COOKIE_NAME] = cookie
    assert "Guarded text." not in page(client, link)


def test_the_preview_costs_one_query_for_the_held_comment(article):
    poster = Client()
    link = post_held(poster, article, "Counted.")
    with CaptureQueriesContext(connection) as with_preview:
        page(poster, link)
    caches["pages"].clear()  # both renders start cold
    with CaptureQueriesContext(connection) as without_preview:
        page(Client(), link)
    assert len(with_preview) == len(without_preview) + 1

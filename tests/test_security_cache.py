"""What visitors can make the site store, and what it does with values it did not store.

No public URL writes under a key a visitor names (django-tinymce's views are not routed), a value
of the wrong type under one of our keys is a miss rather than a crash, and the page cache keeps
one copy per page however the URL is spelt.
"""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsroom.copies import copy_key
from newsroom.models import SITE_SCOPE, PageGeneration
from tests.cached_pages import cache_pages, page
from tests.factories import CommentFactory
from tests.html import assert_has_element

pytestmark = pytest.mark.django_db

EDITOR_TOOL_URLS = [
    "/tinymce/compressor/?plugins=x&languages=y&themes=admin-login-failures",
    "/tinymce/filebrowser/",
    "/tinymce/flatpages_link_list/",
    "/tinymce/spellchecker/",
]


@pytest.mark.parametrize("url", EDITOR_TOOL_URLS)
def test_editor_tool_urls_are_not_public_and_write_nothing(client, url, story):
    cache_pages("/")
    # As plain dicts: a read moves its key up the store's eviction order, which is no write.
    before = dict(caches["pages"]._cache), dict(cache._cache)

    assert client.get(url).status_code == 404
    assert client.post(url, {"content": "x"}).status_code in (403, 404)

    assert (dict(caches["pages"]._cache), dict(cache._cache)) == before


def test_a_foreign_value_under_the_catalogue_key_is_a_miss(client, story):
    number = PageGeneration.numbers([SITE_SCOPE]).get(SITE_SCOPE, (0, None))[0]
    cache.set(copy_key("cookie-catalogue", generations=[number], language="en"), "poisoned")
    assert client.get("/").status_code == 200
    assert client.get(story.get_absolute_url()).status_code == 200


def test_a_foreign_value_under_the_sections_key_is_a_miss(client, story):
    number = PageGeneration.numbers([SITE_SCOPE])[SITE_SCOPE][0]
    caches["pages"].set(copy_key("sections", generations=[number]), ["poisoned", story])
    response = client.get("/search/")
    assert response.status_code == 200
    assert_has_element(response.content.decode(), "a", href="/category/local/")


def test_a_foreign_value_under_a_page_key_is_a_miss(client, story):
    url = story.get_absolute_url()
    cache_pages(url)
    pages = caches["pages"]
    for key in list(pages._cache):
        pages.set(key.split(":", 2)[-1], {"not": "a page"})

    assert "Harbour reopens" in page(Client(), url)


def served_from_cache(url, **extra):
    Client(**extra).get(url)
    with CaptureQueriesContext(connection) as queries:
        response = Client(**extra).get(url)
    return response.status_code, len(queries) <= 1


@pytest.mark.parametrize("url", ["/?page=01", "/?page=+1", "/?page=1%20", "/?page=%EF%BC%91"])
def test_a_list_page_spelt_another_way_is_never_stored(url, story):
    status, cached = served_from_cache(url)
    # A story list answers 404 to a page number spelt another way (articles/listing_pages.py),
    # which costs no query either way; a page it answered would have to be drawn afresh.
    assert status == 404 or not cached


def test_a_comment_page_spelt_another_way_is_never_stored(story):
    status, cached = served_from_cache(f"{story.get_absolute_url()}?comments=001")
    assert status == 200 and not cached


@pytest.mark.parametrize("host", ["TESTSERVER", "testserver:8080", "TestServer:80"])
def test_a_host_spelt_another_way_is_never_stored(host, story):
    status, cached = served_from_cache("/", HTTP_HOST=host)
    assert not cached


def test_the_canonical_spelling_is_stored(story):
    assert served_from_cache("/?page=1") == (200, True)
    assert served_from_cache("/") == (200, True)


def test_a_flood_of_distinct_urls_stores_nothing_new(story):
    cache_pages("/", story.get_absolute_url())
    stored = set(caches["pages"]._cache)
    for number in range(300):
        Client().get(f"/?page=0{number}")
        Client().get(f"{story.get_absolute_url()}?comments={number:03d}")
    assert set(caches["pages"]._cache) - stored == set()


@pytest.mark.parametrize(
    "foreign",
    ["poisoned", ("1", 2), (1, -2), (1, 2, 3), (1.0, 2), [1, 2], None],
)
def test_a_foreign_value_under_a_comment_counts_key_is_a_miss(staff_client, story, foreign):
    first = CommentFactory(article=story, text="First words on the harbour.")
    reply = CommentFactory(article=story, parent=first, text="A reply about the ferry.")
    url = story.get_absolute_url()
    assert "A reply about the ferry." in page(staff_client, url)
    pages = caches["pages"]
    count_keys = [key.split(":", 2)[-1] for key in pages._cache if "comment-counts" in key]
    assert count_keys
    for key in count_keys:
        pages.set(key, foreign)

    html = page(staff_client, url)
    assert "First words on the harbour." in html
    assert f'id="comment-{reply.pk}"' in html
    assert "2 comments" in html

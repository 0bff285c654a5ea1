"""A story or section whose slug changed answers its old address with a permanent redirect."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article, OldAddress
from tests.factories import ArticleFactory, CategoryFactory
from tests.html import find_all

pytestmark = pytest.mark.django_db

LANGUAGE_PREFIXES = ["", "/de", "/fr"]


def rename(thing, slug):
    thing.slug = slug
    thing.save()
    return thing


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
def test_a_renamed_story_redirects_permanently_from_its_old_address(client, prefix):
    story = rename(ArticleFactory(slug="harbour-reopens"), "harbour-reopens-after-storm")
    response = client.get(f"{prefix}/story/harbour-reopens/")
    assert response.status_code == 301
    assert response["Location"] == f"{prefix}/story/harbour-reopens-after-storm/"
    assert client.get(response["Location"]).context["article"] == story


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
def test_a_renamed_section_redirects_its_pages_and_feeds(client, prefix):
    rename(CategoryFactory(slug="local"), "local-news")
    response = client.get(f"{prefix}/category/local/?page=2")
    assert response.status_code == 301
    assert response["Location"] == f"{prefix}/category/local-news/?page=2"
    feed = client.get(f"{prefix}/feeds/category/local/atom/")
    assert feed.status_code == 301
    assert feed["Location"] == f"{prefix}/feeds/category/local-news/atom/"


def test_a_story_renamed_twice_redirects_straight_to_its_current_address(client):
    story = rename(rename(ArticleFactory(slug="first"), "second"), "third")
    for old in ("first", "second"):
        response = client.get(f"/story/{old}/")
        assert (response.status_code, response["Location"]) == (301, story.get_absolute_url())


def test_a_reused_slug_serves_the_new_story(client):
    rename(ArticleFactory(slug="budget-vote", headline="Old story"), "budget-vote-2025")
    ArticleFactory(slug="budget-vote", headline="New story")
    response = client.get("/story/budget-vote/")
    assert response.status_code == 200
    assert response.context["article"].headline == "New story"
    # The old record is gone, so the slug stays the new story's even if it moves on.
    assert not OldAddress.objects.filter(slug="budget-vote").exists()


def test_a_slug_left_again_redirects_to_its_last_holder(client):
    rename(ArticleFactory(slug="budget-vote"), "budget-vote-2025")
    newer = rename(ArticleFactory(slug="budget-vote"), "budget-vote-2026")
    response = client.get("/story/budget-vote/")
    assert response["Location"] == newer.get_absolute_url()


def test_an_old_address_of_a_story_the_reader_may_not_see_is_a_404(client, staff_client):
    story = rename(ArticleFactory(slug="leak", draft=True), "secret-new-name")
    assert Client().get("/story/leak/").status_code == 404
    response = staff_client.get("/story/leak/")
    assert (response.status_code, response["Location"]) == (301, story.get_absolute_url())


def test_an_address_that_never_was_is_still_a_404(client):
    assert client.get("/story/never-was/").status_code == 404
    assert client.get("/category/never-was/").status_code == 404


def test_the_redirect_is_not_kept_by_shared_caches_and_browsers_keep_it_briefly(client, settings):
    rename(ArticleFactory(slug="old"), "new")
    response = client.get("/story/old/")
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "public" not in cache_control
    assert f"max-age={settings.PAGE_CACHE_SECONDS}" in cache_control


def test_a_slug_taken_after_its_redirect_was_served_shows_the_new_story(client):
    """Nothing keeps the redirect on the server: the new story answers at once."""
    rename(ArticleFactory(slug="reused"), "moved")
    assert client.get("/story/reused/").status_code == 301
    ArticleFactory(slug="reused", headline="Now mine")
    response = Client().get("/story/reused/")
    assert response.status_code == 200
    assert response.context["article"].headline == "Now mine"


def test_a_normal_story_page_costs_no_query_for_old_addresses():
    story = rename(ArticleFactory(slug="before"), "after")
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(story.get_absolute_url())
    assert response.status_code == 200
    assert not [q for q in queries if "articles_oldaddress" in q["sql"]]
    # Served from the cache the second time: one query, as before.
    with CaptureQueriesContext(connection) as queries:
        Client().get(story.get_absolute_url())
    assert len(queries) == 1


def test_a_story_renamed_as_the_admin_does_it_keeps_its_old_address(client):
    """Loaded afresh (the admin's change form), or loaded without its slug."""
    story = Article.objects.get(pk=ArticleFactory(slug="loaded").pk)
    rename(story, "loaded-and-renamed")
    deferred = Article.objects.only("headline").get(pk=ArticleFactory(slug="deferred").pk)
    rename(deferred, "deferred-and-renamed")
    assert client.get("/story/loaded/")["Location"] == "/story/loaded-and-renamed/"
    assert client.get("/story/deferred/")["Location"] == "/story/deferred-and-renamed/"


def test_a_story_saved_without_changing_its_slug_records_nothing():
    story = ArticleFactory(slug="steady")
    story.headline = "A new headline"
    story.save()
    story.refresh_from_db()
    story.save(update_fields=["headline"])
    assert not OldAddress.objects.exists()


def test_the_new_address_is_linked_from_the_redirected_page(client):
    rename(ArticleFactory(slug="old-name", headline="Renamed story"), "new-name")
    page = client.get("/de/story/old-name/", follow=True)
    assert page.redirect_chain == [("/de/story/new-name/", 301)]
    canonical = find_all(page.content.decode(), "link", rel="canonical")
    assert canonical[0]["href"].endswith("/de/story/new-name/")

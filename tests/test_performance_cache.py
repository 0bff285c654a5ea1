"""The page cache serves readers a stored page, and retires it when a story or section changes."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from tests.cached_pages import cache_pages, page
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


def without_csrf_tokens(html):
    return CSRF_FIELD.sub('name="csrfmiddlewaretoken" value=""', html)


@pytest.fixture
def reader_pages(story):
    """Every cached reader page that lists or shows `story`."""
    return [
        "/",
        "/category/local/",
        story.author_url,
        story.get_absolute_url(),
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/category/local/rss/",
    ]


def test_a_second_reader_is_served_without_rendering_the_page_again(
    client, story, django_assert_max_num_queries
):
    first = page(client, "/")
    with django_assert_max_num_queries(1):
        second = page(Client(), "/")
    assert without_csrf_tokens(second) == without_csrf_tokens(first)
    assert "Harbour reopens" in second


def test_a_scheduled_story_is_not_shown_early_from_the_cache(client, story):
    ArticleFactory(headline="Midnight launch", scheduled=True, category=story.category)
    cache_pages("/")
    assert "Midnight launch" not in page(client, "/")


def test_editing_a_story_refreshes_every_page_showing_it(client, story, reader_pages):
    cache_pages(*reader_pages)
    for url in reader_pages:
        assert "Harbour reopens" in page(client, url)
    story.headline = "Harbour stays shut"
    story.save()
    for url in reader_pages:
        html = page(client, url)
        assert "Harbour stays shut" in html, url
        assert "Harbour reopens" not in html, url


def test_publishing_a_draft_puts_it_on_the_cached_pages(client, story):
    draft = ArticleFactory(headline="Ferry strike ends", category=story.category, draft=True)
    cache_pages("/", "/category/local/", "/feeds/rss/")
    assert "Ferry strike ends" not in page(client, "/")
    assert "Ferry strike ends" not in page(client, "/feeds/rss/")
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert "Ferry strike ends" in page(client, "/")
    assert "Ferry strike ends" in page(client, "/category/local/")
    assert "Ferry strike ends" in page(client, "/feeds/rss/")


def test_publishing_from_the_admin_action_puts_it_on_the_cached_pages(client, story):
    ArticleFactory(headline="Ferry strike ends", category=story.category, draft=True)
    cache_pages("/")
    assert "Ferry strike ends" not in page(client, "/")
    Article.objects.filter(headline="Ferry strike ends").publish()
    assert "Ferry strike ends" in page(client, "/")


def test_unpublishing_takes_a_story_off_the_cached_pages(client, story, reader_pages):
    cache_pages(*reader_pages)
    Article.objects.filter(pk=story.pk).unpublish()
    assert client.get(story.get_absolute_url()).status_code == 404
    for url in ["/", "/category/local/", "/feeds/rss/"]:
        assert "Harbour reopens" not in page(client, url), url


def test_deleting_a_story_takes_it_off_the_cached_pages(client, story):
    cache_pages("/", story.get_absolute_url())
    story.delete()
    assert "Harbour reopens" not in page(client, "/")
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_scheduled_story_appears_on_cached_pages_when_its_time_comes(client, story, monkeypatch):
    ArticleFactory(
        headline="Midnight launch",
        published_at=timezone.now() + timedelta(hours=2),
        category=story.category,
    )
    cache_pages("/", "/feeds/rss/")
    assert "Midnight launch" not in page(client, "/")
    assert "Midnight launch" not in page(client, "/feeds/rss/")
    later = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Midnight launch" in page(client, "/")
    assert "Midnight launch" in page(client, "/feeds/rss/")


def test_renaming_a_section_refreshes_the_navigation(client, story):
    cache_pages("/", story.get_absolute_url())
    assert ">Local news<" not in page(client, story.get_absolute_url())
    story.category.name = "Local news"
    story.category.save()
    assert ">Local news<" in page(client, story.get_absolute_url())
    assert ">Local news<" in page(client, "/")


def test_a_new_byline_refreshes_the_story_page(client, story):
    cache_pages(story.get_absolute_url())
    assert "Mira Okafor" not in page(client, story.get_absolute_url())
    story.author.first_name, story.author.last_name = "Mira", "Okafor"
    story.author.save()
    assert "Mira Okafor" in page(client, story.get_absolute_url())


def test_a_reader_gets_a_fresh_page_when_their_cookies_are_unknown(client, story):
    cache_pages("/")
    # A raw update sends no signal: only a reader outside the cache sees the change at once.
    Article.objects.filter(pk=story.pk).update(headline="Changed behind the cache")
    client.cookies["sessionid"] = "not-a-real-session"
    assert "Changed behind the cache" in page(client, "/")


def test_the_page_cache_can_be_turned_off(settings, story):
    settings.PAGE_CACHE_SECONDS = 0
    page(Client(), "/")
    page(Client(), "/")
    Article.objects.filter(pk=story.pk).update(headline="Changed behind the cache")
    assert "Changed behind the cache" in page(Client(), "/")


def test_deleting_a_story_with_comments_takes_it_off_the_cached_pages(story):
    CommentFactory.create_batch(3, article=story)
    cache_pages("/", story.get_absolute_url())
    story.delete()
    assert "Harbour reopens" not in page(Client(), "/")
    assert Client().get(story.get_absolute_url()).status_code == 404

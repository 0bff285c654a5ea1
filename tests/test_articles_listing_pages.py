"""Pages of the home, section and author lists: older and newer links from a story's id, the
oldest page, and the numbered pages of earlier releases (articles/listing_pages.py)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import listing_pages
from tests.factories import ArticleFactory, CategoryFactory
from tests.html import find

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven_stories(settings):
    settings.ARTICLES_PER_PAGE = 3
    section = CategoryFactory(slug="harbour")
    now = timezone.now()
    stories = [
        ArticleFactory(
            headline=f"Story {n}", category=section, published_at=now - timedelta(hours=n)
        )
        for n in range(7)
    ]
    ArticleFactory(headline="Draft", category=section, draft=True)
    return stories


def headlines(response):
    assert response.status_code == 200
    return [story.headline for story in response.context["articles"]]


@pytest.mark.parametrize("path", ["/", "/category/harbour/"])
def test_every_page_lists_its_stories_newest_first(client, seven_stories, path):
    assert headlines(client.get(path)) == ["Story 0", "Story 1", "Story 2"]
    assert headlines(client.get(path, {"page": 2})) == ["Story 3", "Story 4", "Story 5"]
    assert headlines(client.get(path, {"page": 3})) == ["Story 6"]


def test_an_author_page_pages_the_same_way(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    first = ArticleFactory(headline="First", published_at=timezone.now() - timedelta(days=2))
    ArticleFactory(headline="Second", author=first.author, published_at=timezone.now())
    ArticleFactory(
        headline="Third", author=first.author, published_at=timezone.now() - timedelta(days=1)
    )
    assert headlines(client.get(first.author_url, {"page": 2})) == ["First"]


def test_a_deep_page_skips_earlier_stories_by_id_alone(client, seven_stories):
    with CaptureQueriesContext(connection) as queries:
        client.get("/", {"page": 3})
    listing = [q["sql"] for q in queries.captured_queries if "OFFSET 6" in q["sql"]]
    assert len(listing) == 1
    # The skipping happens in a subquery that selects ids only.
    inner = listing[0].split("IN (SELECT", 1)[1]
    assert inner.split("FROM", 1)[0].strip() == 'U0."id" AS "pk"'


@pytest.mark.parametrize("path", ["/", "/category/harbour/"])
def test_numbered_pages_answer_only_down_to_the_deepest_and_links_go_further(
    client, seven_stories, monkeypatch, path
):
    monkeypatch.setattr(listing_pages, "DEEPEST_NUMBERED_PAGE", 2)
    second = client.get(path, {"page": 2})
    assert headlines(second) == ["Story 3", "Story 4", "Story 5"]
    # Page 3 exists (Story 6), but not by its number: reading its ids means skipping entries.
    assert client.get(path, {"page": 3}).status_code == 404
    assert headlines(follow(client, second, "next")) == ["Story 6"]


def follow(client, response, rel):
    link = find(response.content.decode(), "a", rel=rel)
    return None if link is None else client.get(response.request["PATH_INFO"] + link["href"])


@pytest.mark.parametrize("path", ["/", "/category/harbour/"])
def test_older_and_newer_links_walk_the_whole_list_and_back(client, seven_stories, path):
    first = client.get(path)
    second = follow(client, first, "next")
    third = follow(client, second, "next")
    assert headlines(second) == ["Story 3", "Story 4", "Story 5"]
    assert headlines(third) == ["Story 6"]
    assert find(third.content.decode(), "a", rel="next") is None
    assert headlines(follow(client, third, "prev")) == ["Story 3", "Story 4", "Story 5"]
    # Newer than the second page's first story is the first page.
    assert headlines(follow(client, second, "prev")) == ["Story 0", "Story 1", "Story 2"]
    assert find(first.content.decode(), "a", rel="prev") is None


def test_the_oldest_page_is_one_link_away(client, seven_stories):
    first = client.get("/")
    oldest = find(first.content.decode(), "a", text="Oldest stories")
    response = client.get("/" + oldest["href"])
    assert headlines(response) == ["Story 4", "Story 5", "Story 6"]
    assert find(response.content.decode(), "a", rel="next") is None
    assert headlines(follow(client, response, "prev")) == ["Story 1", "Story 2", "Story 3"]


def test_stories_published_at_the_same_moment_are_each_listed_once(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    moment = timezone.now() - timedelta(hours=1)
    stories = ArticleFactory.create_batch(5, published_at=moment)
    seen, response = [], client.get("/")
    while response is not None:
        seen += headlines(response)
        response = follow(client, response, "next")
    assert sorted(seen) == sorted(story.headline for story in stories)
    assert len(seen) == 5


@pytest.mark.parametrize(
    "query",
    ["?before=999999", "?after=999999", "?before=01", "?before=-1", "?before=1&after=1",
     "?before=1&page=2", "?before=", "?after=x", "?page=9"],
)  # fmt: skip
def test_a_page_that_is_not_there_is_not_found(client, seven_stories, query):
    assert client.get("/" + query).status_code == 404


def test_a_page_after_the_last_story_is_not_found(client, seven_stories):
    assert client.get("/", {"before": seven_stories[-1].pk}).status_code == 404


def test_a_deep_page_costs_what_the_second_costs_and_nothing_counts_the_list(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    now = timezone.now()
    stories = [ArticleFactory(published_at=now - timedelta(hours=n)) for n in range(12)]
    queries_for = {}
    for name, story in [("second", stories[1]), ("deep", stories[9])]:
        client.get("/", {"before": story.pk})  # settle what the layout keeps
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/", {"before": story.pk}).status_code == 200
        queries_for[name] = [query["sql"] for query in queries.captured_queries]
    assert len(queries_for["deep"]) == len(queries_for["second"])
    for sql in queries_for["deep"] + queries_for["second"]:
        assert "COUNT(" not in sql.upper() and "OFFSET" not in sql.upper()

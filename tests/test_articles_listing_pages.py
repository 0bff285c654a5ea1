"""Deep pages of the home, section and author lists show the right stories, chosen by id in
the listing index first (articles/listing_pages.py)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import ArticleFactory, CategoryFactory

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

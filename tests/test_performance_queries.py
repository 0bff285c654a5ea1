"""Query budgets: each reader page runs a fixed, small number of queries whatever the data size."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsroom.pagecache import retire_story_pages
from tests import query_budgets
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    UserFactory,
    create_articles_in_bulk,
    create_comments_in_bulk,
)
from tests.html import find_all

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[10, 1000], ids=["10 stories", "1,000 stories"])
def sections(request):
    """`request.param` published stories spread over two sections by two authors."""
    sections = CategoryFactory.create_batch(2)
    authors = UserFactory.create_batch(2)
    half = request.param // 2
    for section, author in zip(sections, authors, strict=True):
        create_articles_in_bulk(half, category=section, author=author)
    return sections


def test_home_page_stays_within_its_query_budget(client, sections, django_assert_max_num_queries):
    with django_assert_max_num_queries(query_budgets.LISTING):
        response = client.get("/")
    assert response.status_code == 200
    assert len(response.context["articles"]) > 0


def test_an_older_home_page_stays_within_its_query_budget(
    client, settings, sections, django_assert_max_num_queries
):
    settings.ARTICLES_PER_PAGE = 4
    with django_assert_max_num_queries(query_budgets.LISTING):
        response = client.get("/?page=2")
    assert response.status_code == 200


def test_category_page_stays_within_its_query_budget(
    client, sections, django_assert_max_num_queries
):
    with django_assert_max_num_queries(query_budgets.LISTING):
        response = client.get(sections[0].get_absolute_url())
    assert response.status_code == 200
    assert {article.category for article in response.context["articles"]} == {sections[0]}


@pytest.mark.parametrize("feed", ["/feeds/rss/", "/feeds/atom/"])
def test_site_feeds_stay_within_their_query_budget(
    client, sections, feed, django_assert_max_num_queries
):
    with django_assert_max_num_queries(query_budgets.FEED):
        response = client.get(feed)
    assert response.status_code == 200
    assert b"Headline number" in response.content


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_category_feeds_stay_within_their_query_budget(
    client, sections, kind, django_assert_max_num_queries
):
    with django_assert_max_num_queries(query_budgets.FEED):
        response = client.get(f"/feeds/category/{sections[0].slug}/{kind}/")
    assert response.status_code == 200
    assert b"Headline number" in response.content


# The story page: the same handful of queries at 5 comments and at 500.


def story_page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_story_page_runs_the_same_few_queries_at_5_and_500_comments(client):
    story = ArticleFactory()
    create_comments_in_bulk(story, 5)
    few, html = story_page_queries(client, story.get_absolute_url())
    assert "5 comments" in html
    create_comments_in_bulk(story, 495)
    retire_story_pages(story.slug)  # bulk inserts send no signals
    caches["pages"].clear()  # both renders start cold
    many, html = story_page_queries(client, story.get_absolute_url())
    assert "500 comments" in html
    assert many == few <= query_budgets.STORY


def test_a_later_page_of_comments_stays_within_the_story_budget(client):
    story = ArticleFactory()
    create_comments_in_bulk(story, 500)
    queries, html = story_page_queries(client, f"{story.get_absolute_url()}?comments=2")
    assert "Comment number" in html
    assert queries <= query_budgets.STORY


def test_a_cached_story_page_costs_one_query(client):
    story = ArticleFactory()
    create_comments_in_bulk(story, 500)
    story_page_queries(client, story.get_absolute_url())
    queries, html = story_page_queries(Client(), story.get_absolute_url())
    assert "500 comments" in html
    assert queries == 1


@pytest.mark.parametrize("related", [3, 100])
def test_related_stories_cost_one_query_however_many_stories_match(client, related):
    story = ArticleFactory(headline="Lighthouse keeper retires")
    ArticleFactory.create_batch(related, headline="Lighthouse news", category=story.category)
    queries, html = story_page_queries(client, story.get_absolute_url())
    assert len(find_all(html, class_="related-headline")) == min(related, 4)
    assert queries <= query_budgets.STORY


def selected_columns(sql):
    """The columns a SELECT returns as they are (a snippet the database makes from the body
    returns the snippet, not the body)."""
    select = sql.split(" FROM ", 1)[0].removeprefix("SELECT ")
    return {item for item in select.split(", ") if re.fullmatch(r'"\w+"\."\w+"', item)}


@pytest.mark.parametrize(
    "path",
    ["/", "/category/{section}/", "/feeds/rss/", "/author/{author}/", "/search/?q=lighthouse"],
)
def test_lists_read_no_story_body_or_search_vector(client, path):
    story = ArticleFactory(
        headline="The lighthouse reopens", body="<p>" + "A long body. " * 200 + "</p>"
    )
    address = path.format(section=story.category.slug, author=story.author.byline.slug)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    assert story.headline in response.content.decode()
    listing = [
        q["sql"] for q in queries.captured_queries if '"articles_article"."headline"' in q["sql"]
    ]
    assert listing
    for sql in listing:
        assert '"articles_article"."body"' not in selected_columns(sql)
        assert '"articles_article"."search_vector"' not in selected_columns(sql)


def test_a_story_page_reads_its_body_but_not_its_search_vector(client):
    story = ArticleFactory(body="<p>Only on the story page.</p>")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(story.get_absolute_url())
    assert "Only on the story page." in response.content.decode()
    own = [q["sql"] for q in queries.captured_queries if '"articles_article"."body"' in q["sql"]]
    assert len(own) == 1
    assert '"articles_article"."body"' in selected_columns(own[0])
    assert '"articles_article"."search_vector"' not in selected_columns(own[0])

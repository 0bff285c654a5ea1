"""A search ranks only the newest matches and counts no further (articles/search.py, RANKED):
a common word costs the same in 1,000 stories as in 100,000."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import search as search_index
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_ranked(monkeypatch):
    monkeypatch.setattr(search_index, "RANKED", 3)


@pytest.fixture
def three_related(monkeypatch):
    monkeypatch.setattr(search_index, "RELATED_RANKED", 3)


def story(headline, days_old):
    return ArticleFactory(headline=headline, published_at=timezone.now() - timedelta(days=days_old))


def test_only_the_newest_matches_are_ranked_and_the_count_says_more_than(client, three_ranked):
    # The oldest says "lighthouse" three times, so it would rank first among all five.
    story("Lighthouse lighthouse lighthouse keeper", days_old=30)
    for days in range(1, 5):
        story(f"Lighthouse news of day {days}", days_old=days)
    response = client.get("/search/", {"q": "lighthouse"})
    headlines = [article.headline for article in response.context["articles"]]
    assert sorted(headlines) == sorted(f"Lighthouse news of day {days}" for days in (1, 2, 3))
    assert "More than 3 stories match. The newest 3 are shown" in response.content.decode()


def test_fewer_matches_than_ranked_are_all_found_and_counted_exactly(client, three_ranked):
    story("Lighthouse keeper retires", days_old=30)
    story("Lighthouse repainted", days_old=1)
    response = client.get("/search/", {"q": "lighthouse"})
    assert len(response.context["articles"]) == 2
    body = response.content.decode()
    assert "2 stories match" in body and "More than" not in body


def test_related_stories_come_from_the_newest_matches(client, three_related):
    shown = story("Harbour crane arrives", days_old=0)
    old = story("Harbour crane harbour crane", days_old=60)
    for days in range(1, 4):
        story(f"Harbour crane tested day {days}", days_old=days)
    page = client.get(shown.get_absolute_url()).content.decode()
    assert "Harbour crane tested day 1" in page
    assert old.headline not in page


def test_fts5_finds_the_matches_once_not_once_per_ranked_story(client, three_ranked):
    # SQLite hands a `rowid IN (...)` beside MATCH to FTS5, which then runs the whole MATCH
    # again for every id in the list: 400 ms for a common word in 100,000 stories. Only the
    # shown stories' own rank and snippet may look a story up in the index by its id.
    for days in range(5):
        story(f"Lighthouse news of day {days}", days_old=days)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "lighthouse"})
    assert len(response.context["articles"]) == 3
    if connection.vendor != "sqlite":
        return
    (page,) = [q["sql"] for q in queries.captured_queries if "snippet(" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {page}")
        plan = [row[-1] for row in cursor.fetchall()]
    by_id = [step for step in plan if "VIRTUAL TABLE INDEX" in step and ":=" in step]
    assert len(by_id) == 2, plan  # the rank and the snippet of each shown story

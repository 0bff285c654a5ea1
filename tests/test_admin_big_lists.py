"""Change lists of tables that grow with every reader count no further than a cap, say so, and
never count the whole table (newsroom/admin_lists.py)."""

import re
from datetime import datetime, timedelta

import pytest
from django.contrib import admin
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, OutgoingMail
from consent.models import ConsentRecord
from newsroom.admin_lists import CappedCountPaginator
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CommentFactory,
    ConsentRecordFactory,
    UserFactory,
    create_articles_in_bulk,
)

pytestmark = pytest.mark.django_db

LISTS = {
    "comments": "/admin/comments/comment/",
    "consent records": "/admin/consent/consentrecord/",
    "stories": "/admin/articles/article/",
    "mail": "/admin/comments/outgoingmail/",
}


@pytest.fixture
def cap_of_three(monkeypatch):
    # Pages shorter than the cap, as in production (1,000 rows, pages of 50 or 100).
    monkeypatch.setattr(CappedCountPaginator, "cap", 3)
    for model in (Article, Comment, ConsentRecord, OutgoingMail):
        monkeypatch.setattr(admin.site.get_model_admin(model), "list_per_page", 2)


def fill(count):
    story = ArticleFactory()
    CommentFactory.create_batch(count, article=story)
    ArticleFactory.create_batch(count - 1)
    ConsentRecordFactory.create_batch(count)
    for number in range(count):
        OutgoingMail.objects.create(to=f"r{number}@example.org", subject="Hi", body="Hello")


@pytest.mark.parametrize("name", LISTS)
def test_a_long_list_says_more_than_the_cap_and_never_counts_the_whole_table(
    staff_client, cap_of_three, name, django_assert_max_num_queries
):
    fill(5)
    staff_client.get(LISTS[name])  # the first visit warms what the admin keeps per session
    with django_assert_max_num_queries(40) as queries:
        response = staff_client.get(LISTS[name])
    assert response.status_code == 200
    assert "More than 3" in response.content.decode()
    sqls = [query["sql"] for query in queries.captured_queries]
    # The ids of the first cap + 1 rows are read once, for the count and the page alike.
    assert any(sql.endswith("LIMIT 4") for sql in sqls), "\n".join(sqls)
    whole = [sql for sql in sqls if sql.startswith("SELECT COUNT(*)") and "LIMIT" not in sql]
    assert not whole, "\n".join(whole)


@pytest.mark.parametrize("name", LISTS)
def test_a_short_list_still_shows_its_exact_count(staff_client, cap_of_three, name):
    fill(2)
    body = staff_client.get(LISTS[name]).content.decode()
    assert "More than" not in body
    assert "2 " in body


def test_the_comment_list_still_filters_by_story_from_the_story_list(staff_client):
    story, other = ArticleFactory.create_batch(2)
    CommentFactory(article=story, text="On the harbour story")
    CommentFactory(article=other, text="On the other story")
    body = staff_client.get(LISTS["comments"], {"article__id__exact": story.pk}).content.decode()
    assert "On the harbour story" in body and "On the other story" not in body


def test_the_consent_summary_reads_only_the_latest_decisions(staff_client, monkeypatch):
    monkeypatch.setattr("consent.admin.SUMMARY_SAMPLE", 2)
    ConsentRecordFactory.create_batch(2)  # refused everything, earlier
    for _ in range(2):
        ConsentRecordFactory(choices={"necessary": True, "functional": True})
    body = staff_client.get(LISTS["consent records"]).content.decode()
    assert "2 visitors made a choice" in body
    assert "Counted over the latest 2 decisions." in body
    assert "100%" in body


def test_the_consent_log_finds_a_visitor_by_exact_id_and_nothing_for_other_text(staff_client):
    mine, other = ConsentRecordFactory(), ConsentRecordFactory()
    url = LISTS["consent records"]
    body = staff_client.get(url, {"q": str(mine.visitor_id).upper()}).content.decode()
    assert str(mine.visitor_id) in body and str(other.visitor_id) not in body
    body = staff_client.get(url, {"q": "not-an-id"}).content.decode()
    assert str(mine.visitor_id) not in body and str(other.visitor_id) not in body


def test_comment_search_finds_an_address_exactly_and_words_among_the_newest(
    staff_client, monkeypatch
):
    monkeypatch.setattr("comments.admin.SEARCHED", 2)
    old = CommentFactory(text="Lighthouse memories", email="keeper@example.org")
    CommentFactory.create_batch(2, text="Something newer")
    url = LISTS["comments"]
    assert (
        "Lighthouse memories" in staff_client.get(url, {"q": "keeper@example.org"}).content.decode()
    )
    assert "Lighthouse memories" not in staff_client.get(url, {"q": "lighthouse"}).content.decode()
    # An aware time, as the admin's own date filter writes it.
    since = (old.created_at - timedelta(days=1)).isoformat()
    body = staff_client.get(url, {"q": "lighthouse", "created_at__gte": since}).content.decode()
    assert "Lighthouse memories" in body


def test_story_search_finds_drafts_by_any_word_through_the_search_index(staff_client):
    draft = ArticleFactory(headline="Ferry timetable", draft=True, body="<p>The lighthouse.</p>")
    ArticleFactory(headline="Council budget")
    with CaptureQueriesContext(connection) as queries:
        body = staff_client.get(LISTS["stories"], {"q": "lighthouses"}).content.decode()
    assert draft.headline in body and "Council budget" not in body
    assert not any("LIKE" in query["sql"] for query in queries.captured_queries)
    # Nothing a reader could type is an error: symbols alone search for nothing.
    assert staff_client.get(LISTS["stories"], {"q": '"-*'}).status_code == 200


def test_a_search_reads_its_matching_rows_once(staff_client):
    # Counting and then listing searched the rows twice; the ids the count read are the rows.
    CommentFactory(text="A remark about the harbour")
    CommentFactory(text="An unrelated musing")
    with CaptureQueriesContext(connection) as queries:
        body = staff_client.get(LISTS["comments"], {"q": "harbour"}).content.decode()
    assert "A remark about the harbour" in body
    assert "An unrelated musing" not in body
    searches = [q["sql"] for q in queries.captured_queries if "%harbour%" in q["sql"]]
    assert len(searches) == 2, "\n".join(searches)
    ids_read, rows_shown = searches
    assert ids_read.startswith('SELECT "comments_comment"."id" AS "pk"')
    assert '"comments_comment"."id" IN (' in rows_shown


def test_the_story_date_bar_names_the_years_with_stories_without_reading_them_all(
    staff_client,
):
    zone = timezone.get_current_timezone()
    for year in (2019, 2021, 2024):
        ArticleFactory(published_at=datetime(year, 6, 1, tzinfo=zone))
    # Just after midnight of New Year in the site's time zone: a story of 2022 there.
    ArticleFactory(published_at=datetime(2022, 1, 1, 0, 30, tzinfo=zone))
    ArticleFactory(draft=True, published_at=datetime(2017, 3, 1, tzinfo=zone))
    with CaptureQueriesContext(connection) as queries:
        body = staff_client.get(LISTS["stories"]).content.decode()
    years = [int(y) for y in re.findall(r"\?published_at__year=(\d{4})", body)]
    assert years == [2017, 2019, 2021, 2022, 2024]
    assert not [q for q in queries.captured_queries if "DISTINCT" in q["sql"]]
    drafts = staff_client.get(LISTS["stories"], {"status__exact": "draft"}).content.decode()
    assert set(re.findall(r"published_at__year=(\d{4})", drafts)) == {"2017"}


def test_the_years_probed_are_the_years_django_would_list():
    zone = timezone.get_current_timezone()
    for year in (2003, 2004, 2011):
        ArticleFactory(published_at=datetime(year, 12, 31, 23, 30, tzinfo=zone))
    ours = Article.objects.datetimes("published_at", "year")
    django_s = QuerySet.datetimes(Article.objects.all(), "published_at", "year")
    assert list(ours) == list(django_s)


def test_a_filtered_date_bar_asks_once_per_year_with_stories():
    zone = timezone.get_current_timezone()
    for year in (2001, 2001, 2009, 2015):
        ArticleFactory(headline="Harbour dues", published_at=datetime(year, 6, 1, tzinfo=zone))
    ArticleFactory(headline="Budget", published_at=datetime(2005, 6, 1, tzinfo=zone))
    harbour = Article.objects.filter(headline__startswith="Harbour")
    with CaptureQueriesContext(connection) as queries:
        ours = list(harbour.datetimes("published_at", "year"))
    assert ours == list(QuerySet.datetimes(harbour, "published_at", "year"))
    assert [year.year for year in ours] == [2001, 2009, 2015]
    assert len(queries) == 4  # one per year found, and one finding no later story


def test_an_archive_of_more_years_than_probed_is_read_as_django_reads_it(monkeypatch):
    monkeypatch.setattr("articles.models.MOST_YEARS_PROBED", 2)
    zone = timezone.get_current_timezone()
    for year in (2001, 2002, 2003):
        ArticleFactory(published_at=datetime(year, 6, 1, tzinfo=zone))
    with CaptureQueriesContext(connection) as queries:
        years = list(Article.objects.datetimes("published_at", "year"))
    assert [year.year for year in years] == [2001, 2002, 2003]
    assert "DISTINCT" in queries.captured_queries[-1]["sql"]


def test_the_story_list_shows_fifty_stories_a_page(staff_client):
    create_articles_in_bulk(51, category=CategoryFactory(), author=UserFactory())
    response = staff_client.get(LISTS["stories"])
    assert len(response.context["cl"].result_list) == 50
    assert "?p=2" in response.content.decode()

"""Search: readers find published stories from any page, best match first, on either database."""

import io
import logging
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import search as search_index
from articles.models import Article
from articles.search_syntax import MAX_QUERY_LENGTH
from tests.cached_pages import cache_pages
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    UserFactory,
    create_articles_in_bulk,
)
from tests.html import assert_has_element, assert_in_html, find_all, one
from tests.sitemap_files import sitemap_locations

pytestmark = pytest.mark.django_db


def found(response):
    """Headlines of the results on a search page, in order."""
    assert response.status_code == 200
    return [article.headline for article in response.context["articles"]]


def search(client, q="", **params):
    return client.get("/search/", {"q": q, **params})


def days_ago(days):
    return timezone.now() - timedelta(days=days)


# The box and the page


def test_every_page_has_a_labelled_search_box_that_works_without_javascript(client):
    story = ArticleFactory()
    for url in ("/", story.get_absolute_url(), story.category.get_absolute_url(), "/search/"):
        html = client.get(url).content.decode()
        box = one(html, "form", class_="site-search")
        attrs = {"class": "site-search", "role": "search", "action": "/search/", "method": "get"}
        assert box.attrs == attrs
        label = '<label class="visually-hidden" for="site-search-query">Search stories</label>'
        assert_in_html(label, html)
        assert_has_element(box, "input", id="site-search-query", type="search", name="q")


def test_search_page_is_noindex_and_disallowed_for_crawlers(client):
    response = search(client, "harbour")
    assert_in_html('<meta name="robots" content="noindex">', response.content.decode())
    assert "Disallow: /search/" in client.get("/robots.txt").content.decode()


def test_search_pages_are_never_kept_by_a_shared_cache(client):
    # Each query would be a copy of its own in nginx or a CDN: visitors could fill it at will.
    ArticleFactory(headline="Harbour reopens")
    for response in (client.get("/search/"), search(client, "harbour")):
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]


def test_search_pages_are_left_out_of_the_sitemaps(client):
    ArticleFactory(headline="Harbour reopens")
    assert not any("/search/" in address for address in sitemap_locations(client))
    assert "/search/" not in client.get("/sitemap-news.xml").content.decode()


def test_a_result_shows_headline_section_date_and_snippet(client):
    story = ArticleFactory(
        headline="Ferry timetable changes",
        category=CategoryFactory(name="Transport", slug="transport"),
        body="<p>The winter timetable starts on Monday for every ferry crossing.</p>",
    )
    response = search(client, "ferry")
    html = response.content.decode()
    assert found(response) == ["Ferry timetable changes"]
    assert_in_html(f'<a href="{story.get_absolute_url()}">Ferry timetable changes</a>', html)
    assert_in_html('<a href="/category/transport/" lang="en">Transport</a>', html)
    assert_has_element(html, datetime=timezone.localtime(story.published_at).isoformat())
    marks = find_all(html, "mark", text="ferry")
    assert any("every ferry crossing" in mark.parent.text for mark in marks)
    assert "1 story matches" in html


# Ranking


def test_a_headline_match_beats_a_standfirst_match_which_beats_a_body_match(client):
    ArticleFactory(headline="Council news", body="<p>The lighthouse was repainted.</p>")
    ArticleFactory(headline="Lighthouse repainted")
    ArticleFactory(headline="Coast news", standfirst="The lighthouse gets a new coat.")
    assert found(search(client, "lighthouse")) == [
        "Lighthouse repainted",
        "Coast news",
        "Council news",
    ]


def test_recency_breaks_ties_between_equal_matches(client):
    for days, headline in [(3, "Oldest"), (1, "Newest"), (2, "Middle")]:
        ArticleFactory(
            headline=headline,
            standfirst="Tide tables for the week.",
            body="<p>Tide tables.</p>",
            published_at=days_ago(days),
        )
    assert found(search(client, "tide")) == ["Newest", "Middle", "Oldest"]


def test_words_are_stemmed_and_case_does_not_matter(client):
    ArticleFactory(headline="Harbour bridges reopened")
    assert found(search(client, "HARBOUR bridge")) == ["Harbour bridges reopened"]


# Snippets and markup


def test_snippets_escape_the_story_and_mark_only_the_matches(client):
    ArticleFactory(
        headline="Budget",
        body=(
            '<p>The <strong>lighthouse</strong> budget: <a href="https://example.org/x">see'
            "</a> &lt;script&gt;alert(1)&lt;/script&gt; &amp; more.</p><p>Second paragraph.</p>"
        ),
    )
    response = search(client, "lighthouse")
    snippet = str(response.context["articles"][0].snippet)
    assert_in_html("<mark>lighthouse</mark>", snippet)
    assert "<strong>" not in snippet and "<a " not in snippet and "<p>" not in snippet
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more." in snippet
    assert "more. Second" in snippet  # paragraphs do not run into each other
    assert "<script>" not in response.content.decode()


def test_markup_in_a_body_is_not_searchable(client):
    ArticleFactory(body='<p><a href="https://example.org/hidden" title="secret">Link</a></p>')
    for word in ("href", "example", "hidden", "strong", "secret"):
        assert found(search(client, word)) == []


# Syntax


def test_quotes_search_for_a_phrase(client):
    ArticleFactory(headline="Green energy plan", body="<p>A plan for green energy.</p>")
    ArticleFactory(headline="Energy is green", body="<p>Energy prices are not green.</p>")
    assert found(search(client, '"green energy"')) == ["Green energy plan"]


def test_a_minus_leaves_out_stories_with_the_word(client):
    ArticleFactory(headline="Football final tonight")
    ArticleFactory(headline="Rugby final tonight")
    assert found(search(client, "final -football")) == ["Rugby final tonight"]
    assert found(search(client, 'final -"football final"')) == ["Rugby final tonight"]


def test_a_search_can_only_include_words_not_only_exclude_them(client):
    ArticleFactory(headline="Rugby final tonight")
    response = search(client, "-football")
    assert found(response) == []
    assert "Type a word to look for" in response.content.decode()


# Only published stories


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_drafts_and_scheduled_stories_are_never_found(staff_client, trait):
    ArticleFactory(headline="Embargoed lighthouse story", **{trait: True})
    assert found(search(Client(), "lighthouse")) == []
    assert found(search(staff_client, "lighthouse")) == []


def test_a_story_is_found_once_published_and_not_after_unpublishing(client):
    story = ArticleFactory(headline="Lighthouse sale", draft=True)
    assert found(search(client, "lighthouse")) == []
    Article.objects.filter(pk=story.pk).publish()  # a bulk update, no save()
    assert found(search(client, "lighthouse")) == ["Lighthouse sale"]
    Article.objects.filter(pk=story.pk).unpublish()
    assert found(search(client, "lighthouse")) == []


def test_a_scheduled_story_is_found_once_its_time_comes(client, monkeypatch):
    in_two_hours = timezone.now() + timedelta(hours=2)
    ArticleFactory(headline="Lighthouse reopening", published_at=in_two_hours)
    assert found(search(client, "lighthouse")) == []
    later = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    # The answer kept before the story's time is not given after it.
    assert found(search(client, "lighthouse")) == ["Lighthouse reopening"]
    assert found(search(client, "lighthouse")) == ["Lighthouse reopening"]


def test_staff_are_told_drafts_are_not_searched(staff_client):
    note = "Drafts and scheduled stories are not searched"
    assert note in search(staff_client, "anything").content.decode()
    assert note not in search(Client(), "anything").content.decode()


# The index stays in step with the stories


def test_an_edit_is_searchable_at_once_and_a_deleted_story_is_gone(client):
    story = ArticleFactory(headline="Lighthouse repainted")
    story.headline = "Windmill repainted"
    story.save()
    assert found(search(client, "lighthouse")) == []
    assert found(search(client, "windmill")) == ["Windmill repainted"]
    Article.objects.filter(pk=story.pk).delete()
    ArticleFactory(headline="Another story")  # may reuse the deleted story's id on SQLite
    assert found(search(client, "windmill")) == []


def test_rebuild_search_index_indexes_stories_written_behind_saves_back(client):
    create_articles_in_bulk(
        3,
        headline="Bulk imported lighthouse story",
        category=CategoryFactory(),
        author=UserFactory(),
    )
    assert found(search(client, "lighthouse")) == []
    output = io.StringIO()
    call_command("rebuild_search_index", stdout=output)
    assert "3 stories indexed" in output.getvalue()
    assert len(found(search(client, "lighthouse"))) == 3


def test_the_index_is_rebuilt_in_short_transactions_of_a_few_stories(
    client, django_assert_max_num_queries
):
    create_articles_in_bulk(
        5, headline="Bulk imported beacon story", category=CategoryFactory(), author=UserFactory()
    )
    with django_assert_max_num_queries(40) as queries:
        indexed = search_index.rebuild_index(Article.objects.all(), chunk_size=2)
    assert indexed == 5
    # One transaction (here a savepoint in the test's) per chunk of two, and the empty last.
    savepoints = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SAVEPOINT")]
    assert len(savepoints) == 4
    assert len(found(search(client, "beacon"))) == 5


@pytest.mark.django_db(transaction=True)
def test_a_rebuilt_index_is_left_ready_for_searches(client):
    ArticleFactory(headline="Lighthouse reopens")
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert found(search(client, "lighthouse")) == ["Lighthouse reopens"]
    if connection.vendor == "postgresql":
        # Vacuumed: the dead rows of the rewrite gone, the index's pending entries merged.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'articles_article'"
            )
            assert cursor.fetchone()[0] is not None


# Filters and pages


def test_filter_by_section(client):
    sport = CategoryFactory(name="Sport", slug="sport")
    ArticleFactory(headline="Harbour regatta", category=sport)
    ArticleFactory(headline="Harbour dredging")
    assert found(search(client, "harbour", section="sport")) == ["Harbour regatta"]
    html = search(client, "harbour", section="sport").content.decode()
    assert_in_html('<option value="sport" selected>Sport</option>', html)


def test_filter_by_date_range_counts_whole_days(client):
    ArticleFactory(headline="Harbour plan old", published_at=days_ago(10))
    ArticleFactory(headline="Harbour plan recent", published_at=days_ago(3))
    ArticleFactory(headline="Harbour plan today", published_at=timezone.now())
    today = timezone.localdate()
    window = {"from": str(today - timedelta(days=4)), "to": str(today - timedelta(days=1))}
    assert found(search(client, "harbour", **window)) == ["Harbour plan recent"]
    assert found(search(client, "harbour", **{"from": str(today)})) == ["Harbour plan today"]
    assert found(search(client, "harbour", to=str(today))) == [
        "Harbour plan today",
        "Harbour plan recent",
        "Harbour plan old",
    ]


def test_results_are_paginated_and_page_links_keep_the_query_and_filters(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    section = CategoryFactory(slug="local")
    for days in range(5):
        ArticleFactory(
            headline=f"Harbour story {days}", category=section, published_at=days_ago(days)
        )
    first = search(client, "harbour", section="local")
    assert len(found(first)) == 2
    html = first.content.decode()
    assert_has_element(html, "a", href="?q=harbour&section=local&page=2")
    assert "Page 1 of 3" in html
    last = search(client, "harbour", section="local", page=3)
    assert found(last) == ["Harbour story 4"]
    assert_has_element(last.content.decode(), "a", href="?q=harbour&section=local&page=2")


def test_no_match_says_so_and_keeps_the_query_in_the_box(client):
    ArticleFactory(headline="Harbour news")
    html = search(client, "zeppelin sightings").content.decode()
    quoted = one(html, "q", text="zeppelin sightings")
    assert "No stories match zeppelin sightings." in quoted.parent.text
    assert_has_element(html, "input", name="q", value="zeppelin sightings")


# Bad input: a results page or a clear message, never a server or database error

ODD_QUERIES = [
    "",
    "   ",
    '"',
    '""',
    '"unbalanced quote',
    "unbalanced quote\"'",
    "- -- ---",
    "AND OR NOT",
    "harbour AND OR NOT",
    "NEAR(harbour news, 2)",
    "harbour*",
    "^harbour",
    "headline:harbour",
    "harbour:*",
    "{headline}: harbour",
    "' OR 1=1; DROP TABLE articles_article; --",
    "%' --",
    "\\",
    "harbour\x00news",
    "\x00",
    "🦀🦀 🇬🇧",
    "harbour 🦀",
    "שלום עולם",
    "مرحبا بالعالم",
    "‮harbour‬",
    "!(&|<->)",
    "a" * 5000,
]


@pytest.fixture
def database_errors(caplog):
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    yield lambda: [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize("q", ODD_QUERIES)
def test_odd_queries_get_a_page_not_an_error(client, q, database_errors):
    ArticleFactory(headline="Harbour news", body="<p>Harbour news in brief.</p>")
    response = search(client, q)
    assert response.status_code == 200
    # Asked again, the kept answer and the drawn form give the same page.
    again = search(client, q)
    assert again.content == response.content
    assert not database_errors()


def test_a_long_query_is_cut_with_a_note(client):
    ArticleFactory(headline="Harbour news")
    response = search(client, "harbour " + "x" * 1000)
    html = response.content.decode()
    assert "Your search was too long" in html
    assert response.context["query"].text == ("harbour " + "x" * 1000)[:MAX_QUERY_LENGTH]


def test_control_characters_are_dropped_from_the_box(client):
    ArticleFactory(headline="Harbour news")
    response = search(client, "harbour\x00news")
    assert found(response) == ["Harbour news"]
    assert "\x00" not in response.content.decode()


@pytest.mark.parametrize("page", ["nonsense", "-1", "0", "2.5", "99999999999999999999", ""])
def test_an_odd_page_number_shows_a_page_of_results(client, page):
    ArticleFactory(headline="Harbour news")
    assert found(search(client, "harbour", page=page)) == ["Harbour news"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "yesterday"}, "Enter a valid date."),
        ({"to": "2024-02-30"}, "Enter a valid date."),
        ({"from": "0001-01-01"}, "Choose a date between 1900 and 2999."),
        ({"to": "9999-12-31"}, "Choose a date between 1900 and 2999."),
        ({"from": "2024-05-02", "to": "2024-05-01"}, "The “to” date is before the “from” date."),
        ({"section": "no-such-section"}, "There is no section called “no-such-section”"),
    ],
)
def test_a_bad_filter_is_explained_and_left_out(client, params, message):
    ArticleFactory(headline="Harbour news", published_at=days_ago(1))
    response = search(client, "harbour", **params)
    assert message in response.content.decode()
    assert found(response) == ["Harbour news"]


def test_the_form_drawn_once_shows_each_search_its_own_values_errors_and_language(client):
    CategoryFactory(name="Sport", slug="sport")
    for _ in range(2):
        sport = search(client, "harbour", section="sport").content.decode()
        odd = search(client, "bridge", section="nowhere").content.decode()
        german = client.get("/de/search/", {"q": "harbour", "section": "sport"}).content.decode()
        assert one(sport, "input", id="id_q")["value"] == "harbour"
        assert_in_html('<option value="sport" selected>Sport</option>', sport)
        assert "There is no section called" not in sport
        assert one(odd, "input", id="id_q")["value"] == "bridge"
        assert "There is no section called “nowhere”" in odd
        assert one(german, "form", class_="search-form")["action"] == "/de/search/"
        assert "Put a phrase" not in german


# Cost


@pytest.mark.parametrize("matches", [3, 30])
def test_search_page_runs_a_fixed_number_of_queries(
    client, settings, matches, django_assert_num_queries
):
    settings.ARTICLES_PER_PAGE = 10
    ArticleFactory.create_batch(matches, headline="Harbour news")
    ArticleFactory.create_batch(5, headline="Unrelated")
    page = 2 if matches > 10 else 1
    search(client, "unrelated")
    # The site generation (the sections, for navigation and filter, are kept per generation),
    # the number of matches, one page of them.
    with django_assert_num_queries(3):
        response = search(client, "harbour", page=page)
    assert len(found(response)) == min(matches, 10)
    # Asked again in the same generation, the answer is kept: only the generation is read.
    with django_assert_num_queries(1):
        again = search(client, "harbour", page=page)
    assert found(again) == found(response)


# Kept answers


def test_a_kept_answer_is_only_given_to_the_same_question(client, settings):
    settings.ARTICLES_PER_PAGE = 1
    sport = CategoryFactory(name="Sport", slug="sport")
    ArticleFactory(headline="Harbour regatta", category=sport, published_at=days_ago(1))
    ArticleFactory(headline="Harbour dredging", published_at=days_ago(0))
    assert found(search(client, "harbour")) == ["Harbour dredging"]
    assert found(search(client, "harbour", page=2)) == ["Harbour regatta"]
    assert found(search(client, "harbour", section="sport")) == ["Harbour regatta"]
    assert found(search(client, "harbour -dredging")) == ["Harbour regatta"]
    assert found(search(client, '"harbour regatta"')) == ["Harbour regatta"]
    assert found(search(client, "harbour")) == ["Harbour dredging"]


def test_a_flood_of_new_searches_never_pushes_out_pages_and_stays_bounded(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "search": {**settings.CACHES["search"], "OPTIONS": {"MAX_ENTRIES": 10}},
    }
    story = ArticleFactory(headline="Harbour dredging")
    cache_pages(story.get_absolute_url())
    for number in range(30):
        assert found(search(client, f"harbour -made{number}up")) == ["Harbour dredging"]
    assert 0 < len(caches["search"]._cache) <= 10
    with CaptureQueriesContext(connection) as queries:
        Client().get(story.get_absolute_url())
    assert len(queries) <= 1, "the story page was pushed out of the page cache"


def test_a_flood_of_new_searches_never_pushes_out_the_drawn_masthead(client, monkeypatch):
    from newsroom import templating

    monkeypatch.setattr(templating, "DRAWN_LIMIT", 3)
    ArticleFactory(headline="Harbour dredging")
    search(client, "harbour")
    mastheads = dict(templating._drawn["includes/site_header.html"])
    for number in range(10):
        search(client, f"harbour -made{number}up")
    assert len(templating._drawn["articles/search_form.html"]) == 3
    assert dict(templating._drawn["includes/site_header.html"]) == mastheads


def test_a_foreign_value_in_the_search_store_is_not_trusted(client, monkeypatch):
    ArticleFactory(headline="Harbour dredging")
    monkeypatch.setattr(caches["search"], "get", lambda *args, **kwargs: ["not", "ours"])
    assert found(search(client, "harbour")) == ["Harbour dredging"]
    assert "1 story matches" in search(client, "harbour").content.decode()


# Related stories


def test_related_stories_come_from_the_index_same_section_first(client):
    local, sport = CategoryFactory(slug="local"), CategoryFactory(slug="sport")
    story = ArticleFactory(headline="Lighthouse keeper retires", category=local)
    ArticleFactory(headline="Lighthouse keeper regatta", category=sport, published_at=days_ago(0))
    ArticleFactory(headline="Lighthouse museum opens", category=local, published_at=days_ago(2))
    ArticleFactory(headline="Lighthouse keeper draft", category=local, draft=True)
    ArticleFactory(headline="Lighthouse keeper scheduled", category=local, scheduled=True)
    ArticleFactory(headline="Budget approved", category=local)
    response = client.get(story.get_absolute_url())
    related = [article.headline for article in response.context["related_stories"]]
    assert related == ["Lighthouse museum opens", "Lighthouse keeper regatta"]
    html = response.content.decode()
    assert "Related stories" in html
    related_section = one(html, class_="related-stories")
    assert "Lighthouse museum opens" in related_section.text
    links = [element.get("href") or "" for element in related_section.iter()]
    assert not [link for link in links if story.get_absolute_url() in link]


def test_related_stories_never_include_the_story_and_are_few(client):
    story = ArticleFactory(headline="Lighthouse keeper retires")
    ArticleFactory.create_batch(8, headline="Lighthouse keeper news", category=story.category)
    related = client.get(story.get_absolute_url()).context["related_stories"]
    assert 0 < len(related) <= 4
    assert story not in related


def test_a_story_with_nothing_related_shows_no_related_section(client):
    story = ArticleFactory(headline="Lighthouse keeper retires")
    ArticleFactory(headline="Budget approved")
    assert "Related stories" not in client.get(story.get_absolute_url()).content.decode()


# Filter errors, as a screen reader hears them (WCAG 1.3.1)


def test_each_filter_error_is_tied_to_its_field(client):
    page = search(client, "harbour", section="nowhere", to="2024-02-30").content.decode()
    for name, error in [("section", "There is no section called"), ("to", "valid date")]:
        field = one(page, name=name, aria_invalid="true")
        described_by = field["aria-describedby"].split()
        assert described_by, f"{name} names its error"
        descriptions = " ".join(one(page, id=ref).text for ref in described_by)
        assert error in descriptions


@pytest.mark.parametrize("sent", ["yesterday", "2024-13-45", "12/03/2024"])
def test_a_bad_date_in_the_address_is_shown_back_with_its_error(client, sent):
    page = search(client, "harbour", **{"from": sent}).content.decode()
    field = one(page, "input", name="from")
    # A browser empties a type="date" field whose value is not a date: the reader would see
    # "Enter a valid date" next to an empty field, and not what was wrong.
    assert field["value"] == sent and field["type"] == "text"
    assert field["aria-invalid"] == "true"
    assert "valid date" in one(page, id=field["aria-describedby"]).text


def test_a_good_date_keeps_the_date_picker(client):
    page = search(client, "harbour", **{"from": "2024-03-12"}).content.decode()
    field = one(page, "input", name="from")
    assert field["type"] == "date" and field["value"] == "2024-03-12"

"""Corrections, clarifications and updates: on the story, on /corrections/, in the feeds and in
the story's structured data; adding one retires cached pages and does nothing else."""

import json
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Correction
from newsroom.models import PageGeneration
from tests import query_budgets
from tests.factories import ArticleFactory, CorrectionFactory, StaffFactory
from tests.html import find, find_all, parse

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def ago(**delta):
    return timezone.now() - timedelta(**delta)


@pytest.fixture
def corrected_story():
    story = ArticleFactory(headline="Council votes on the budget", slug="budget-vote")
    CorrectionFactory(
        article=story, text="The vote was on Tuesday, not Monday.", published_at=ago(hours=2)
    )
    CorrectionFactory(
        article=story,
        kind=Correction.Kind.CLARIFICATION,
        text="The budget covers two years.",
        published_at=ago(minutes=5),
    )
    return story


def notes_on(html):
    return [
        (item.find(class_="correction-kind").text, item.find(class_="correction-text").text)
        for item in find_all(html, "li", class_="correction")
    ]


def test_readers_see_a_storys_corrections_under_the_body_newest_first(client, corrected_story):
    html = client.get(corrected_story.get_absolute_url()).content.decode()
    assert notes_on(html) == [
        ("Clarification", "The budget covers two years."),
        ("Correction", "The vote was on Tuesday, not Monday."),
    ]
    section = find(html, "section", id="corrections")
    times = section.find_all("time")
    assert len(times) == 2 and all(time.get("datetime") for time in times)
    story = parse(html).find("article", class_="story")
    assert story.find(class_="story-body") and story.find("section", id="corrections")


@pytest.mark.parametrize(
    ("prefix", "kinds"),
    [("/de", ["Klarstellung", "Korrektur"]), ("/fr", ["Précision", "Correctif"])],
)
def test_the_kind_of_note_is_shown_in_the_readers_language(client, corrected_story, prefix, kinds):
    html = client.get(f"{prefix}{corrected_story.get_absolute_url()}").content.decode()
    assert [kind for kind, _text in notes_on(html)] == kinds


def test_a_story_without_corrections_shows_no_corrections_section(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert find(html, "section", id="corrections") is None


def test_a_story_without_corrections_pays_no_query_for_them(client, story):
    """Whether it has any comes with the story itself (an EXISTS in its query)."""
    with CaptureQueriesContext(connection) as queries:
        client.get(story.get_absolute_url())
    of_corrections = [q["sql"] for q in queries if "articles_correction" in q["sql"]]
    assert len(of_corrections) == 1 and "EXISTS" in of_corrections[0]
    assert len(queries) <= query_budgets.STORY


def test_a_corrected_story_costs_one_query_more_than_one_without(client, corrected_story):
    plain = ArticleFactory()
    counts = []
    for story in (plain, corrected_story):
        caches["pages"].clear()  # both render cold
        with CaptureQueriesContext(connection) as queries:
            Client().get(story.get_absolute_url())
        counts.append(len(queries))
    assert counts[1] == counts[0] + 1


def test_the_corrections_page_lists_every_note_newest_first(client, corrected_story):
    older = ArticleFactory(headline="Bridge reopens")
    CorrectionFactory(
        article=older,
        kind=Correction.Kind.UPDATE,
        text="Traffic resumed.",
        published_at=ago(hours=1),
    )
    html = client.get("/corrections/").content.decode()
    assert notes_on(html) == [
        ("Clarification", "The budget covers two years."),
        ("Update", "Traffic resumed."),
        ("Correction", "The vote was on Tuesday, not Monday."),
    ]
    links = [a["href"] for a in find_all(html, "a") if "#correction-" in a.get("href", "")]
    assert links[0].startswith(corrected_story.get_absolute_url())


def test_the_corrections_page_hides_notes_of_stories_not_out(client):
    CorrectionFactory(article=ArticleFactory(draft=True), text="Draft note.")
    CorrectionFactory(article=ArticleFactory(scheduled=True), text="Scheduled note.")
    html = client.get("/corrections/").content.decode()
    assert notes_on(html) == []
    assert "Nothing has been corrected yet." in html


@pytest.mark.parametrize("prefix", ["/de", "/fr"])
def test_the_corrections_page_speaks_each_language(client, corrected_story, prefix):
    response = client.get(f"{prefix}/corrections/")
    assert response.status_code == 200
    heading = find(response.content.decode(), "h1").text
    expected = {"/de": "Korrekturen und Klarstellungen", "/fr": "Correctifs et précisions"}
    assert heading == expected[prefix]


def test_the_corrections_page_is_paginated(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    story = ArticleFactory()
    for minutes in range(5):
        CorrectionFactory(article=story, text=f"Note {minutes}.", published_at=ago(minutes=minutes))
    first = notes_on(client.get("/corrections/").content.decode())
    third = notes_on(client.get("/corrections/?page=3").content.decode())
    assert [text for _kind, text in first] == ["Note 0.", "Note 1."]
    assert [text for _kind, text in third] == ["Note 4."]
    assert client.get("/corrections/?page=4").status_code == 404


def test_the_corrections_page_stays_within_the_list_budget(
    client, corrected_story, django_assert_max_num_queries
):
    CorrectionFactory.create_batch(20)
    with django_assert_max_num_queries(query_budgets.LISTING):
        assert client.get("/corrections/").status_code == 200


def test_the_corrections_feeds_list_the_notes_newest_first(client, corrected_story):
    rss = ET.fromstring(client.get("/feeds/corrections/rss/").content)
    items = list(rss.iter("item"))
    assert [item.findtext("title") for item in items] == [
        "Clarification: Council votes on the budget",
        "Correction: Council votes on the budget",
    ]
    assert items[0].findtext("description") == "The budget covers two years."
    assert "/story/budget-vote/#correction-" in items[0].findtext("link")
    atom = ET.fromstring(client.get("/feeds/corrections/atom/").content)
    titles = [entry.findtext(f"{ATOM}title") for entry in atom.iter(f"{ATOM}entry")]
    assert titles == [item.findtext("title") for item in items]


def test_the_corrections_feed_speaks_the_addresss_language(client, corrected_story):
    rss = ET.fromstring(client.get("/de/feeds/corrections/rss/").content)
    assert rss.findtext("channel/language") == "de"
    assert rss.find("channel/item").findtext("title").startswith("Klarstellung: ")


def test_the_storys_structured_data_carries_its_corrections(client, corrected_story):
    html = client.get(corrected_story.get_absolute_url()).content.decode()
    script = find(html, "script", type="application/ld+json")
    data = json.loads(script.raw_text)
    assert [entry["@type"] for entry in data["correction"]] == ["CorrectionComment"] * 2
    assert data["correction"][0]["text"] == "Clarification: The budget covers two years."
    assert data["correction"][1]["datePublished"].startswith(str(ago(hours=2).year))


def test_structured_data_of_a_story_without_corrections_has_none(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    data = json.loads(find(html, "script", type="application/ld+json").raw_text)
    assert "correction" not in data


def test_adding_a_correction_retires_the_cached_story_page():
    story = ArticleFactory()
    url = story.get_absolute_url()
    Client().get(url)
    assert "Corrections and clarifications" not in Client().get(url).content.decode()
    CorrectionFactory(article=story, text="A fresh correction.")
    assert "A fresh correction." in Client().get(url).content.decode()
    assert "A fresh correction." in Client().get("/corrections/").content.decode()


def test_adding_a_correction_bumps_the_site_generation_and_mails_nobody():
    story = ArticleFactory()
    before = PageGeneration.objects.get(scope="site").number
    CorrectionFactory(article=story)
    assert PageGeneration.objects.get(scope="site").number == before + 1
    assert mail.outbox == []


def test_an_editor_adds_a_correction_from_the_story_form(client):
    editor = StaffFactory()
    client.force_login(editor)
    story = ArticleFactory(headline="Harbour reopens", author=editor)
    url = reverse("admin:articles_article_change", args=[story.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name not in ("lead_image", "created_at", "updated_at", "search_vector")
    }
    now = timezone.localtime()
    data.update(
        {
            "published_at_0": timezone.localtime(story.published_at).strftime("%Y-%m-%d"),
            "published_at_1": timezone.localtime(story.published_at).strftime("%H:%M:%S"),
            "comments_open": "on",
            "corrections-TOTAL_FORMS": "1",
            "corrections-INITIAL_FORMS": "0",
            "corrections-0-kind": "correction",
            "corrections-0-text": "The harbour reopened on Friday.",
            "corrections-0-published_at_0": now.strftime("%Y-%m-%d"),
            "corrections-0-published_at_1": now.strftime("%H:%M:%S"),
        }
    )
    data.pop("comments_open" if not story.comments_open else "", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert [c.text for c in story.corrections.all()] == ["The harbour reopened on Friday."]
    assert mail.outbox == []


def test_a_correction_cannot_be_added_to_a_draft_or_dated_in_the_future():
    draft = ArticleFactory(draft=True)
    with pytest.raises(ValidationError):
        Correction(article=draft, text="Too early.").full_clean()
    live = ArticleFactory()
    with pytest.raises(ValidationError):
        Correction(
            article=live, text="Later.", published_at=timezone.now() + timedelta(days=1)
        ).full_clean()
    Correction(article=live, text="Fine.").full_clean()


def test_an_unpublished_story_keeps_its_corrections_out_of_sight(client, corrected_story):
    corrected_story.status = corrected_story.Status.DRAFT
    corrected_story.save()
    corrected_story.corrections.first().full_clean()  # still valid: it was added while live
    assert notes_on(client.get("/corrections/").content.decode()) == []

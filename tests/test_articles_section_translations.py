"""Editors translate a section's name and description; readers of /de/ and /fr/ pages see them
everywhere the section is named, English (marked lang="en") where there is no translation."""

import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from articles.models import Category, CategoryTranslation
from tests import query_budgets
from tests.cached_pages import cache_pages, page
from tests.factories import ArticleFactory, CategoryFactory, comment_form_data
from tests.html import parse
from tests.test_articles_languages import language_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def science():
    section = CategoryFactory(
        name="Science", slug="science", description="Research and discoveries."
    )
    CategoryTranslation.objects.create(
        category=section,
        language="de",
        name="Wissenschaft",
        description="Forschung und Entdeckungen.",
    )
    return section


@pytest.fixture
def story(science):
    return ArticleFactory(headline="Harbour reopens", category=science, language="en")


def links_named(html, name):
    return [link for link in parse(html).find_all("a") if link.text == name]


def test_the_section_page_shows_its_german_name_and_description(client, science):
    html = page(client, "/de/category/science/")
    document = parse(html)
    assert document.one("h1").text == "Wissenschaft"
    assert language_of(document.one("h1")) == "de"
    description = document.one("p", class_="standfirst")
    assert description.text == "Forschung und Entdeckungen."
    assert language_of(description) == "de"
    assert "<title>Wissenschaft |" in html
    assert '<meta property="og:title" content="Wissenschaft">' in html or "Wissenschaft" in str(
        document.find("meta", property="og:title")
    )
    assert "Science" not in [link.text for link in document.find_all("a")]


@pytest.mark.parametrize("path", ["/de/", "/de/category/science/", "/de/search/?q=harbour"])
def test_german_pages_name_the_section_in_german_in_the_navigation_and_teasers(client, story, path):
    html = page(client, path)
    names = links_named(html, "Wissenschaft")
    # The navigation's link and the story's kicker.
    assert len(names) >= 2, path
    for name in names:
        assert language_of(name) == "de"
    assert not links_named(html, "Science")


def test_the_story_page_names_its_section_in_german_everywhere(client, story):
    html = page(client, f"/de{story.get_absolute_url()}")
    document = parse(html)
    kicker = document.one("p", class_="kicker")
    assert kicker.text == "Wissenschaft"
    assert document.one("meta", property="article:section")["content"] == "Wissenschaft"
    data = json.loads(document.one("script", type="application/ld+json").raw_text)
    assert data["articleSection"] == "Wissenschaft"
    assert not links_named(html, "Science")


def test_a_comment_sent_back_with_errors_keeps_the_german_section_name(client, story):
    with translation.override("de"):
        address = reverse("comments:post", args=[story.pk])
    response = client.post(address, comment_form_data(story, email="robin@"))
    assert response.status_code == 400
    assert parse(response.content.decode()).one("p", class_="kicker").text == "Wissenschaft"


def test_related_stories_name_their_section_in_german(client, story, science):
    ArticleFactory(headline="Harbour dredging begins", category=science)
    html = page(client, f"/de{story.get_absolute_url()}")
    kickers = [p.text for p in parse(html).find_all("p", class_="kicker")]
    assert kickers.count("Wissenschaft") >= 2
    assert "Science" not in kickers


def test_the_search_filter_offers_the_german_section_name(client, science):
    document = parse(page(client, "/de/search/"))
    options = {option["value"]: option.text for option in document.find_all("option")}
    assert options["science"] == "Wissenschaft"


def test_a_language_without_a_translation_shows_the_english_name_marked_english(client, science):
    html = page(client, "/fr/category/science/")
    document = parse(html)
    assert document.one("h1").text == "Science"
    assert language_of(document.one("h1")) == "en"
    assert language_of(document.one("p", class_="standfirst")) == "en"
    for name in links_named(html, "Science"):
        assert language_of(name) == "en"


def test_a_translated_name_without_a_description_keeps_the_english_description(client, science):
    CategoryTranslation.objects.create(category=science, language="fr", name="Sciences")
    document = parse(page(client, "/fr/category/science/"))
    assert document.one("h1").text == "Sciences"
    assert language_of(document.one("h1")) == "fr"
    description = document.one("p", class_="standfirst")
    assert description.text == "Research and discoveries."
    assert language_of(description) == "en"


def test_english_pages_keep_the_english_name(client, story):
    html = page(client, "/category/science/")
    assert parse(html).one("h1").text == "Science"
    assert not links_named(html, "Wissenschaft")


def test_editing_a_translation_changes_the_cached_pages(story, science):
    pages = ["/de/", "/de/category/science/", f"/de{story.get_absolute_url()}"]
    cache_pages(*pages)
    translation = science.translations.get(language="de")
    translation.name = "Naturwissenschaft"
    translation.save()
    for path in pages:
        assert links_named(page(Client(), path), "Naturwissenschaft"), path
    translation.delete()
    for path in pages:
        html = page(Client(), path)
        assert links_named(html, "Science"), path
        assert not links_named(html, "Naturwissenschaft"), path


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_german_feeds_name_the_section_in_german(client, story, kind):
    section_feed = client.get(f"/de/feeds/category/science/{kind}/").content.decode()
    assert "Wissenschaft" in section_feed
    site_feed = client.get(f"/de/feeds/{kind}/").content.decode()
    assert "Wissenschaft" in site_feed and ">Science<" not in site_feed


def test_a_german_page_reads_translated_sections_within_the_listing_budget(
    client, django_assert_max_num_queries
):
    for number in range(12):
        section = CategoryFactory()
        CategoryTranslation.objects.create(
            category=section, language="de", name=f"Ressort {number}"
        )
        ArticleFactory(category=section)
    page(client, "/de/corrections/")  # the German cookie catalogue, kept for every page
    with django_assert_max_num_queries(query_budgets.LISTING):
        html = page(client, "/de/")
    assert links_named(html, "Ressort 11")


def test_a_section_read_in_another_language_cannot_be_saved(science):
    [shown] = Category.objects.filter(pk=science.pk).in_language("de")
    with pytest.raises(ValueError):
        shown.save()
    assert Category.objects.get(pk=science.pk).name == "Science"


def test_editors_translate_a_section_in_its_admin_page(staff_client, science):
    url = reverse("admin:articles_category_change", args=[science.pk])
    form = staff_client.get(url).content.decode()
    assert 'name="translations-0-name"' in form
    response = staff_client.post(
        url,
        {
            "name": "Science",
            "slug": "science",
            "description": "Research and discoveries.",
            "position": 0,
            "translations-TOTAL_FORMS": 2,
            "translations-INITIAL_FORMS": 1,
            "translations-MIN_NUM_FORMS": 0,
            "translations-MAX_NUM_FORMS": 1000,
            "translations-0-id": science.translations.get().pk,
            "translations-0-category": science.pk,
            "translations-0-language": "de",
            "translations-0-name": "Forschung",
            "translations-0-description": "",
            "translations-1-category": science.pk,
            "translations-1-language": "fr",
            "translations-1-name": "Sciences",
            "translations-1-description": "Recherche et découvertes.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = dict(science.translations.values_list("language", "name"))
    assert stored == {"de": "Forschung", "fr": "Sciences"}
    assert parse(page(Client(), "/fr/category/science/")).one("h1").text == "Sciences"


def test_the_demo_sections_are_translated_into_german_and_french(client):
    call_command("seed_demo", stdout=None)
    call_command("seed_demo", stdout=None)
    health = Category.objects.get(slug="health")
    assert dict(health.translations.values_list("language", "name")) == {
        "de": "Gesundheit",
        "fr": "Santé",
    }
    assert links_named(page(client, "/fr/"), "Santé")


@pytest.mark.parametrize(
    "feed", ["/de/feeds/rss/", "/fr/feeds/atom/", "/de/feeds/category/science/rss/"]
)
def test_feeds_in_other_languages_stay_within_the_feed_budget(
    client, story, feed, django_assert_max_num_queries
):
    for number in range(12):
        section = CategoryFactory()
        CategoryTranslation.objects.create(
            category=section, language="de", name=f"Ressort {number}"
        )
        ArticleFactory(category=section)
    with django_assert_max_num_queries(query_budgets.FEED):
        response = client.get(feed)
    assert response.status_code == 200

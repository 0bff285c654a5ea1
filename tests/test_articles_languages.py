"""Every piece of text says which language it is in (WCAG 3.1.2): on German and French pages
the section names, written in English, carry lang="en", and the reader's own language comes
back on the byline and date of an English story."""

import pytest

from tests.factories import ArticleFactory, CategoryFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


def language_of(element):
    """The language a screen reader reads the element in: its own lang, or its nearest
    ancestor's."""
    while element is not None:
        if element.has("lang"):
            return element["lang"]
        element = element.parent
    return None


@pytest.fixture
def story():
    science = CategoryFactory(name="Science", slug="science")
    return ArticleFactory(headline="Harbour reopens", category=science, language="en")


@pytest.mark.parametrize("code", ["de", "fr"])
@pytest.mark.parametrize("where", ["home", "story", "section", "search"])
def test_english_section_names_on_german_and_french_pages_are_marked_english(
    client, story, code, where
):
    path = {
        "home": "/",
        "story": story.get_absolute_url(),
        "section": "/category/science/",
        "search": "/search/?q=harbour",
    }[where]
    page = parse(client.get(f"/{code}{path}").content.decode())
    names = [link for link in page.find_all("a") if link.text == "Science"]
    assert names, "the section is named on the page"
    for name in names:
        assert language_of(name) == "en", repr(name.parent)
    if where == "section":
        assert language_of(page.one("h1")) == "en"


@pytest.mark.parametrize("code", ["de", "fr"])
def test_the_byline_and_date_of_an_english_story_are_in_the_readers_language(client, story, code):
    page = parse(client.get(f"/{code}{story.get_absolute_url()}").content.decode())
    assert language_of(page.one("h1")) == "en", "the story itself is English"
    byline = page.one("p", class_="meta")
    assert language_of(byline) == code
    for date in byline.find_all("time"):
        assert language_of(date) == code


@pytest.mark.parametrize("code", ["de", "fr"])
def test_teasers_keep_the_readers_language_outside_the_headline(client, story, code):
    page = parse(client.get(f"/{code}/").content.decode())
    for meta in page.find_all("p", class_="meta"):
        assert language_of(meta) == code

"""Reader pages in German and French carry no English interface text and dates of their own."""

import pytest
from django.test import Client
from django.utils import translation

from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def unprefixed(url_of):
    """An address in the default language, whichever language the last request left active."""
    with translation.override("en"):
        return url_of()


# Sentences of the English interface a German or French reader must never see. Story text and
# editor-entered consent texts are data (the story keeps its language) and are not listed.
ENGLISH_SENTENCES = [
    "Skip to content",
    "Search stories",
    "Latest stories",
    "Leave a Response",
    "Your email address will not be published",
    "Post comment",
    "Remember my name",
    "Cookie settings",
    "Accept all",
    "Reject all",
    "Customize",
    "Save my preferences",
    "Always Active",
    "No cookies to display",
    "Your choice of cookies",
    "We use necessary cookies",
    "Related stories",
    "Older stories",
    "Page not found",
    "We can't find that page",
    "No comments yet",
    "Email notifications",
    "Read this site in",
    "Customize consent preferences",
    "Comments are closed",
]


@pytest.fixture
def pages(story):
    CommentFactory(article=story)
    ArticleFactory.create_batch(13)
    return [
        "/",
        "/?page=2",
        unprefixed(story.get_absolute_url),
        unprefixed(story.category.get_absolute_url),
        story.author_url,
        "/search/?q=harbour",
        "/consent/preferences/?next=/",
        "/consent/history/",
        "/no/such/page/",
    ]


@pytest.mark.parametrize("language", ["de", "fr"])
def test_no_english_interface_text_on_any_reader_page(pages, language):
    for url in pages:
        response = Client().get(f"/{language}{url}")
        assert response.status_code in (200, 404), url
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        found = [sentence for sentence in ENGLISH_SENTENCES if sentence in html]
        assert found == [], f"/{language}{url}"


def test_dates_follow_the_language(client, story):
    story.published_at = story.published_at.replace(year=2026, month=11, day=30, hour=9)
    story.save()
    url = unprefixed(story.get_absolute_url)
    assert "30. November 2026" in client.get(f"/de{url}").content.decode()
    assert "30 novembre 2026" in client.get(f"/fr{url}").content.decode()
    assert "30 November 2026" in client.get(url).content.decode()


def test_a_story_page_declares_the_storys_language(client):
    story = ArticleFactory(language="de")
    html = client.get(f"/fr{unprefixed(story.get_absolute_url)}").content.decode()
    assert '<html lang="fr">' in html
    assert 'class="story" lang="de"' in html

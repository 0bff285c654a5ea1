"""Whatever a visitor writes as a page number, a reader list answers with its first page or a
404, never a server error (`?page=` followed by 4,301 digits once gave a 500)."""

import pytest
from django.test import Client

from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

ODD_PAGE_NUMBERS = [
    "9" * 4301,
    "1" + "0" * 10_000,
    "9" * 7,
    "0",
    "-1",
    "+1",
    "01",
    " 1",
    "1.0",
    "1e3",
    "0x1",
    "last",
    "",
    "nope",
    "\u0663",  # ARABIC-INDIC DIGIT THREE: a digit to str.isdigit(), not to a page
    "\u00b2",  # SUPERSCRIPT TWO: a digit to str.isdigit(), refused by int()
    "\uff11",  # FULLWIDTH DIGIT ONE
    "1\x00",
]


@pytest.fixture
def story():
    story = ArticleFactory(headline="The only story")
    CommentFactory(article=story)
    return story


def list_pages(story):
    """(path, other parameters) of every reader list."""
    return [
        ("/", {}),
        (story.category.get_absolute_url(), {}),
        (story.author_url, {}),
        ("/search/", {"q": "only story"}),
    ]


@pytest.mark.parametrize("number", ODD_PAGE_NUMBERS)
def test_an_odd_page_number_shows_the_first_page_or_is_not_found(story, number):
    client = Client(raise_request_exception=False)
    for path, parameters in list_pages(story):
        response = client.get(path, {**parameters, "page": number})

        assert response.status_code in (200, 404), (path, number[:20], response.status_code)
        if response.status_code == 200:
            assert response.context["page_obj"].number == 1
            assert "The only story" in response.text


@pytest.mark.parametrize("name", ["page", "comments"])
def test_a_page_number_past_the_int_limit_is_not_found_on_every_cached_address(story, name):
    client = Client(raise_request_exception=False)
    cached_addresses = [
        *(path for path, parameters in list_pages(story)[:3]),
        story.get_absolute_url(),
        "/feeds/rss/",
        "/feeds/atom/",
        f"/feeds/category/{story.category.slug}/rss/",
        "/consent/state.js",
    ]
    for path in cached_addresses:
        response = client.get(path, {name: "9" * 4301})

        assert response.status_code == 404, path


def test_a_long_page_number_hidden_behind_a_good_one_is_not_found(story):
    response = Client(raise_request_exception=False).get(f"/?page=1&page={'9' * 4301}")

    assert response.status_code == 404


def test_an_ordinary_page_number_still_pages(story, settings):
    settings.ARTICLES_PER_PAGE = 1
    ArticleFactory(headline="A newer story")

    response = Client().get("/", {"page": "2"})

    assert response.context["page_obj"].number == 2
    assert "The only story" in response.text

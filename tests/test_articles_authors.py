"""Author pages and bylines never show a writer's login name (the admin locks out by it)."""

import pytest
from django.test import Client

from articles.models import Byline
from tests.factories import ArticleFactory, CategoryFactory, UserFactory, create_articles_in_bulk
from tests.html import assert_in_html, find_all

pytestmark = pytest.mark.django_db

LOGIN = "dwhitlock-desk"


@pytest.fixture
def story():
    author = UserFactory(username=LOGIN, first_name="Dana", last_name="Whitlock")
    return ArticleFactory(author=author, headline="Harbour reopens", with_image=True)


def test_the_author_page_lives_at_a_slug_of_the_name(client, story):
    assert story.author_url == "/author/dana-whitlock/"
    response = client.get("/author/dana-whitlock/")
    assert response.status_code == 200
    assert "Stories by Dana Whitlock" in response.content.decode()
    assert client.get(f"/author/{LOGIN}/").status_code == 404


def test_no_reader_page_or_feed_contains_the_login_name(client, story):
    section = story.category.slug
    pages = [
        "/",
        story.get_absolute_url(),
        story.author_url,
        story.category.get_absolute_url(),
        "/search/?q=harbour",
        "/feeds/rss/",
        "/feeds/atom/",
        f"/feeds/category/{section}/rss/",
        f"/feeds/category/{section}/atom/",
        "/sitemap.xml",
        "/sitemap-news.xml",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert LOGIN not in response.content.decode(), url
    story_page = client.get(story.get_absolute_url()).content.decode()
    assert_in_html('<a href="/author/dana-whitlock/">Dana Whitlock</a>', story_page)
    bylines = find_all(story_page, "a", href="/author/dana-whitlock/")
    assert any("By Dana Whitlock" in byline.parent.text for byline in bylines)
    assert '"url": "http://testserver/author/dana-whitlock/"' in story_page


def test_a_slug_is_never_the_login_name_even_when_the_name_is(client):
    author = UserFactory(username="mira-okafor", first_name="Mira", last_name="Okafor")
    story = ArticleFactory(author=author)
    assert story.author_url == "/author/mira-okafor-2/"


def test_two_writers_with_one_name_get_two_pages(client):
    first = ArticleFactory(author=UserFactory(first_name="Sam", last_name="Ng"))
    second = ArticleFactory(author=UserFactory(first_name="Sam", last_name="Ng"))
    assert {first.author_url, second.author_url} == {"/author/sam-ng/", "/author/sam-ng-2/"}


def test_a_writer_without_a_name_is_a_staff_writer_not_their_login(client):
    story = ArticleFactory(
        author=UserFactory(username="nameless-login", first_name="", last_name="")
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert "nameless-login" not in html
    assert "Staff writer" in html
    assert story.author_url == "/author/staff-writer/"


def test_the_slug_stays_when_the_name_changes(client, story):
    story.author.last_name = "Whitlock-Ray"
    story.author.save()
    ArticleFactory(author=story.author)
    assert Byline.objects.get(user=story.author).slug == "dana-whitlock"
    assert "Stories by Dana Whitlock-Ray" in Client().get("/author/dana-whitlock/").content.decode()


def test_a_story_whose_writer_has_no_byline_yet_still_shows(client):
    author = UserFactory(first_name="Bulk", last_name="Writer")
    [story] = create_articles_in_bulk(1, category=CategoryFactory(), author=author)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "By Bulk Writer" in response.content.decode()

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from newsroom.pagecache import retire_site_pages
from tests.factories import ArticleFactory, CategoryFactory, UserFactory
from tests.html import assert_has_element, assert_in_html, find

pytestmark = pytest.mark.django_db


def json_ld(response):
    block = find(response.content.decode(), "script", type="application/ld+json")
    assert block, "no JSON-LD block on the page"
    return json.loads(block.raw_text)


def test_home_lists_published_stories_newest_first(client):
    older = ArticleFactory(headline="Older story", published_at=timezone.now() - timedelta(days=1))
    newer = ArticleFactory(headline="Newer story")
    ArticleFactory(headline="Secret draft", draft=True)
    ArticleFactory(headline="Tomorrow's story", scheduled=True)
    response = client.get("/")
    assert response.status_code == 200
    assert list(response.context["articles"]) == [newer, older]
    html = response.content.decode()
    assert html.index("Newer story") < html.index("Older story")
    assert "Secret draft" not in html
    assert "Tomorrow&#x27;s story" not in html


def test_home_is_paginated(client, settings):
    settings.ARTICLES_PER_PAGE = 5
    ArticleFactory.create_batch(12)
    first = client.get("/")
    assert len(first.context["articles"]) == 5
    assert_has_element(first.content.decode(), rel="next")
    last = client.get("/?page=3")
    assert len(last.context["articles"]) == 2
    assert client.get("/?page=9").status_code == 404
    assert client.get("/?page=nonsense").status_code == 404


def test_category_page_shows_only_its_published_stories(client):
    health, science = CategoryFactory(name="Health", slug="health"), CategoryFactory()
    ArticleFactory(category=health, headline="Clinic opens")
    ArticleFactory(category=health, headline="Clinic draft", draft=True)
    ArticleFactory(category=science, headline="Comet seen")
    response = client.get(reverse("articles:category", args=["health"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert_in_html('<h1 lang="en">Health</h1>', html)
    assert "Clinic opens" in html
    assert "Clinic draft" not in html and "Comet seen" not in html
    assert client.get("/category/no-such-section/").status_code == 404


def test_navigation_lists_every_category(client):
    CategoryFactory(name="Health", slug="health")
    CategoryFactory(name="Science", slug="science")
    html = client.get("/").content.decode()
    assert_has_element(html, "a", href="/category/health/")
    assert_has_element(html, "a", href="/category/science/")


def test_author_page_lists_their_published_stories(client):
    author = UserFactory(username="mira", first_name="Mira", last_name="Okafor")
    ArticleFactory(author=author, headline="Mira's story")
    ArticleFactory(headline="Someone else's story")
    response = client.get(reverse("articles:author", args=["mira-okafor"]))
    assert response.status_code == 200
    assert "Stories by Mira Okafor" in response.content.decode()
    assert "Someone else" not in response.content.decode()
    Article.objects.filter(author=author).update(status=Article.Status.DRAFT)
    retire_site_pages()  # a bulk update sends no signals
    assert client.get(reverse("articles:author", args=["mira-okafor"])).status_code == 404
    assert client.get(reverse("articles:author", args=["mira"])).status_code == 404


def test_article_page_shows_the_story(client):
    article = ArticleFactory(
        headline="Harbour bridge reopens",
        standfirst="Engineers finished two weeks early.",
        body="<p>The bridge reopened on Tuesday.</p>",
        category=CategoryFactory(name="Local", slug="local"),
        author=UserFactory(first_name="Sam", last_name="Ng"),
    )
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert_in_html('<a href="/category/local/" lang="en">Local</a>', html)
    assert_in_html("<h1>Harbour bridge reopens</h1>", html)
    assert "Engineers finished two weeks early." in html
    assert "Sam Ng" in html
    assert_in_html("<p>The bridge reopened on Tuesday.</p>", html)
    assert_has_element(html, datetime=timezone.localtime(article.published_at).isoformat())
    assert "Updated" not in html
    assert "Preview" not in html


def test_article_page_shows_updated_stamp_after_a_later_edit(client):
    yesterday = timezone.now() - timedelta(days=1)
    article = ArticleFactory(published_at=yesterday)
    Article.objects.filter(pk=article.pk).update(created_at=yesterday)
    article.refresh_from_db()
    article.save()  # an edit a day after publication
    assert "Updated" in client.get(article.get_absolute_url()).content.decode()


def test_article_page_has_canonical_social_and_structured_data(client):
    article = ArticleFactory(
        with_image=True, headline="Tide <turns> & more", lead_image_alt="Boats at dawn"
    )
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    url = f"http://testserver{article.get_absolute_url()}"
    assert_in_html(f'<link rel="canonical" href="{url}">', html)
    assert_in_html(f'<meta property="og:url" content="{url}">', html)
    assert_in_html('<meta property="og:title" content="Tide &lt;turns&gt; &amp; more">', html)
    assert "<turns>" not in html  # escaped, in the meta tags as everywhere else
    assert_in_html('<meta name="twitter:card" content="summary_large_image">', html)
    assert_has_element(html, "img", alt="Boats at dawn")
    data = json_ld(response)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Tide <turns> & more"
    # The 16:9 and square crops and the social card, all renditions of the lead image.
    renditions = f"http://testserver/media/renditions/{article.lead_image.name}/"
    assert [image.removeprefix(renditions)[:5] for image in data["image"]] == [
        "16x9-",
        "1x1-5",
        "40x21",
    ]
    assert data["author"][0]["name"] == article.byline
    assert data["author"][0]["url"].startswith("http://testserver/author/")
    assert data["publisher"]["name"]
    for key in ("datePublished", "dateModified"):
        stamp = data[key]
        assert stamp.endswith("+00:00") or re.search(r"[+-]\d\d:\d\d$", stamp)
        assert timezone.datetime.fromisoformat(stamp).tzinfo is not None


def test_article_without_image_has_no_image_in_structured_data(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    assert "image" not in json_ld(response)
    assert_in_html('<meta name="twitter:card" content="summary">', response.content.decode())


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_unpublished_story_is_404_for_the_public(client, trait):
    article = ArticleFactory(**{trait: True})
    assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())  # logged in but not staff
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_staff_preview_unpublished_story_with_a_marker(staff_client, trait):
    article = ArticleFactory(**{trait: True}, headline="Embargoed story")
    response = staff_client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Embargoed story" in html
    assert_in_html("<strong>Preview</strong>", html)
    assert_in_html('<meta name="robots" content="noindex">', html)


def test_unknown_page_gets_the_sites_own_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "We can't find that page" in response.content.decode()


def test_server_error_gets_the_sites_own_500(settings):
    settings.ROOT_URLCONF = "tests.urls_broken"
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_the_masthead_lists_the_sections_and_marks_the_one_shown(client):
    health, science = CategoryFactory(name="Health"), CategoryFactory(name="Science")
    story = ArticleFactory(category=science)

    def marked(path):
        nav = find(client.get(path).content.decode(), "nav", class_="site-nav")
        links = nav.find_all("a")
        assert [link.text for link in links] == [health.name, science.name]
        return [link.text for link in links if link.get("aria-current") == "page"]

    # Each page twice: the masthead is drawn once and reused, which must not carry a mark over.
    for _ in range(2):
        assert marked(health.get_absolute_url()) == ["Health"]
        assert marked(story.get_absolute_url()) == ["Science"]
        assert marked("/") == []
    science.name = "Sciences"
    science.save()
    nav = find(client.get("/").content.decode(), "nav", class_="site-nav")
    assert [link.text for link in nav.find_all("a")] == ["Health", "Sciences"]

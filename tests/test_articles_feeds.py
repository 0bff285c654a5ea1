import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, CategoryFactory
from tests.sitemap_files import sitemap_locations

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture
def stories():
    health = CategoryFactory(name="Health", slug="health")
    return {
        "live": ArticleFactory(headline="Live health story", category=health),
        "other": ArticleFactory(headline="Live science story"),
        "draft": ArticleFactory(headline="Draft story", category=health, draft=True),
        "scheduled": ArticleFactory(headline="Scheduled story", category=health, scheduled=True),
    }


def rss_titles(response):
    assert response.status_code == 200
    return [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]


def atom_titles(response):
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def test_site_rss_feed_lists_only_published_stories(client, stories):
    response = client.get("/feeds/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert sorted(rss_titles(response)) == ["Live health story", "Live science story"]
    item = ET.fromstring(response.content).find("channel/item")
    assert item.findtext("link").startswith("http://testserver/story/")
    assert item.findtext("description") == "A sentence that sums the story up."


def test_site_atom_feed_lists_only_published_stories(client, stories):
    response = client.get("/feeds/atom/")
    assert sorted(atom_titles(response)) == ["Live health story", "Live science story"]


def test_category_feeds_list_only_that_categorys_published_stories(client, stories):
    assert rss_titles(client.get("/feeds/category/health/rss/")) == ["Live health story"]
    assert atom_titles(client.get("/feeds/category/health/atom/")) == ["Live health story"]
    assert client.get("/feeds/category/nope/rss/").status_code == 404


def test_feeds_run_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    ArticleFactory.create_batch(40)
    with django_assert_max_num_queries(3):
        client.get("/feeds/rss/")


def test_sitemap_lists_published_stories_and_categories(client, stories):
    urls = sitemap_locations(client)
    assert f"http://testserver{stories['live'].get_absolute_url()}" in urls
    assert "http://testserver/category/health/" in urls
    assert "http://testserver/" in urls
    assert f"http://testserver{stories['draft'].get_absolute_url()}" not in urls
    assert f"http://testserver{stories['scheduled'].get_absolute_url()}" not in urls


def test_sitemap_lists_author_pages_of_published_writers_in_every_language(client, stories):
    unpublished = stories["draft"].author
    urls = sitemap_locations(client)
    author_url = stories["live"].author_url
    assert author_url.startswith("/author/")
    for prefix in ("", "/de", "/fr"):
        assert f"http://testserver{prefix}{author_url}" in urls
    assert not any(f"/author/{unpublished.byline.slug}/" in url for url in urls)


def test_news_sitemap_has_only_the_last_48_hours(client, stories):
    ArticleFactory(headline="Old news", published_at=timezone.now() - timedelta(days=3))
    response = client.get("/sitemap-news.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    titles = sorted(news.findtext(f"{NEWS}title") for news in root.iter(f"{NEWS}news"))
    assert titles == ["Live health story", "Live science story"]
    news = root.find(f"{SITEMAP}url/{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "The Newsroom Ledger"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    published = timezone.datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published.tzinfo is not None


def test_robots_txt_names_both_sitemaps(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Sitemap: http://testserver/sitemap-news.xml" in body
    assert "Disallow: /admin/" in body


def test_news_sitemap_gives_each_story_the_language_it_was_written_in(client):
    ArticleFactory(headline="Hafen wieder offen", language="de")
    ArticleFactory(headline="Harbour open again", language="en")
    root = ET.fromstring(client.get("/sitemap-news.xml").content)
    languages = {
        news.findtext(f"{NEWS}title"): news.findtext(f"{NEWS}publication/{NEWS}language")
        for news in root.iter(f"{NEWS}news")
    }
    assert languages == {"Hafen wieder offen": "de", "Harbour open again": "en"}


def test_robots_txt_keeps_crawlers_off_the_search_page_in_every_language(client):
    body = client.get("/robots.txt").content.decode()
    for path in ["/search/", "/de/search/", "/fr/search/"]:
        assert f"Disallow: {path}\n" in body

"""The sitemap is an index of files, each within its bound, that together list every published
story in every language, whatever the number of stories."""

from datetime import UTC, datetime, time
from xml.etree import ElementTree

import pytest
from django.contrib.sitemaps import Sitemap
from django.contrib.sites.requests import RequestSite
from django.test import RequestFactory
from django.utils import timezone
from django.utils.http import http_date

from articles.bylines import Byline
from articles.models import Article
from articles.sitemaps import SITEMAPS, ArticleSitemap
from tests.factories import ArticleFactory
from tests.sitemap_files import sitemap_files, sitemap_locations

pytestmark = pytest.mark.django_db


@pytest.fixture
def six_addresses_per_file(monkeypatch):
    # Three languages: two stories per file.
    monkeypatch.setattr(ArticleSitemap, "limit", 6)


def file_of(story):
    # Files are bands of ids, and ids keep growing across tests on PostgreSQL (a rolled-back
    # test does not give its ids back): ask for the file that holds the story.
    return story.pk // ArticleSitemap().paginator.width + 1


def story_addresses(story):
    path = story.get_absolute_url()
    return {f"http://testserver{prefix}{path}" for prefix in ("", "/de", "/fr")}


def test_every_published_story_is_in_some_file_in_every_language(client, six_addresses_per_file):
    published = ArticleFactory.create_batch(7)
    draft = ArticleFactory(draft=True)
    scheduled = ArticleFactory(scheduled=True)
    locations = sitemap_locations(client)
    for story in published:
        assert story_addresses(story) <= set(locations), story.slug
    assert not story_addresses(draft) & set(locations)
    assert not story_addresses(scheduled) & set(locations)
    assert len(locations) == len(set(locations))


def test_no_story_file_holds_more_than_the_limit(client, six_addresses_per_file):
    ArticleFactory.create_batch(9)
    files = [address for address in sitemap_files(client) if "sitemap-articles" in address]
    assert len(files) >= 5
    for address in files:
        body = client.get(address.removeprefix("http://testserver")).content.decode()
        assert body.count("<url>") <= 6


def test_the_index_names_the_other_files(client):
    ArticleFactory()
    files = sitemap_files(client)
    for section in ("home", "categories", "articles", "authors"):
        assert f"http://testserver/sitemap-{section}.xml" in files


def test_a_file_beyond_the_last_and_a_page_that_is_no_number_are_404(client):
    ArticleFactory()
    assert client.get("/sitemap-articles.xml?p=99").status_code == 404
    assert client.get("/sitemap-articles.xml?p=two").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_a_story_file_keeps_its_stories_when_newer_ones_arrive(client, six_addresses_per_file):
    ArticleFactory.create_batch(5)
    files = [address for address in sitemap_files(client) if "sitemap-articles" in address]
    earlier = [client.get(address.removeprefix("http://testserver")).content for address in files]
    ArticleFactory.create_batch(3)
    for address, before in zip(files[:-1], earlier[:-1], strict=True):
        assert client.get(address.removeprefix("http://testserver")).content == before


def test_a_story_file_reads_a_fixed_number_of_queries(
    client, six_addresses_per_file, django_assert_max_num_queries
):
    stories = ArticleFactory.create_batch(6)
    with django_assert_max_num_queries(4):
        response = client.get(f"/sitemap-articles.xml?p={file_of(stories[-1])}")
    assert stories[-1].slug in response.content.decode()


@pytest.mark.parametrize("section", ["home", "categories", "authors", "articles"])
def test_every_file_says_what_django_s_own_sitemap_would(client, section, settings):
    # Our get_urls works each page out once for all its languages; Django's works out each
    # address and alternate on its own. Both must list the same addresses, dates, alternates.
    stories = ArticleFactory.create_batch(3)
    # A byline's slug may be in any script: written as reverse() quotes it.
    Byline.objects.filter(user=stories[0].author).update(slug="zoë-łukasiewicz")
    sitemap = SITEMAPS[section]()
    site = RequestSite(RequestFactory().get("/"))
    page = file_of(stories[0]) if section == "articles" else 1
    fast = sitemap.get_urls(page=page, site=site, protocol="http")
    if section == "articles":
        # Django's way, through the stories' own get_absolute_url in each language.
        stories = {story.slug: story for story in Article.objects.all()}
        sitemap.location = lambda row: stories[row.slug].get_absolute_url()
    if section == "authors":
        sitemap.location = lambda byline: byline.get_absolute_url()
    slow = Sitemap.get_urls(sitemap, page=page, site=site, protocol="http")
    shown = ["location", "lastmod", "changefreq", "priority", "alternates"]
    assert [[url[key] for key in shown] for url in fast] == [
        [url[key] for key in shown] for url in slow
    ]
    assert len(fast) == len(slow) >= len(settings.LANGUAGES)


def test_a_story_file_is_xml_with_its_last_change_as_last_modified(client):
    story = ArticleFactory()
    response = client.get(f"/sitemap-articles.xml?p={file_of(story)}")
    assert response["Content-Type"] == "application/xml"
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    root = ElementTree.fromstring(response.content)
    assert len(root) == 3
    day = timezone.localdate(max(story.updated_at, story.published_at))
    assert response["Last-Modified"] == http_date(
        datetime.combine(day, time.min, tzinfo=UTC).timestamp()
    )

"""Home, section and author pages carry a canonical address and OpenGraph tags, like stories."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db


class _HeadTags(HTMLParser):
    """The page's canonical link and its meta tags, keyed by property or name."""

    def __init__(self, html):
        super().__init__()
        self.canonical = []
        self.meta = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs["content"]


def head_tags(client, address):
    response = client.get(address)
    assert response.status_code == 200
    return _HeadTags(response.content.decode())


def test_home_page_has_a_canonical_link_and_opengraph_tags(client, settings):
    ArticleFactory()
    tags = head_tags(client, "/")
    assert tags.canonical == ["http://testserver/"]
    assert tags.meta["og:url"] == "http://testserver/"
    assert tags.meta["og:type"] == "website"
    assert tags.meta["og:title"] == settings.SITE_NAME
    assert tags.meta["og:site_name"] == settings.SITE_NAME
    assert tags.meta["og:description"] == tags.meta["description"] != ""


def test_section_page_describes_itself_with_the_sections_own_words(client):
    section = CategoryFactory(name="Harbour & Sea", description="Boats, tides and the quay.")
    ArticleFactory(category=section)
    tags = head_tags(client, section.get_absolute_url())
    url = f"http://testserver{section.get_absolute_url()}"
    assert tags.canonical == [url] and tags.meta["og:url"] == url
    assert tags.meta["og:type"] == "website"
    assert tags.meta["og:title"] == "Harbour & Sea"
    assert tags.meta["og:description"] == "Boats, tides and the quay."
    assert tags.meta["description"] == "Boats, tides and the quay."


def test_author_page_has_a_canonical_link_and_opengraph_tags(client, settings):
    author = UserFactory(first_name="Mira", last_name="Okafor")
    ArticleFactory(author=author)
    address = reverse("articles:author", args=["mira-okafor"])
    tags = head_tags(client, address)
    assert tags.canonical == [f"http://testserver{address}"]
    assert tags.meta["og:title"] == "Stories by Mira Okafor"
    assert tags.meta["og:description"] == f"Stories by Mira Okafor in {settings.SITE_NAME}."
    assert tags.meta["og:site_name"] == settings.SITE_NAME


def test_canonical_address_names_the_page_but_never_page_one(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    section = CategoryFactory()
    ArticleFactory.create_batch(5, category=section)
    base = f"http://testserver{section.get_absolute_url()}"
    assert head_tags(client, section.get_absolute_url()).canonical == [base]
    for asked in ("?page=1", "?page=1&utm_source=mail"):
        tags = head_tags(client, section.get_absolute_url() + asked)
        assert tags.canonical == [base] and tags.meta["og:url"] == base
    second = head_tags(client, section.get_absolute_url() + "?page=2&utm_source=mail")
    assert second.canonical == [f"{base}?page=2"]
    oldest = head_tags(client, section.get_absolute_url() + "?after=0&utm_source=mail")
    assert oldest.canonical == [f"{base}?after=0"]
    assert head_tags(client, "/?page=2").canonical == ["http://testserver/?page=2"]

"""Helpers for the page cache tests: fetch a page, and prove pages are being served cached."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, CategoryFactory


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def cache_pages(*urls):
    """Have each page cached, proving it: a second reader is served it with one query."""
    for url in urls:
        page(Client(), url)
        with CaptureQueriesContext(connection) as queries:
            page(Client(), url)
        assert len(queries) <= 1, f"{url} was not served from the cache"


def harbour_story():
    """A published story in the "local" section, headlined "Harbour reopens"."""
    return ArticleFactory(headline="Harbour reopens", category=CategoryFactory(slug="local"))

"""No request from an anonymous visitor, however malformed, gets a server error.

Every route the site has (its own, the admin's and those of third-party apps, found by walking
the URL configuration, plus the editor-tool addresses that once existed) is sent GET, HEAD and
POST requests with odd path values, query strings and form fields. Any 5xx fails the test.
"""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

RETIRED_URLS = [
    "/tinymce/compressor/",
    "/tinymce/filebrowser/",
    "/tinymce/flatpages_link_list/",
    "/tinymce/spellchecker/",
]
ODD_VALUES = [
    "0",
    "-1",
    "001",
    "99999999999999999999999",
    "x" * 1000,
    "%00",
    "%C0%AE",
    "caf%C3%A9%E2%80%AE",
    "%F0%9F%93%B0",
    "'%22%3E%3Cscript%3E",
    "..%2F..%2Fetc%2Fpasswd",
]
QUERY_NAMES = ["page", "comments", "replyto", "held", "next", "q", "section", "from", "to"]
FORM_FIELDS = [
    "text", "name", "email", "website", "token", "parent", "subject", "action", "categories",
    "next", "username", "password", "csrfmiddlewaretoken",
]  # fmt: skip


def routes(patterns=None, prefix=""):
    """Every route as a string such as "story/<slug:slug>/" (regular expressions as written)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def concrete_paths(route, known):
    """Paths for `route` with each placeholder filled by a known good value and by odd ones."""
    route = route.lstrip("^").rstrip("$")
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", route)
    if "<" not in route:
        return ["/" + route]
    placeholder = re.compile(r"<(?:\w+:)?(\w+)>")
    paths = ["/" + placeholder.sub(lambda match: known.get(match[1], "1"), route)]
    for value in ["0", "nope", "x" * 300, "%2e%2e"]:
        paths.append("/" + placeholder.sub(value, route))
    return paths


@pytest.fixture
def site(settings):
    # Uploads exist, so the media route reaches the file system (a long name once gave a 500).
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    story = ArticleFactory()
    comment = CommentFactory(article=story)
    return {
        "slug": story.slug,
        "article_id": str(story.pk),
        "comment_id": str(comment.pk),
        "username": story.author.username,
        "object_id": str(story.pk),
        "path": "lead-images/none.jpg",
    }


def test_no_route_answers_an_anonymous_visitor_with_a_server_error(site):
    client = Client(raise_request_exception=False)
    paths = sorted(
        {path for route in routes() for path in concrete_paths(route, site)} | set(RETIRED_URLS)
    )
    assert len(paths) > 50  # the walk found the admin and every app's routes
    failures = []
    for path in paths:
        # HEAD carries no value: once per path (sent with every value, it was a quarter of the
        # suite's slowest test).
        if (status := client.head(path).status_code) >= 500:
            failures.append((path, "HEAD", status))
        for value in ODD_VALUES:
            query = "&".join(f"{name}={value}" for name in QUERY_NAMES)
            form = {name: value for name in FORM_FIELDS}
            answers = [
                client.get(f"{path}?{query}"),
                client.post(path, form),
                client.post(f"{path}?{query}", "\x00{not a form", content_type="text/plain"),
            ]
            failures += [(path, value, a.status_code) for a in answers if a.status_code >= 500]
    assert failures == []


@pytest.mark.parametrize("host", ["TESTSERVER", "testserver:1", "testserver.", "bad_host!"])
def test_odd_host_headers_get_no_server_error(site, host):
    client = Client(raise_request_exception=False, HTTP_HOST=host)
    assert client.get("/").status_code < 500
    assert client.get(f"/story/{site['slug']}/").status_code < 500

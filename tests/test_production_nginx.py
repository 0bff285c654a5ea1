"""The shipped nginx configuration (scripts/nginx/newsroom.conf) in front of the production
site: anonymous readers share one cached copy whatever analytics cookies they carry, personal
requests pass through, pages go out gzipped, and the app's headers arrive untouched."""

import gzip
import http.client
import re
import statistics
import time

import pytest

from bench.nginx import Nginx
from newsroom.pagecache import personal_cookies
from tests.production_servers import PROJECT_DIR, STORY_PATH, SiteClient

HEADLINE = "Council agrees budget"
SECURITY_HEADERS = [
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
]


@pytest.fixture(scope="module")
def nginx(production_site, collected_static, tmp_path_factory):
    with Nginx(
        tmp_path_factory.mktemp("nginx"),
        upstream=f"127.0.0.1:{production_site.port}",
        static_root=collected_static,
    ) as server:
        yield server


def reader(nginx, cookies=None):
    """A reader behind the HTTPS load balancer, with only the cookies given."""
    client = SiteClient(nginx.port)
    client.cookies.update(cookies or {})
    return client


def story(nginx, cookies=None, headers=None):
    return reader(nginx, cookies).get(STORY_PATH, headers=headers)


def test_a_second_anonymous_reader_gets_the_cached_copy(nginx):
    first = story(nginx)
    second = story(nginx)
    assert first.status == second.status == 200
    assert HEADLINE in second.text
    assert second.headers["X-Cache-Status"] == "HIT"
    assert second.body == first.body


def test_a_reader_with_an_analytics_cookie_shares_that_copy(nginx):
    plain = story(nginx)
    tracked = story(nginx, cookies={"_ga": "GA1.2.123.456"})
    assert tracked.headers["X-Cache-Status"] == "HIT"
    assert tracked.body == plain.body


def test_a_signed_in_request_bypasses_the_cache(nginx):
    story(nginx)
    personal = story(nginx, cookies={"sessionid": "not-a-real-session"})
    assert personal.status == 200
    assert personal.headers["X-Cache-Status"] == "BYPASS"
    assert "private" in personal.headers["Cache-Control"]
    # And the copy it got was not stored for others: the next reader still gets the shared one.
    assert "public" in story(nginx).headers["Cache-Control"]


@pytest.mark.parametrize("cookie", sorted(personal_cookies()))
def test_every_personal_cookie_bypasses_the_cache(nginx, cookie):
    assert story(nginx, cookies={cookie: "x"}).headers["X-Cache-Status"] == "BYPASS"


def test_the_shipped_config_names_every_personal_cookie_the_app_has():
    config = (PROJECT_DIR / "scripts" / "nginx" / "newsroom.conf").read_text()
    listed = re.search(r"\(sessionid\|([\w|]+)\)=", config)
    assert {"sessionid", *listed.group(1).split("|")} == personal_cookies()


def test_pages_are_gzipped_for_readers_who_ask_and_plain_for_others(nginx):
    for _ in range(2):
        zipped = story(nginx, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert zipped.headers["X-Cache-Status"] == "HIT"
    assert HEADLINE in gzip.decompress(zipped.body).decode()
    plain = story(nginx)
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(zipped.body) == plain.body


def test_personal_pages_are_gzipped_by_nginx(nginx):
    page = story(nginx, cookies={"sessionid": "x"}, headers={"Accept-Encoding": "gzip"})
    assert page.headers["Content-Encoding"] == "gzip"
    assert HEADLINE in gzip.decompress(page.body).decode()


def test_no_cookie_reaches_an_anonymous_reader(nginx):
    for cookies in ({}, {}, {"_ga": "GA1.2.123.456"}):
        response = story(nginx, cookies=cookies)
        assert response.headers.get_all("Set-Cookie") is None


def test_the_apps_security_headers_arrive_untouched(nginx, production_site):
    direct = production_site.client().get(STORY_PATH)
    story(nginx)
    cached = story(nginx)
    assert cached.headers["X-Cache-Status"] == "HIT"
    for header in SECURITY_HEADERS:
        assert cached.headers.get_all(header) == direct.headers.get_all(header), header


def test_hashed_static_files_are_served_by_nginx_for_a_year(nginx, collected_static):
    hashed = next(
        path
        for path in sorted(collected_static.rglob("*.css"))
        if re.fullmatch(r".+\.[0-9a-f]{12}\.css", path.name)
    )
    url = "/static/" + hashed.relative_to(collected_static).as_posix()
    response = reader(nginx).get(url, headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    cache_control = ", ".join(response.headers.get_all("Cache-Control"))
    assert "max-age=31536000" in cache_control
    assert "immutable" in cache_control
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Encoding"] == "gzip"
    assert "X-Cache-Status" not in response.headers


LONG_STORY_PATH = "/story/a-long-read/"
LONG_STORY = """
from django.contrib.auth import get_user_model
from articles.models import Article, Category
Article.objects.create(
    headline="A long read", slug="a-long-read", standfirst="Many paragraphs.",
    body="<p>The harbour wall was built in stone and rebuilt in concrete.</p>" * 700,
    category=Category.objects.get(slug="politics"),
    author=get_user_model().objects.get(username="editor"), status="published",
)
"""


@pytest.fixture
def long_story(production_site):
    """A story whose page is a little over 64 KB (72 KB), as one with 50 comments is."""
    production_site.manage("shell", "-v", "0", "-c", LONG_STORY)
    yield LONG_STORY_PATH
    production_site.manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from articles.models import Article; Article.objects.filter(slug='a-long-read').delete()",
    )


def test_a_large_cached_page_comes_without_a_stall_on_a_kept_alive_connection(nginx, long_story):
    """With TCP_NOPUSH (Debian's nginx.conf, and bench/nginx.py's, turn it on with sendfile),
    each cached page over about 64 KB ended with its last packet held back until the reader's
    acknowledgement timer ran out: at least 40 ms a page, however fast the machine."""
    # One connection kept open for every page (SiteClient opens one per request).
    connection = http.client.HTTPConnection("127.0.0.1", nginx.port, timeout=30)
    headers = reader(nginx).balancer_headers()
    took = []
    try:
        for _ in range(30):
            started = time.perf_counter()
            connection.request("GET", long_story, headers=headers)
            response = connection.getresponse()
            body = response.read()
            took.append(time.perf_counter() - started)
    finally:
        connection.close()
    assert response.status == 200
    assert response.headers["X-Cache-Status"] == "HIT"
    assert len(body) > 64 * 1024
    # The first two fill the cache. The stall starts after a few pages, once the connection
    # leaves its quick-acknowledgement start: most of the 28 HITs stalled.
    assert statistics.median(took[2:]) < 0.02, took

"""The site as a production machine runs it: gunicorn workers, DEBUG off, whitenoise serving
collected static files, a shared Redis cache, behind an HTTPS load balancer."""

import json
import re
import uuid

import pytest

from tests.production_servers import ProductionSite, csrf_token

EDITOR_PASSWORD = "a long editor passphrase for the test"
CREATE_STORY = """
from django.contrib.auth import get_user_model
from articles.models import Article, Category
author = get_user_model().objects.get(username="editor")
section = Category.objects.create(name="Politics", slug="politics")
Article.objects.create(
    headline="Council agrees budget", slug="council-agrees-budget", standfirst="After a vote.",
    body="<p>The council met.</p>", category=section, author=author, status="published",
)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, collected_static, redis_url):
    site = ProductionSite(
        tmp_path_factory.mktemp("site"),
        collected_static,
        workers=2,
        CACHE_URL=f"{redis_url}?key_prefix=site-{uuid.uuid4().hex}",
        TRUSTED_PROXY_COUNT="1",
        DJANGO_SUPERUSER_PASSWORD=EDITOR_PASSWORD,
    )
    try:
        site.manage("migrate", "--noinput")
        site.manage("createsuperuser", "--noinput", "--username", "editor", "--email", "e@x.test")
        site.manage("shell", "-v", "0", "-c", CREATE_STORY)
        yield site.start()
    finally:
        site.stop()


def test_pages_over_https_carry_every_security_header(site):
    response = site.client().get("/story/council-agrees-budget/")

    assert response.status == 200
    assert "Council agrees budget" in response.text
    headers = response.headers
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "script-src 'self';" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]


def test_plain_http_is_redirected_to_https(site):
    response = site.client(https=False).get("/story/council-agrees-budget/")

    assert response.status == 301
    assert response.headers["Location"] == "https://localhost/story/council-agrees-budget/"


def test_the_load_balancer_health_check_is_answered_over_plain_http(site):
    response = site.client(https=False).get("/healthz")

    assert response.status == 200
    assert json.loads(response.body) == {"status": "ok"}


def test_static_files_have_hashed_names_compression_and_far_future_caching(site):
    page = site.client().get("/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page.text)
    assert stylesheet, "the page should link the stylesheet under its hashed name"

    response = site.client().get(stylesheet.group(1), headers={"Accept-Encoding": "gzip"})

    assert response.status == 200
    assert response.headers["Content-Encoding"] == "gzip"
    cache_control = response.headers["Cache-Control"]
    assert "immutable" in cache_control
    max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1))
    assert max_age >= 365 * 24 * 3600


def test_cookies_are_secure_httponly_and_samesite(site):
    response = site.client().get("/admin/login/")

    (csrf_cookie,) = [
        header
        for header in response.headers.get_all("Set-Cookie")
        if header.startswith("csrftoken=")
    ]
    flags = {flag.strip().lower() for flag in csrf_cookie.split(";")[1:]}
    assert {"secure", "httponly", "samesite=lax"} <= flags


def log_in(client, password):
    form = client.get("/admin/login/")
    return client.post(
        "/admin/login/",
        {"csrfmiddlewaretoken": csrf_token(form), "username": "editor", "password": password},
    )


def test_admin_lockout_holds_across_workers_through_redis(site):
    client = site.client(client_address="198.51.100.40")
    for _ in range(5):
        response = log_in(client, "a wrong guess")
        assert "Please enter the correct username and password" in response.text

    response = log_in(client, EDITOR_PASSWORD)

    assert response.status == 200
    assert "Too many failed login attempts" in response.text
    assert log_in(site.client(client_address="203.0.113.9"), EDITOR_PASSWORD).status == 302


def test_logs_are_one_json_object_per_line(site):
    site.client().get("/healthz")

    lines = [line for line in site.log_path.read_text().splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]

    assert all({"time", "level", "logger", "message"} <= record.keys() for record in records)
    requests = [record for record in records if record["logger"] == "gunicorn.access"]
    assert any(record["path"] == "/healthz" and record["status"] == "200" for record in requests)

"""The site as a production machine runs it: gunicorn workers, DEBUG off, whitenoise serving
collected static files, a shared Redis cache, behind an HTTPS load balancer."""

import json
import re

from tests.html import assert_has_element
from tests.production_servers import EDITOR_PASSWORD, EDITOR_USERNAME, STORY_PATH, csrf_token


def test_pages_over_https_carry_every_security_header(production_site):
    response = production_site.client().get(STORY_PATH)

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


def test_plain_http_is_redirected_to_https(production_site):
    response = production_site.client(https=False).get(STORY_PATH)

    assert response.status == 301
    assert response.headers["Location"] == f"https://localhost{STORY_PATH}"


def test_the_load_balancer_health_check_is_answered_over_plain_http(production_site):
    response = production_site.client(https=False).get("/healthz")

    assert response.status == 200
    assert json.loads(response.body) == {"status": "ok"}


def test_static_files_have_hashed_names_compression_and_far_future_caching(production_site):
    page = production_site.client().get("/")
    hashed_name = re.compile(r"/static/css/site\.[0-9a-f]{12}\.css")
    stylesheet = assert_has_element(page.text, "link", href=hashed_name)["href"]

    response = production_site.client().get(stylesheet, headers={"Accept-Encoding": "gzip"})

    assert response.status == 200
    assert response.headers["Content-Encoding"] == "gzip"
    cache_control = response.headers["Cache-Control"]
    assert "immutable" in cache_control
    max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1))
    assert max_age >= 365 * 24 * 3600


def test_cookies_are_secure_httponly_and_samesite(production_site):
    response = production_site.client().get("/admin/login/")

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
        {
            "csrfmiddlewaretoken": csrf_token(form),
            "username": EDITOR_USERNAME,
            "password": password,
        },
    )


def test_admin_lockout_holds_across_workers_through_redis(production_site):
    client = production_site.client(client_address="198.51.100.40")
    for _ in range(5):
        response = log_in(client, "a wrong guess")
        assert "Please enter the correct username and password" in response.text

    response = log_in(client, EDITOR_PASSWORD)

    assert response.status == 200
    assert "Too many failed login attempts" in response.text
    assert (
        log_in(production_site.client(client_address="203.0.113.9"), EDITOR_PASSWORD).status == 302
    )


def test_logs_are_one_json_object_per_line(production_site):
    production_site.client().get("/healthz")

    lines = [line for line in production_site.log_path.read_text().splitlines() if line.strip()]
    not_json = [line for line in lines if not line.startswith("{")]
    assert not_json == [], "everything on stdout should be a JSON log record"
    records = [json.loads(line) for line in lines]

    assert all({"time", "level", "logger", "message"} <= record.keys() for record in records)
    requests = [record for record in records if record["logger"] == "gunicorn.access"]
    assert any(record["path"] == "/healthz" and record["status"] == "200" for record in requests)

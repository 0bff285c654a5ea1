"""Security headers on every response: a Content-Security-Policy that runs no inline script,
a restrictive Permissions-Policy, nosniff, Referrer-Policy, frame denial, and cookie flags."""

import re
from pathlib import Path

import pytest

from tests.factories import ArticleFactory, StaffFactory

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


def csp_directives(response):
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "story", "admin-login"])
def test_scripts_may_only_come_from_our_own_files(client, page):
    url = {
        "home": "/",
        "story": ArticleFactory().get_absolute_url(),
        "admin-login": "/admin/login/",
    }[page]

    directives = csp_directives(client.get(url))

    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["story", "rich-text-editor"])
def test_no_page_allows_inline_styles_either(client, staff_client, page):
    if page == "story":
        response = client.get(ArticleFactory().get_absolute_url())
    else:
        response = staff_client.get("/admin/articles/article/add/")
        assert "tinymce" in response.text

    assert csp_directives(response)["style-src"] == ["'self'"]


@pytest.mark.django_db
def test_assets_on_a_cdn_are_allowed_for_what_our_origin_may_load(client, settings):
    settings.STATIC_URL = "https://cdn.example.net/static/"

    directives = csp_directives(client.get("/"))

    assert directives["script-src"] == ["'self'", "https://cdn.example.net"]
    assert directives["style-src"] == ["'self'", "https://cdn.example.net"]
    assert directives["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_https_pages_ask_the_browser_to_upgrade_insecure_requests(client):
    assert "upgrade-insecure-requests" in client.get("/", secure=True)["Content-Security-Policy"]
    assert "upgrade-insecure-requests" not in client.get("/")["Content-Security-Policy"]


@pytest.mark.django_db
def test_pages_switch_off_device_features_a_news_site_never_uses(client):
    policy = client.get("/").headers["Permissions-Policy"]

    features = dict(item.strip().split("=") for item in policy.split(","))
    for feature in ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]:
        assert features[feature] == "()"


@pytest.mark.django_db
def test_pages_forbid_sniffing_framing_and_leaking_full_referrers(client):
    response = client.get("/")

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


COOKIE_PAGE = "/test/set-cookies/?name=bare_cookie&strict=strict_cookie"


# These cookies are undeclared on purpose: no real cookie of the site lacks its flags. Outside
# DEBUG the consent middleware would drop them, so these tests run as a developer would.
@pytest.mark.sets_undeclared_cookie
@pytest.mark.django_db
@pytest.mark.urls("tests.urls")
def test_every_cookie_leaves_with_samesite(client, settings):
    settings.DEBUG = True
    response = client.get(COOKIE_PAGE)

    assert response.cookies["bare_cookie"]["samesite"] == "Lax"
    assert response.cookies["strict_cookie"]["samesite"] == "Strict"


@pytest.mark.sets_undeclared_cookie
@pytest.mark.django_db
@pytest.mark.urls("tests.urls")
def test_cookies_are_secure_over_https_when_secure_cookies_are_on(client, settings):
    settings.DEBUG = True
    settings.SECURE_COOKIES = True

    over_https = client.get(COOKIE_PAGE, secure=True)
    over_http = client.get(COOKIE_PAGE)

    assert over_https.cookies["bare_cookie"]["secure"] is True
    assert not over_http.cookies["bare_cookie"]["secure"]


@pytest.mark.django_db
def test_csrf_and_session_cookies_are_httponly_and_samesite(client):
    editor = StaffFactory()  # the factory's password is "correct horse battery staple"
    login_page = client.get("/admin/login/")
    signed_in = client.post(
        "/admin/login/", {"username": editor.username, "password": "correct horse battery staple"}
    )

    assert signed_in.status_code == 302
    for cookie in (login_page.cookies["csrftoken"], signed_in.cookies["sessionid"]):
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=", re.I)


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES_DIR.rglob("*.html")), ids=lambda path: str(path.name)
)
def test_templates_hold_no_inline_script_handler_or_style(template):
    # The policy would block them in the browser; failing here says where they are.
    source = template.read_text()

    assert not INLINE_SCRIPT.search(source), "inline <script>: move it to static/<app>/"
    assert not INLINE_HANDLER.search(source), "inline event handler: bind it from a static script"
    assert not INLINE_STYLE.search(source), "style attribute: use a class in a stylesheet"

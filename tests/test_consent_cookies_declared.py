"""Every cookie the site sets is declared, and no optional one is set without consent."""

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.urls import path, reverse

from consent.catalogue import get_catalogue
from consent.models import Action
from newsroom.urls import urlpatterns as site_urlpatterns
from tests.consent_forms import current_policy
from tests.factories import (
    ArticleFactory,
    StaffFactory,
    comment_form_data,
    signed_consent_cookie,
)

pytestmark = pytest.mark.django_db
OPTIONAL = ["functional", "analytical", "performance", "advertisement"]


def set_every_declared_cookie(request):
    response = HttpResponse("all cookies")
    for category in get_catalogue().categories:
        for cookie in category.cookies:
            response.set_cookie(cookie.name.rstrip("*") + ("x" if cookie.is_pattern else ""), "1")
    return response


urlpatterns = [
    path("test/every-cookie/", set_every_declared_cookie),
    # i18n_patterns cannot be included, only listed.
    *site_urlpatterns,
]


def cookies_set(response):
    return {name for name, morsel in response.cookies.items() if morsel["max-age"] != 0}


def test_every_cookie_the_site_sets_is_declared(client):
    seen = set()
    article = ArticleFactory()
    pages = [
        "/",
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        article.author_url,
        "/feeds/rss/",
        "/feeds/atom/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/robots.txt",
        "/.well-known/gpc.json",
        "/no/such/page/",
        "/consent/preferences/?next=/",
        "/consent/history/",
    ]
    for page in pages:
        seen |= cookies_set(client.get(page))
    for action in ("accept_all", "save", "reject_all"):
        seen |= cookies_set(
            client.post("/consent/", {"policy": current_policy(), "action": action, "next": "/"})
        )
        seen |= cookies_set(client.get("/"))  # shows, then clears, the saved notice
    seen |= cookies_set(client.get("/", headers={"Sec-GPC": "1"}))
    seen |= cookies_set(client.post("/language/", {"language": "de", "next": "/"}))
    held = client.post(reverse("comments:post", args=[article.pk]), comment_form_data(article))
    assert held.status_code == 302
    seen |= cookies_set(held)
    StaffFactory(username="desk")
    login = client.post(
        "/admin/login/",
        {"username": "desk", "password": "correct horse battery staple", "next": "/admin/"},
    )
    assert login.status_code == 302
    seen |= cookies_set(login)
    seen |= cookies_set(client.get("/admin/"))
    assert {
        "newsroom_consent",
        "newsroom_consent_id",
        "csrftoken",
        "sessionid",
        "messages",
        "newsroom_held",
        "newsroom_author",
        "django_language",
    } <= seen
    catalogue = get_catalogue()
    assert {name for name in seen if catalogue.category_of_cookie(name) is None} == set()
    assert get_user_model().objects.filter(username="desk").exists()


@pytest.mark.parametrize(
    "cookie",
    [
        pytest.param(None, id="no decision"),
        pytest.param(lambda: signed_consent_cookie([], Action.REJECT_ALL), id="rejected"),
        pytest.param(lambda: signed_consent_cookie(OPTIONAL, days_ago=400), id="expired"),
        pytest.param(
            lambda: signed_consent_cookie(OPTIONAL, policy_version="0" * 12), id="outdated"
        ),
        pytest.param(lambda: signed_consent_cookie(OPTIONAL)[:-2] + "xx", id="tampered"),
    ],
)
def test_no_optional_cookie_is_ever_set_without_consent(client, settings, cookie):
    settings.ROOT_URLCONF = __name__
    if cookie:
        client.cookies["newsroom_consent"] = cookie()
    sent = cookies_set(client.get("/test/every-cookie/"))
    catalogue = get_catalogue()
    assert sent == {
        "newsroom_consent",
        "newsroom_consent_id",
        "csrftoken",
        "sessionid",
        "messages",
        "newsroom_held",
        "newsroom_author",
        "newsroom_confirmed",
        "django_language",
    }
    assert all(catalogue.is_necessary(catalogue.category_of_cookie(name).slug) for name in sent)


def test_no_optional_cookie_is_set_under_gpc(client, settings):
    settings.ROOT_URLCONF = __name__
    response = client.get("/test/every-cookie/", headers={"Sec-GPC": "1"})
    assert "newsroom_commenter" not in cookies_set(response)


def test_allowed_optional_cookies_are_set(client, settings):
    settings.ROOT_URLCONF = __name__
    client.cookies["newsroom_consent"] = signed_consent_cookie(OPTIONAL, Action.ACCEPT_ALL)
    assert "newsroom_commenter" in cookies_set(client.get("/test/every-cookie/"))

"""request.consent: what counts as a decision, when it stops counting, and GPC."""

import base64
import json

import pytest
from django.core import signing
from django.db import connection
from django.http import JsonResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path

from consent.catalogue import get_catalogue
from consent.checks import check_consent_settings
from consent.decision import SIGNING_SALT
from consent.models import Action, ConsentRecord, CookieCategory
from consent.visitor import VisitorConsent
from newsroom.urls import urlpatterns as site_urlpatterns
from tests.consent_forms import current_policy
from tests.factories import ArticleFactory, CookieDeclarationFactory, signed_consent_cookie
from tests.html import find

pytestmark = pytest.mark.django_db
OPTIONAL = ["functional", "analytical", "performance", "advertisement"]


def what_is_allowed(request):
    slugs = ["necessary", *OPTIONAL]
    return JsonResponse(
        {
            "decided": request.consent.decided,
            "allowed": [slug for slug in slugs if request.consent.allows(slug)],
            "attributes": {slug: getattr(request.consent, slug) for slug in slugs},
        }
    )


urlpatterns = [
    path("test/allowed/", what_is_allowed),
    # i18n_patterns cannot be included, only listed.
    *site_urlpatterns,
]


@pytest.fixture(autouse=True)
def with_the_test_view(settings):
    settings.ROOT_URLCONF = __name__


def allowed(client, **headers):
    return client.get("/test/allowed/", headers=headers).json()


def with_cookie(client, value):
    client.cookies["newsroom_consent"] = value
    return client


def test_without_a_decision_only_necessary_is_allowed(client):
    assert allowed(client) == {
        "decided": False,
        "allowed": ["necessary"],
        "attributes": {"necessary": True, **dict.fromkeys(OPTIONAL, False)},
    }


@pytest.mark.usefixtures("every_category_in_use")
def test_a_signed_decision_allows_its_categories(client):
    with_cookie(client, signed_consent_cookie(["functional", "performance"]))
    result = allowed(client)
    assert result["decided"] is True
    assert result["allowed"] == ["necessary", "functional", "performance"]


def test_necessary_is_allowed_even_after_rejecting_all(client):
    with_cookie(client, signed_consent_cookie([], Action.REJECT_ALL))
    assert allowed(client)["allowed"] == ["necessary"]


@pytest.mark.parametrize(
    "payload",
    [
        {"d": 10**8},  # far in the future
        {"d": 2932896},  # the last day of the year 9999
        {"d": 2**63},
        {"d": -(2**63)},
        {"d": "soon"},
        {"c": 7},
        {"c": [["nested"]]},
        {"a": "grant_everything"},
    ],
)
def test_an_odd_cookie_signed_with_our_key_is_no_decision(client, payload):
    # The development key is public, so anyone can sign a cookie for a site that runs on it.
    value = {
        "c": OPTIONAL,
        "a": "accept_all",
        "p": get_catalogue().version,
        "d": 20_000,
        "g": 0,
        **payload,
    }
    with_cookie(client, signing.Signer(salt=SIGNING_SALT).sign_object(value))
    assert allowed(client)["allowed"] == ["necessary"]
    assert client.get("/").status_code == 200
    assert client.get("/consent/history/").status_code == 200


def test_the_decision_cookie_is_the_same_for_everyone_who_chose_alike(client):
    # It carries no id and no time finer than the day, so caches can share pages per decision.
    first = client.post(
        "/consent/", {"policy": current_policy(), "action": "accept_all", "next": "/"}
    )
    client.cookies.clear()
    second = client.post(
        "/consent/", {"policy": current_policy(), "action": "accept_all", "next": "/"}
    )

    assert first.cookies["newsroom_consent"].value == second.cookies["newsroom_consent"].value
    assert first.cookies["newsroom_consent_id"].value != second.cookies["newsroom_consent_id"].value


def test_unknown_attribute_is_not_a_category():
    consent = VisitorConsent(get_catalogue())
    assert consent.functional is False
    with pytest.raises(AttributeError):
        consent.no_such_category  # noqa: B018


def tampered(value):
    """The same cookie with the payload rewritten to allow everything, signature kept."""
    payload, _, rest = value.partition(":")
    data = json.loads(signing.b64_decode(payload.encode()))
    data["c"] = OPTIONAL
    forged = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode())
    return forged.decode().rstrip("=") + ":" + rest


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(lambda: tampered(signed_consent_cookie([])), id="payload rewritten"),
        pytest.param(lambda: signed_consent_cookie(OPTIONAL)[:-3] + "abc", id="signature edited"),
        pytest.param(lambda: signing.dumps({"c": OPTIONAL}, salt="other"), id="other salt"),
        pytest.param(
            lambda: signing.dumps({"v": "x", "c": OPTIONAL}, salt="newsroom.consent.decision"),
            id="signed but malformed",
        ),
        pytest.param(lambda: "garbage", id="garbage"),
        pytest.param(lambda: "a:b:c:d", id="colons"),
        pytest.param(lambda: "é" * 300, id="unicode"),
        pytest.param(lambda: "", id="empty"),
    ],
)
def test_tampered_or_malformed_cookie_means_no_decision(client, value):
    with_cookie(client, value())
    assert allowed(client) == {
        "decided": False,
        "allowed": ["necessary"],
        "attributes": {"necessary": True, **dict.fromkeys(OPTIONAL, False)},
    }
    response = client.get("/")
    assert response.status_code == 200
    assert find(response.content.decode(), class_="consent-banner") is not None


def test_expired_consent_is_asked_again(client):
    with_cookie(client, signed_consent_cookie(OPTIONAL, Action.ACCEPT_ALL, days_ago=183))
    assert allowed(client)["decided"] is False
    html = client.get("/").content.decode()
    assert "Your last choice has expired" in html


def test_consent_within_its_lifetime_still_counts(client):
    with_cookie(client, signed_consent_cookie(OPTIONAL, Action.ACCEPT_ALL, days_ago=181))
    assert allowed(client)["decided"] is True


def test_consent_lifetime_follows_the_setting(client, settings):
    settings.CONSENT_MAX_AGE_DAYS = 30
    with_cookie(client, signed_consent_cookie(OPTIONAL, days_ago=31))
    assert allowed(client)["decided"] is False


def test_consent_never_lasts_longer_than_13_months(client, settings):
    settings.CONSENT_MAX_AGE_DAYS = 1000
    with_cookie(client, signed_consent_cookie(OPTIONAL, days_ago=396))
    assert allowed(client)["decided"] is False


@pytest.mark.parametrize("days", [0, 396])
def test_the_system_check_refuses_a_consent_lifetime_outside_the_law(settings, days):
    settings.CONSENT_MAX_AGE_DAYS = days
    assert "consent.E001" in [error.id for error in check_consent_settings(None)]


def test_the_system_check_refuses_a_log_kept_shorter_than_consent_lasts(settings):
    settings.CONSENT_MAX_AGE_DAYS, settings.CONSENT_LOG_RETENTION_DAYS = 200, 100
    assert [error.id for error in check_consent_settings(None)] == ["consent.E002"]


def test_the_shipped_consent_settings_pass_the_system_check():
    assert check_consent_settings(None) == []


def test_policy_change_asks_again_and_says_what_changed(client):
    client.post("/consent/", {"policy": current_policy(), "action": "accept_all", "next": "/"})
    assert allowed(client)["decided"] is True
    CookieDeclarationFactory(name="stats_id")
    result = allowed(client)
    assert result["decided"] is False
    assert result["allowed"] == ["necessary"]
    html = client.get("/").content.decode()
    assert "Our cookies have changed" in html
    assert "New cookie: stats_id (Analytical)." in html


def test_each_visitor_is_told_their_own_reason_for_the_banner():
    """The banner's text is drawn once per reason and wording: a visitor asked again after a
    change, and a new visitor on the same page, must each get their own."""
    returning, new = Client(), Client()
    returning.post("/consent/", {"policy": current_policy(), "action": "accept_all", "next": "/"})
    CookieDeclarationFactory(name="stats_id")
    for _ in range(2):
        returning_banner = find(returning.get("/").content.decode(), class_="consent-banner")
        new_banner = find(new.get("/").content.decode(), class_="consent-banner")
        assert "Our cookies have changed" in returning_banner.text
        assert "New cookie: stats_id (Analytical)." in returning_banner.text
        assert "Your choice of cookies" in new_banner.text
        assert "changed" not in new_banner.text
        # Analytical is in use now, so both are told it would be asked for.
        assert "functional and analytical cookies" in new_banner.text


def test_policy_change_from_an_unknown_version_still_asks_again(client):
    with_cookie(client, signed_consent_cookie(OPTIONAL, policy_version="000000000000"))
    html = client.get("/").content.decode()
    assert "Our cookies have changed" in html
    assert find(html, class_="consent-changes") is None


def test_reordering_categories_does_not_ask_again(client):
    with_cookie(client, signed_consent_cookie(["analytical"]))
    category = CookieCategory.objects.get(slug="advertisement")
    category.order = 0
    category.save()
    assert allowed(client)["decided"] is True


# Global Privacy Control.


def test_gpc_refuses_every_optional_category_without_asking(client):
    result = allowed(client, **{"Sec-GPC": "1"})
    assert result == {
        "decided": True,
        "allowed": ["necessary"],
        "attributes": {"necessary": True, **dict.fromkeys(OPTIONAL, False)},
    }


def test_gpc_refusal_without_an_earlier_choice_is_honoured_without_storing_anything(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url(), headers={"Sec-GPC": "1"})
    html = response.content.decode()
    assert find(html, class_="consent-banner") is None
    assert "Global Privacy Control signal, so we have honoured it" in html
    assert "newsroom_consent" not in response.cookies
    for _ in range(20):
        client.get("/", headers={"Sec-GPC": "1"})
    assert not ConsentRecord.objects.exists()


def test_gpc_withdrawing_consent_is_logged_once_with_gpc_as_its_source(client):
    article = ArticleFactory()
    with_cookie(client, signed_consent_cookie(OPTIONAL, Action.ACCEPT_ALL))
    response = client.get(article.get_absolute_url(), headers={"Sec-GPC": "1"})
    record = ConsentRecord.objects.get()
    assert record.action == Action.GPC
    assert record.page == article.get_absolute_url()
    assert record.allowed_slugs() == ["necessary"]
    assert "newsroom_consent" in response.cookies
    for _ in range(20):
        client.get("/", headers={"Sec-GPC": "1"})
    assert ConsentRecord.objects.count() == 1


def test_gpc_overrides_consent_given_without_it_and_deletes_its_cookies(client):
    with_cookie(client, signed_consent_cookie(OPTIONAL, Action.ACCEPT_ALL))
    client.cookies["newsroom_commenter"] = "Ada"
    response = client.get("/", headers={"Sec-GPC": "1"})
    assert ConsentRecord.objects.get().action == Action.GPC
    assert response.cookies["newsroom_commenter"]["max-age"] == 0
    assert allowed(client, **{"Sec-GPC": "1"})["allowed"] == ["necessary"]


def test_an_opt_in_made_under_gpc_is_honoured(client):
    client.get("/", headers={"Sec-GPC": "1"})
    client.post(
        "/consent/",
        {"policy": current_policy(), "action": "save", "categories": ["functional"]},
        headers={"Sec-GPC": "1"},
    )
    assert allowed(client, **{"Sec-GPC": "1"})["allowed"] == ["necessary", "functional"]
    html = client.get("/", headers={"Sec-GPC": "1"}).content.decode()
    assert "on only because you chose them" in html
    assert [r.action for r in ConsentRecord.objects.order_by("pk")] == ["custom"]


def test_gpc_is_not_logged_on_feeds(client):
    ArticleFactory()
    response = client.get("/feeds/rss/", headers={"Sec-GPC": "1"})
    assert response.status_code == 200
    assert not ConsentRecord.objects.exists()
    assert "newsroom_consent" not in response.cookies


def test_gpc_zero_is_not_a_refusal(client):
    assert allowed(client, **{"Sec-GPC": "0"})["decided"] is False


def test_a_page_reads_the_catalogue_once_even_with_nothing_kept(client, settings):
    # The CSP's tag hosts and the dialog both need the catalogue: with a cold store (a new
    # release, an evicted entry) the page must not load it twice.
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    story = ArticleFactory()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    loads = [q for q in queries.captured_queries if 'FROM "consent_cookiecategory"' in q["sql"]]
    assert len(loads) == 1

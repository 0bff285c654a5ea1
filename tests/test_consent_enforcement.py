"""The server's own cookies obey the visitor's choices, and consent costs no query when warm."""

import logging

import pytest
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from consent.models import Action, CookieDeclaration
from tests.consent_forms import current_policy
from tests.factories import ArticleFactory, CookieDeclarationFactory, signed_consent_cookie
from tests.html import find

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.urls")]


def with_cookie(client, value):
    client.cookies["newsroom_consent"] = value
    return client


def set_cookie_names(client, *names, delete=(), **headers):
    query = "&".join([f"name={name}" for name in names] + [f"delete={name}" for name in delete])
    response = client.get(f"/test/set-cookies/?{query}", headers=headers)
    return response, {name for name, morsel in response.cookies.items() if morsel["max-age"] != 0}


def test_optional_cookie_is_dropped_without_consent(client):
    _, sent = set_cookie_names(client, "newsroom_commenter", "messages")
    assert sent == {"messages"}


def test_optional_cookie_is_sent_once_its_category_is_allowed(client):
    with_cookie(client, signed_consent_cookie(["functional"]))
    _, sent = set_cookie_names(client, "newsroom_commenter")
    assert sent == {"newsroom_commenter"}


def test_cookie_of_a_refused_category_is_dropped_even_when_others_are_allowed(client):
    CookieDeclarationFactory(name="stats_id")
    with_cookie(client, signed_consent_cookie(["functional"]))
    _, sent = set_cookie_names(client, "newsroom_commenter", "stats_id")
    assert sent == {"newsroom_commenter"}


def test_name_patterns_are_enforced(client):
    CookieDeclarationFactory(name="_stats_*")
    _, sent = set_cookie_names(client, "_stats_42")
    assert sent == set()


def test_deleting_a_refused_cookie_is_always_allowed(client):
    response, _ = set_cookie_names(client, delete=["newsroom_commenter"])
    assert response.cookies["newsroom_commenter"]["max-age"] == 0


@pytest.mark.sets_undeclared_cookie
def test_undeclared_cookie_is_reported_and_kept_while_developing(client, caplog, settings):
    settings.DEBUG = True
    with caplog.at_level(logging.WARNING, logger="consent.enforcement"):
        _, sent = set_cookie_names(client, "mystery")
    assert sent == {"mystery"}
    assert "Undeclared cookie 'mystery'" in caplog.text


def test_declared_cookies_are_not_reported(client, caplog):
    with caplog.at_level(logging.WARNING, logger="consent.enforcement"):
        set_cookie_names(client, "messages", "newsroom_commenter")
    assert caplog.text == ""


def test_pages_vary_on_cookie_and_gpc(client):
    vary = client.get("/")["Vary"]
    assert "Cookie" in vary and "Sec-GPC" in vary


def consent_queries(queries):
    return [query for query in queries if "consent_" in query["sql"]]


def test_consent_costs_no_query_on_a_warm_cache(client):
    article = ArticleFactory()
    with_cookie(client, signed_consent_cookie(["functional"]))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert find(response.content.decode(), class_="consent-dialog") is not None
    assert consent_queries(queries.captured_queries) == []


def test_consent_costs_five_queries_on_a_cold_cache(client):
    # Categories with their cookies, active tags, the Consent Mode mapping, the embed
    # providers, and the check that the version shown is kept (to explain a later change);
    # once per edit.
    article = ArticleFactory()
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url())
    assert len(consent_queries(queries.captured_queries)) == 5


def test_responses_without_cookies_never_load_consent(client, django_assert_num_queries):
    cache.clear()
    with django_assert_num_queries(0):
        assert client.get("/robots.txt").status_code == 200


def test_enforcement_fails_closed_when_the_catalogue_is_unavailable(client, monkeypatch):

    def broken(request):
        raise DatabaseError("database down")

    monkeypatch.setattr("consent.middleware.consent_for_request", broken)
    _, sent = set_cookie_names(client, "newsroom_commenter", "messages")
    assert sent == {"messages"}


def test_declarations_with_a_domain_and_path_are_deleted_there(client):
    CookieDeclaration.objects.filter(name="newsroom_commenter").update(
        domain=".example.test", path="/comments/"
    )
    cache.clear()
    with_cookie(client, signed_consent_cookie(["functional"], Action.CUSTOM))
    response = client.post(
        "/consent/", {"policy": current_policy(), "action": "reject_all", "next": "/"}
    )
    morsel = response.cookies["newsroom_commenter"]
    assert morsel["max-age"] == 0
    assert (morsel["domain"], morsel["path"]) == (".example.test", "/comments/")

"""The no-JavaScript preferences page, the visitor's own consent record, and gpc.json."""

import uuid

import pytest
from django.urls import reverse

from consent.models import Action, ConsentRecord
from tests.consent_forms import OPTIONAL, banner_of, current_policy, decide, html_of, switches
from tests.factories import (
    ArticleFactory,
    ConsentRecordFactory,
    signed_consent_cookie,
    signed_consent_id_cookie,
)
from tests.html import assert_has_element, assert_in_html, parse

pytestmark = pytest.mark.django_db


def test_preferences_page_works_without_javascript(client):
    article = ArticleFactory()
    response = client.get(f"{reverse('consent:preferences')}?next={article.get_absolute_url()}")
    html = html_of(response)
    assert response.status_code == 200
    assert_has_element(html, "h1", id="consent-page-title")
    assert_has_element(html, "input", name="next", value=article.get_absolute_url())
    assert_in_html(f'<a href="{article.get_absolute_url()}">Back to where you were</a>', html)
    assert banner_of(html) is None and parse(html).find("dialog") is None
    assert_in_html('<meta name="robots" content="noindex">', html)
    assert switches(html)["functional"] == (False, False)


@pytest.mark.usefixtures("every_category_in_use")
def test_preferences_page_shows_the_current_choices(client):
    decide(client, "save", categories=["advertisement"])
    found = switches(html_of(client.get(reverse("consent:preferences"))))
    assert found == {
        "necessary": (True, True),
        "functional": (False, False),
        "analytical": (False, False),
        "performance": (False, False),
        "advertisement": (True, False),
    }


@pytest.mark.usefixtures("every_category_in_use")
def test_history_page_shows_the_visitors_consent_id_and_choices(client):
    decide(client, "accept_all", next_path="/category/local/")
    decide(client, "save", categories=["functional"])
    ConsentRecordFactory()  # someone else's
    visitor_id = str(ConsentRecord.objects.order_by("pk").first().visitor_id)
    html = html_of(client.get(reverse("consent:history")))
    assert visitor_id in html
    table = parse(html).one("table", class_="consent-history")
    assert len(table.find_all("tr")) == 1 + 2  # the header and the visitor's two decisions
    assert "Withdrew consent" in table.text and "Accepted all" in table.text
    assert "/category/local/" in table.text
    assert "You currently allow: Necessary, Functional." in html


@pytest.mark.parametrize(
    ("secure", "cookie"), [(False, "newsroom_consent_id"), (True, "__Host-newsroom_consent_id")]
)
def test_history_page_names_the_cookie_that_holds_the_consent_id(client, secure, cookie):
    data = {"action": "accept_all", "next": "/", "policy": current_policy()}
    client.post(reverse("consent:update"), data, secure=secure)
    page = parse(html_of(client.get(reverse("consent:history"), secure=secure)))
    sentence = page.one("code", class_="consent-id").parent
    assert [code.text for code in sentence.find_all("code")][1:] == [cookie]


def test_history_page_for_a_visitor_who_has_not_chosen(client):
    html = html_of(client.get(reverse("consent:history")))
    assert "You have not made a choice about cookies on this device yet" in html


def test_history_page_ignores_a_forged_consent_id(client):
    record = ConsentRecordFactory()
    client.cookies["newsroom_consent"] = f"{record.visitor_id}"
    html = html_of(client.get(reverse("consent:history")))
    assert str(record.visitor_id) not in html


def test_history_page_for_an_expired_choice(client):
    visitor_id = uuid.uuid4()
    ConsentRecordFactory(visitor_id=visitor_id, action=Action.ACCEPT_ALL)
    client.cookies["newsroom_consent"] = signed_consent_cookie(
        OPTIONAL, Action.ACCEPT_ALL, days_ago=200
    )
    client.cookies["newsroom_consent_id"] = signed_consent_id_cookie(visitor_id)
    html = html_of(client.get(reverse("consent:history")))
    assert str(visitor_id) in html
    assert "it has expired" in html


def test_gpc_declaration_is_published(client):
    response = client.get("/.well-known/gpc.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"gpc": True, "lastUpdate": "2026-11-25"}

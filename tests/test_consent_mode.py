"""Google Consent Mode v2: the state every page sets before any tag, for every kind of decision,
and the tags an editor configured, loaded only with their category's consent."""

import json
import re

import pytest
from django.urls import reverse

from consent.models import Action, CookieCategory, Tag
from tests.consent_forms import current_policy
from tests.factories import ArticleFactory, TagFactory, signed_consent_cookie
from tests.html import parse

pytestmark = pytest.mark.django_db
STATE_URL = reverse("consent:state")
ALL_TYPES = [
    "ad_storage",
    "ad_user_data",
    "ad_personalization",
    "analytics_storage",
    "functionality_storage",
    "personalization_storage",
    "security_storage",
]
DENIED = {name: "denied" for name in ALL_TYPES} | {"security_storage": "granted"}
GRANTED = dict.fromkeys(ALL_TYPES, "granted")


def consent_calls(script):
    """[(command, state)] for each gtag("consent", ...) call, in order."""
    return [
        (command, json.loads(state))
        for command, state in re.findall(r'gtag\("consent", "(\w+)", (\{.*?\})\);', script)
    ]


def loaded_tags(script):
    return json.loads(re.search(r"loadTags\((\[.*?\])\);", script).group(1))


def state_script(client, cookie=None, **headers):
    if cookie:
        client.cookies["newsroom_consent"] = cookie
    response = client.get(STATE_URL, headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    return response.content.decode()


@pytest.fixture
def ads_and_analytics_tags(every_category_in_use):
    TagFactory()
    TagFactory(
        name="Ad network",
        provider="Adco",
        kind=Tag.Kind.SCRIPT,
        tag_id="",
        script_url="https://ads.adco.example/tag.js",
        category=CookieCategory.objects.get(slug="advertisement"),
    )


def test_every_page_loads_the_state_script_before_anything_else(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    page = parse(html)
    scripts = [script["src"] for script in page.find_all("script", src=True)]
    assert scripts[0] == STATE_URL
    head = list(page.one("head").iter())
    state_tag = next(e for e in head if e.tag == "script" and e.get("src") == "/consent/state.js")
    assert state_tag.attrs == {"src": "/consent/state.js"} and not state_tag.raw_text, (
        "loaded synchronously (no async or defer) in the head"
    )
    assert head.index(state_tag) < [e.tag for e in head].index("title")


def test_no_decision_means_everything_denied_and_waiting_for_an_update(client):
    script = state_script(client)
    assert consent_calls(script) == [("default", {**DENIED, "wait_for_update": 500})]
    assert 'gtag("set", "ads_data_redaction", true);' in script


@pytest.mark.usefixtures("ads_and_analytics_tags")
def test_no_tag_is_loaded_before_a_decision(client):
    assert loaded_tags(state_script(client)) == []


@pytest.mark.usefixtures("ads_and_analytics_tags")
def test_accept_all_grants_every_type_and_loads_every_tag(client):
    client.post(reverse("consent:update"), {"policy": current_policy(), "action": "accept_all"})
    script = state_script(client)
    assert consent_calls(script) == [
        ("default", {**DENIED, "wait_for_update": 500}),
        ("update", GRANTED),
    ]
    assert script.rstrip().count('"ads_data_redaction", false') == 1
    assert [tag["src"] for tag in loaded_tags(script)] == [
        "https://www.googletagmanager.com/gtag/js?id=G-TEST1234",
        "https://ads.adco.example/tag.js",
    ]


@pytest.mark.usefixtures("ads_and_analytics_tags")
def test_reject_all_updates_to_denied_and_loads_nothing(client):
    client.post(reverse("consent:update"), {"policy": current_policy(), "action": "reject_all"})
    script = state_script(client)
    assert consent_calls(script)[1] == ("update", DENIED)
    assert 'gtag("set", "ads_data_redaction", true);' in script.split('"update"')[1]
    assert loaded_tags(script) == []


@pytest.mark.usefixtures("ads_and_analytics_tags")
def test_a_custom_choice_grants_only_its_categories_types(client):
    client.post(
        reverse("consent:update"),
        {"policy": current_policy(), "action": "save", "categories": ["analytical"]},
    )
    script = state_script(client)
    assert consent_calls(script)[1] == ("update", DENIED | {"analytics_storage": "granted"})
    assert [tag["kind"] for tag in loaded_tags(script)] == ["ga4"]


@pytest.mark.usefixtures("ads_and_analytics_tags")
def test_functional_grants_functionality_and_personalization_storage(client):
    client.cookies["newsroom_consent"] = signed_consent_cookie(["functional"])
    script = state_script(client)
    assert consent_calls(script)[1] == (
        "update",
        DENIED | {"functionality_storage": "granted", "personalization_storage": "granted"},
    )


@pytest.mark.usefixtures("ads_and_analytics_tags")
def test_global_privacy_control_denies_everything_and_never_loads_a_tag(client):
    script = state_script(client, **{"Sec-GPC": "1"})
    assert consent_calls(script)[-1][1] == DENIED
    assert loaded_tags(script) == []
    # Not even after an explicit opt-in made while sending the signal.
    cookie = signed_consent_cookie(["analytical", "advertisement"], under_gpc=True)
    script = state_script(client, cookie, **{"Sec-GPC": "1"})
    assert consent_calls(script)[-1][1]["analytics_storage"] == "granted"
    assert loaded_tags(script) == []


@pytest.mark.usefixtures("ads_and_analytics_tags")
def test_an_expired_decision_counts_as_none(client, settings):
    cookie = signed_consent_cookie(
        ["analytical", "advertisement"], Action.ACCEPT_ALL, days_ago=settings.CONSENT_MAX_AGE_DAYS
    )
    script = state_script(client, cookie)
    assert consent_calls(script) == [("default", {**DENIED, "wait_for_update": 500})]
    assert loaded_tags(script) == []


def test_the_state_script_is_shared_by_everyone_in_the_same_consent_state(client):
    response = client.get(STATE_URL)
    assert "Cookie" in response["Vary"] and "Sec-GPC" in response["Vary"]
    assert "public" in response["Cache-Control"]
    other = client.get(STATE_URL, headers={"User-Agent": "another reader"})
    assert other.content == response.content


@pytest.mark.usefixtures("ads_and_analytics_tags")
def test_a_choice_sent_by_the_dialog_script_answers_with_the_update(client):
    response = client.post(
        reverse("consent:update"),
        {"policy": current_policy(), "action": "save", "categories": ["analytical"], "next": "/"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    payload = response.json()
    assert payload["consent_mode"] == DENIED | {"analytics_storage": "granted"}
    assert payload["ads_data_redaction"] is True
    assert [tag["kind"] for tag in payload["tags"]] == ["ga4"]
    assert "ad_frequency" in payload["refused_cookies"]
    assert "newsroom_consent" in response.cookies


def test_editors_see_which_category_grants_each_type(staff_client):
    html = staff_client.get(reverse("admin:consent_consentmodetype_changelist")).content.decode()
    for name in ALL_TYPES:
        assert name in html
    assert "Advertisement" in html and "Analytical" in html

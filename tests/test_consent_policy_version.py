"""A visitor only ever consents to what they were shown: every consent form carries the policy
version of the dialog it was drawn with, and an answer to another version records nothing."""

import pytest

from consent.models import ConsentRecord
from tests.consent_forms import banner_of, current_policy, decide, html_of
from tests.factories import CookieDeclarationFactory
from tests.html import find_all, parse

pytestmark = pytest.mark.django_db


def policy_fields(html):
    return {field["value"] for field in find_all(html, "input", type="hidden", name="policy")}


def test_every_consent_form_carries_the_version_it_was_drawn_with(client):
    html = html_of(client.get("/"))
    assert banner_of(html) is not None
    # The banner's form and the dialog's form.
    assert len(find_all(html, "input", type="hidden", name="policy")) == 2
    assert policy_fields(html) == {current_policy()}
    assert policy_fields(html_of(client.get("/consent/preferences/"))) == {current_policy()}


def test_accepting_a_page_drawn_before_a_change_records_nothing_and_shows_what_changed(client):
    shown = policy_fields(html_of(client.get("/")))
    CookieDeclarationFactory(name="_ga", provider="Google")
    response = decide(client, "accept_all", policy=shown.pop())
    assert response.status_code == 409
    assert not ConsentRecord.objects.exists()
    assert "newsroom_consent" not in response.cookies
    page = parse(html_of(response))
    notice = page.find(class_="consent-note", role="alert")
    assert "your choice was not saved" in notice.text
    assert "_ga" in notice.text  # what changed: the new cookie, named
    # The current dialog, to answer again; that answer counts.
    assert policy_fields(html_of(response)) == {current_policy()}
    assert decide(client, "accept_all").status_code == 303
    assert ConsentRecord.objects.get().policy_version == current_policy()


@pytest.mark.parametrize("posted", [None, "", "not-a-version", "x" * 5000])
def test_an_answer_naming_no_current_version_allows_nothing(client, posted):
    data = {"action": "save", "categories": ["functional"], "next": "/"}
    if posted is not None:
        data["policy"] = posted
    response = client.post("/consent/", data)
    assert response.status_code in (400, 409)
    assert not ConsentRecord.objects.exists()


def test_refusing_counts_whatever_page_it_came_from(client):
    CookieDeclarationFactory(name="_ga")
    response = decide(client, "reject_all", policy="an-old-version")
    assert response.status_code == 303
    assert ConsentRecord.objects.get().allowed_slugs() == ["necessary"]

"""Remember me, driven through the real consent flow (POST /consent/, the consent app)."""

import pytest
from django.test import Client
from django.urls import reverse

from comments.remember import COOKIE_NAME, SALT
from tests.consent_forms import current_policy
from tests.factories import (
    ArticleFactory,
    comment_form_data,
    signed_cookie,
    signed_cookie_data,
    trusted_commenter,
)
from tests.html import assert_has_element, assert_in_html, one

pytestmark = pytest.mark.django_db

DETAILS = {"name": "Robin Reader", "email": "robin@example.net", "website": "https://robin.example"}


def set_consent(client, action, article):
    response = client.post(
        reverse("consent:update"),
        {"policy": current_policy(), "action": action, "next": article.get_absolute_url()},
    )
    assert response.status_code in (302, 303)


def post_comment(client, article, headers=None, **overrides):
    data = comment_form_data(article, **{**DETAILS, **overrides})
    return client.post(reverse("comments:post", args=[article.pk]), data, headers=headers)


def remember_box(html):
    return one(html, "input", type="checkbox", name="remember")


@pytest.fixture
def article(client):
    trusted_commenter(client, DETAILS["email"])  # a known commenter, so posts are published
    return ArticleFactory()


def test_without_consent_the_box_is_disabled_and_says_why(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    box = remember_box(html)
    assert box["aria-describedby"] == "remember-unavailable" and box.has("disabled")
    assert "you have not allowed Functional cookies" in html
    assert not one(html, "p", id="remember-unavailable").has("hidden")
    assert one(html, "p", id="remember-help").has("hidden")
    preferences = f"{reverse('consent:preferences')}?next={article.get_absolute_url()}"
    assert_in_html(f'<a href="{preferences}" data-consent-open>Cookie settings</a>', html)


def test_without_consent_ticking_remember_sets_no_cookie(client, article):
    response = post_comment(client, article, remember="on")
    assert response.status_code == 302
    assert COOKIE_NAME not in response.cookies


def test_after_rejecting_all_remember_stays_unavailable(client, article):
    set_consent(client, "reject_all", article)
    response = post_comment(client, article, remember="on")
    assert COOKIE_NAME not in response.cookies
    html = client.get(article.get_absolute_url()).content.decode()
    assert remember_box(html).has("disabled")


def test_with_functional_consent_remember_sets_a_signed_httponly_cookie(client, article):
    set_consent(client, "accept_all", article)
    html = client.get(article.get_absolute_url()).content.decode()
    assert one(html, "p", id="remember-unavailable").has("hidden")
    assert not one(html, "p", id="remember-help").has("hidden")
    response = post_comment(client, article, remember="on")
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 365 * 24 * 3600
    assert signed_cookie_data(COOKIE_NAME, cookie.value, SALT) == DETAILS


def test_remembered_details_prefill_the_form(client, article):
    set_consent(client, "accept_all", article)
    post_comment(client, article, remember="on")
    html = client.get(article.get_absolute_url()).content.decode()
    for field, value in DETAILS.items():
        assert_has_element(html, "input", name=field, value=value)
    assert remember_box(html).has("checked")


def test_unticking_remember_deletes_the_cookie(client, article):
    set_consent(client, "accept_all", article)
    post_comment(client, article, remember="on")
    response = post_comment(client, article)
    assert response.cookies[COOKIE_NAME].value == ""
    assert response.cookies[COOKIE_NAME]["max-age"] == 0


def test_a_tampered_cookie_is_ignored(client, article):
    set_consent(client, "accept_all", article)
    client.cookies[COOKIE_NAME] = signed_cookie(COOKIE_NAME, DETAILS, "someone-else")
    html = client.get(article.get_absolute_url()).content.decode()
    assert DETAILS["email"] not in html


def test_withdrawing_consent_deletes_the_cookie_and_stops_the_prefill(client, article):
    set_consent(client, "accept_all", article)
    post_comment(client, article, remember="on")
    withdrawn = client.post(
        reverse("consent:update"),
        {"policy": current_policy(), "action": "reject_all", "next": article.get_absolute_url()},
    )
    assert withdrawn.cookies[COOKIE_NAME]["max-age"] == 0
    client.cookies[COOKIE_NAME] = signed_cookie(COOKIE_NAME, DETAILS, SALT)  # if it survived
    html = client.get(article.get_absolute_url()).content.decode()
    assert DETAILS["email"] not in html


def test_global_privacy_control_keeps_remember_unavailable(client, article):
    html = client.get(article.get_absolute_url(), headers={"Sec-GPC": "1"}).content.decode()
    box = remember_box(html)
    assert box["aria-describedby"] == "remember-unavailable" and box.has("disabled")
    response = post_comment(client, article, headers={"Sec-GPC": "1"}, remember="on")
    assert COOKIE_NAME not in response.cookies


def test_with_consent_the_explanation_is_tied_to_the_checkbox(client, article):
    set_consent(client, "accept_all", article)
    html = client.get(article.get_absolute_url()).content.decode()
    checkbox = remember_box(html)
    assert checkbox["aria-describedby"] == "remember-help" and not checkbox.has("disabled")
    assert one(html, "p", class_="help", id="remember-help").text.startswith("Saved in a cookie")


def test_without_consent_the_reason_is_tied_to_the_checkbox(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert remember_box(html)["aria-describedby"] == "remember-unavailable"
    help_text = one(html, "p", class_="help", id="remember-unavailable")
    assert help_text.text.startswith("Unavailable")


def test_a_blank_form_drawn_once_still_fits_each_reader(article):
    """A blank comment form is drawn once per story and kept: readers in other states (no
    consent, details remembered) must still get their own form, in either order."""
    remembering, refusing, allowing = Client(), Client(), Client()
    set_consent(remembering, "accept_all", article)
    post_comment(remembering, article, remember="on")
    set_consent(allowing, "accept_all", article)
    for _ in range(2):
        for reader in (allowing, refusing, remembering):
            html = reader.get(article.get_absolute_url()).content.decode()
            box = remember_box(html)
            assert box.has("disabled") == (reader is refusing)
            assert box.has("checked") == (reader is remembering)
            name = one(html, "input", name="name")
            assert name.get("value") == (DETAILS["name"] if reader is remembering else None)

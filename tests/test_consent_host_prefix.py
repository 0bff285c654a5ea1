"""Over HTTPS the consent cookies carry the __Host- prefix: a browser refuses such a cookie from
any other host (a sibling subdomain cannot set a Domain cookie of that name), so nobody can plant
a decision on a visitor. A cookie of the plain name counts only over plain HTTP."""

import pytest
from django.test import Client

from consent.decision import COOKIE_NAME, ID_COOKIE_NAME
from tests.consent_forms import banner_of, current_policy, html_of

pytestmark = pytest.mark.django_db


def accept_all(client, secure):
    data = {"action": "accept_all", "next": "/", "policy": current_policy()}
    return client.post("/consent/", data, secure=secure)


def test_over_https_the_decision_cookies_carry_the_host_prefix():
    response = accept_all(Client(), secure=True)
    for name in (COOKIE_NAME, ID_COOKIE_NAME):
        morsel = response.cookies[f"__Host-{name}"]
        # What the prefix demands of the cookie, or browsers refuse it.
        assert morsel["secure"] is True
        assert morsel["path"] == "/"
        assert not morsel["domain"]
        assert name not in response.cookies


def test_over_https_a_cookie_of_the_plain_name_decides_nothing():
    # A decision as anyone can get one, planted by a sibling subdomain under the plain name.
    planted = accept_all(Client(), secure=True).cookies[f"__Host-{COOKIE_NAME}"].value
    victim = Client()
    victim.cookies[COOKIE_NAME] = planted
    page = victim.get("/", secure=True)
    assert banner_of(html_of(page)) is not None


def test_the_prefixed_cookie_is_the_visitors_decision_over_https():
    client = Client()
    accept_all(client, secure=True)
    assert banner_of(html_of(client.get("/", secure=True))) is None


def test_a_new_answer_over_https_clears_the_plain_cookie_of_this_host():
    client = Client()
    accept_all(client, secure=False)
    response = accept_all(client, secure=True)
    assert response.cookies[COOKIE_NAME]["max-age"] == 0
    assert response.cookies[f"__Host-{COOKIE_NAME}"].value

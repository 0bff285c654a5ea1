"""Signed cookies (newsroom/signed_cookies.py): what we wrote reads back, nothing else does."""

import time
from datetime import timedelta

import pytest
from django.core import signing
from django.http import HttpResponse
from django.test import RequestFactory

from newsroom.signed_cookies import MAX_LENGTH, get_signed, load_token, set_signed

NAME, SALT = "newsroom_example", "tests.example"


def written(data, name=NAME, salt=SALT, secure=False, **options):
    request = RequestFactory().get("/", secure=secure)
    response = HttpResponse()
    set_signed(request, response, name, data, salt=salt, **options)
    return response.cookies[name]


def read(value, salt=SALT, max_age=None):
    request = RequestFactory().get("/")
    request.COOKIES[NAME] = value
    return get_signed(request, NAME, salt=salt, max_age=max_age)


def test_what_was_written_reads_back():
    data = {"name": "Zoë Reader", "ids": [3, 1]}
    assert read(written(data).value) == data


def test_the_cookie_is_http_only_same_site_and_secure_over_https():
    morsel = written([1], secure=True, max_age=600)
    assert morsel["httponly"] is True and morsel["samesite"] == "Lax"
    assert morsel["secure"] is True and morsel["max-age"] == 600
    assert written([1])["secure"] == ""


def test_without_a_lifetime_the_cookie_lasts_until_the_browser_closes():
    morsel = written([1])
    assert morsel["max-age"] == "" and morsel["expires"] == ""


def test_an_expired_value_is_absent(monkeypatch):
    value = written([1]).value
    assert read(value, max_age=timedelta(minutes=10)) == [1]
    eleven_minutes_on = time.time() + 11 * 60
    monkeypatch.setattr(time, "time", lambda: eleven_minutes_on)
    assert read(value, max_age=timedelta(minutes=10)) is None


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("", id="empty"),
        pytest.param("forged", id="unsigned"),
        pytest.param(written([1], salt="another purpose").value, id="another salt"),
        pytest.param(written([1], name="another_cookie").value, id="another cookie's"),
        pytest.param(written([1]).value + "x", id="tampered"),
        pytest.param(signing.dumps([1], salt=SALT), id="the format before"),
        pytest.param("x" * (MAX_LENGTH + 1), id="too long"),
    ],
)
def test_anything_we_did_not_write_is_absent(value):
    assert read(value) is None


def test_a_signed_value_that_is_not_ours_is_absent():
    response = HttpResponse()
    response.set_signed_cookie(NAME, "not JSON at all", salt=SALT)
    assert read(response.cookies[NAME].value) is None


def test_a_missing_cookie_is_absent():
    assert get_signed(RequestFactory().get("/"), NAME, salt=SALT, max_age=None) is None


@pytest.mark.parametrize(
    "token",
    [None, "", "forged", signing.dumps(7, salt="other"), "x" * (MAX_LENGTH + 1), ["a list"]],
)
def test_a_link_token_we_did_not_sign_is_absent(token):
    assert load_token(token, salt=SALT) is None


def test_a_link_token_reads_back_until_it_expires():
    assert load_token(signing.dumps(7, salt=SALT), salt=SALT, max_age=60) == 7

"""Editors' sessions: Django's database sessions (settings.SESSION_ENGINE)."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(StaffFactory())
    return client


def test_a_signed_in_editor_stays_signed_in(editor_client):
    assert editor_client.get("/admin/").status_code == 200


def test_an_expired_session_signs_nobody_in(editor_client):
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = editor_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("key", ["no-such-session-key-at-all", "' OR '1'='1", "x" * 500, ""])
def test_an_unknown_session_key_is_no_session(key):
    client = Client()
    client.cookies["sessionid"] = key
    assert client.get("/admin/").status_code == 302
    store = SessionStore(session_key=key)
    assert store.load() == {}
    assert store.session_key is None


def test_the_store_reads_back_what_it_saved():
    store = SessionStore()
    store["greeting"] = "hello"
    store.save()
    assert SessionStore(session_key=store.session_key).load() == {"greeting": "hello"}


def test_signing_out_ends_the_session_everywhere(editor_client):
    other_browser = Client()
    other_browser.cookies["sessionid"] = editor_client.cookies["sessionid"].value
    assert other_browser.get("/admin/").status_code == 200
    editor_client.post("/admin/logout/")
    assert other_browser.get("/admin/").status_code == 302

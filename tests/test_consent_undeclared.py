"""Cookies nobody declared: dropped in production (fail closed) and listed for editors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consent.enforcement import UNDECLARED_LIMIT
from consent.models import UndeclaredCookie
from tests.factories import CookieDeclarationFactory
from tests.html import find

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.urls"),
    pytest.mark.sets_undeclared_cookie,
]


def sent_cookies(client, *names):
    query = "&".join(f"name={name}" for name in names)
    response = client.get(f"/test/set-cookies/?{query}")
    return {name for name, morsel in response.cookies.items() if morsel["max-age"] != 0}


def test_an_undeclared_cookie_is_dropped_in_production(client, settings):
    settings.DEBUG = False
    assert sent_cookies(client, "_ga", "messages") == {"messages"}


def test_each_undeclared_name_is_listed_with_a_count(client, settings):
    settings.DEBUG = False
    sent_cookies(client, "_ga")
    listed = UndeclaredCookie.objects.get()
    assert (listed.name, listed.times_seen) == ("_ga", 1)


def test_the_list_is_bounded(client, settings):
    settings.DEBUG = False
    UndeclaredCookie.objects.bulk_create(
        UndeclaredCookie(name=f"seen_{number}") for number in range(UNDECLARED_LIMIT)
    )
    sent_cookies(client, "one_too_many")
    assert UndeclaredCookie.objects.count() == UNDECLARED_LIMIT
    assert not UndeclaredCookie.objects.filter(name="one_too_many").exists()


def test_editors_see_the_list_read_only_and_whether_it_is_declared_since(
    staff_client, client, settings
):
    settings.DEBUG = False
    sent_cookies(client, "_ga", "_fbp")
    CookieDeclarationFactory(name="_ga")
    url = reverse("admin:consent_undeclaredcookie_changelist")
    html = staff_client.get(url).content.decode()
    assert "_ga" in html and "_fbp" in html
    listed = UndeclaredCookie.objects.get(name="_fbp")
    change = reverse("admin:consent_undeclaredcookie_change", args=[listed.pk])
    assert find(staff_client.get(change).content.decode(), name="name") is None
    assert staff_client.get(reverse("admin:consent_undeclaredcookie_add")).status_code == 403


def test_the_undeclared_list_reads_the_catalogue_once_however_many_rows(
    staff_client, client, settings
):
    settings.DEBUG = False
    url = reverse("admin:consent_undeclaredcookie_changelist")
    sent_cookies(client, "one_a", "one_b")
    staff_client.get(url)
    with CaptureQueriesContext(connection) as two_rows:
        staff_client.get(url)
    sent_cookies(client, "one_c", "one_d", "one_e", "one_f")
    with CaptureQueriesContext(connection) as six_rows:
        html = staff_client.get(url).content.decode()
    assert "one_f" in html
    assert len(six_rows) == len(two_rows)

"""Withdrawing consent deletes the withdrawn categories' cookies wherever scripts may have put
them: on this host and on its parent domains."""

import pytest
from django.urls import reverse

from consent.enforcement import parent_domains
from tests.consent_forms import current_policy
from tests.factories import CookieDeclarationFactory

pytestmark = pytest.mark.django_db
HOST = "www.news.example.com"


def set_cookie_headers(response):
    return [value.output(header="").strip() for value in response.cookies.values()]


@pytest.fixture
def analytics_cookie_declared(every_category_in_use):
    CookieDeclarationFactory(name="_ga", provider="Google", party="first")
    CookieDeclarationFactory(name="_ga_*", provider="Google", party="first")


@pytest.mark.usefixtures("analytics_cookie_declared")
def test_withdrawal_deletes_script_cookies_on_the_host_and_each_parent_domain(client, settings):
    settings.ALLOWED_HOSTS = [HOST]
    client.post(
        reverse("consent:update"),
        {"policy": current_policy(), "action": "accept_all"},
        HTTP_HOST=HOST,
    )
    client.cookies["_ga"] = "GA1.1.123.456"
    client.cookies["_ga_TEST1234"] = "GS1.1.789"
    response = client.post(
        reverse("consent:update"),
        {"policy": current_policy(), "action": "reject_all"},
        HTTP_HOST=HOST,
    )
    headers = set_cookie_headers(response)
    for name in ("_ga", "_ga_TEST1234"):
        deletions = [h for h in headers if h.startswith(f'{name}="";') and "Max-Age=0" in h]
        domains = sorted(
            part.split("=", 1)[1].lower()
            for h in deletions
            for part in h.split("; ")
            if part.lower().startswith("domain=")
        )
        assert len(deletions) == 4, "host-only plus three domains"
        assert domains == ["example.com", "news.example.com", "www.news.example.com"]


def test_no_parent_domain_for_localhost_or_an_address():
    assert parent_domains("localhost:8000") == []
    assert parent_domains("127.0.0.1") == []
    assert parent_domains("[::1]:8000") == []
    assert parent_domains("example.com") == ["example.com"]

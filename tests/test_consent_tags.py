"""Tags editors configure: validated in the admin, allowed by the CSP only while configured, and
what makes a category worth asking about."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from consent.catalogue import get_catalogue
from consent.models import ConsentRecord, CookieCategory, CookieDeclaration, Tag
from tests.consent_forms import current_policy
from tests.factories import TagFactory
from tests.html import find, one

pytestmark = pytest.mark.django_db
GOOGLE_HOSTS = ["https://www.googletagmanager.com", "https://www.google-analytics.com"]


def csp(client, path="/"):
    return dict(
        directive.strip().split(" ", 1)
        for directive in client.get(path)["Content-Security-Policy"].split(";")
        if " " in directive.strip()
    )


def test_the_policy_names_no_tag_host_while_no_tag_is_configured(client):
    policy = csp(client)
    assert policy["script-src"] == "'self'"
    assert "google" not in client.get("/")["Content-Security-Policy"]


def test_a_google_tag_adds_googles_hosts_to_the_policy(client):
    TagFactory()
    policy = csp(client)
    assert "https://www.googletagmanager.com" in policy["script-src"].split()
    for host in GOOGLE_HOSTS:
        assert host in policy["connect-src"].split() and host in policy["img-src"].split()
    assert "'unsafe-inline'" not in policy["script-src"]


def test_a_script_url_tag_adds_its_origin_only(client):
    TagFactory(kind=Tag.Kind.SCRIPT, tag_id="", script_url="https://cdn.adco.example/t/tag.js")
    policy = csp(client)
    assert policy["script-src"].split() == ["'self'", "https://cdn.adco.example"]
    assert "google" not in policy["connect-src"]


def test_an_inactive_tag_is_neither_loaded_nor_allowed(client):
    TagFactory(is_active=False)
    assert "googletagmanager" not in client.get("/")["Content-Security-Policy"]
    assert get_catalogue().tags == []
    assert not get_catalogue().category("analytical").in_use


def test_files_that_are_not_pages_keep_the_strict_policy(client):
    TagFactory()
    assert "googletagmanager" not in client.get("/robots.txt")["Content-Security-Policy"]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"kind": Tag.Kind.GA4, "tag_id": "UA-1234-1"}, "tag_id"),
        ({"kind": Tag.Kind.GTM, "tag_id": "G-ABCD1234"}, "tag_id"),
        (
            {"kind": Tag.Kind.SCRIPT, "tag_id": "", "script_url": "http://x.example/a.js"},
            "script_url",
        ),
        ({"kind": Tag.Kind.GA4, "script_url": "https://x.example/a.js"}, "script_url"),
    ],
)
def test_tags_are_validated_for_the_editor(fields, field):
    tag = Tag(name="T", category=CookieCategory.objects.get(slug="analytical"), **fields)
    with pytest.raises(ValidationError) as error:
        tag.full_clean()
    assert field in error.value.message_dict


BAD_SCRIPT_URLS = [
    "http://cdn.adco.example/tag.js",
    "https://a;script-src@cdn.adco.example/tag.js",
    "https://user:secret@cdn.adco.example/tag.js",
    "https://cdn.adco.example;script-src/tag.js",
    "https://cdn.adco.example/tag.js;script-src 'unsafe-inline'",
    "https://cdn.adco.example/a,b.js",
    "https://cdn.adco.example/'x'.js",
    'https://cdn.adco.example/"x".js',
    "https://cdn.adco.example/a b.js",
    "https://cdn.adco.example/a\tb.js",
    "https://*.adco.example/tag.js",
    "https://cdn_adco.example/tag.js",
    "https://[::1]/tag.js",
    "https://cdn.adco.example:0/tag.js",
    "https://cdn.adco.example:99999/tag.js",
    "https:///tag.js",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("url", BAD_SCRIPT_URLS)
def test_a_script_url_that_is_not_a_plain_https_address_is_refused(url):
    tag = Tag(
        name="T",
        kind=Tag.Kind.SCRIPT,
        script_url=url,
        category=CookieCategory.objects.get(slug="analytical"),
    )
    with pytest.raises(ValidationError) as error:
        tag.clean()
    assert "script_url" in error.value.message_dict


def test_the_admin_refuses_a_script_url_with_user_info(staff_client):
    response = staff_client.post(
        reverse("admin:consent_tag_add"),
        {
            "name": "Ad network",
            "provider": "AdCo",
            "kind": "script",
            "tag_id": "",
            "script_url": "https://a;script-src@cdn.adco.example/tag.js",
            "category": CookieCategory.objects.get(slug="advertisement").pk,
            "is_active": "on",
        },
    )

    assert response.status_code == 200
    assert "with a plain host name" in response.text
    assert not Tag.objects.exists()


def test_a_script_url_with_a_port_is_accepted_and_allowed_with_it(client):
    tag = TagFactory(
        kind=Tag.Kind.SCRIPT, tag_id="", script_url="https://CDN.adco.example:8443/t/tag.js"
    )
    tag.full_clean()

    assert csp(client)["script-src"].split() == ["'self'", "https://cdn.adco.example:8443"]


@pytest.mark.parametrize("url", BAD_SCRIPT_URLS)
def test_a_bad_stored_script_url_never_reaches_the_policy(client, url):
    # Saved before the admin checked script URLs, or written around it.
    TagFactory(kind=Tag.Kind.SCRIPT, tag_id="", script_url=url)

    header = client.get("/")["Content-Security-Policy"]
    policy = csp(client)

    # At most the origin itself, rebuilt from the parsed host; whatever else the row holds
    # (user-info, a second directive, a quoted keyword) stays out.
    assert policy["script-src"] in ("'self'", "'self' https://cdn.adco.example")
    assert policy["connect-src"] == policy["script-src"]
    assert "unsafe-inline" not in header and "@" not in header
    assert header.count("script-src") == 1


def test_a_tag_cannot_go_under_necessary():
    tag = Tag(name="T", tag_id="G-ABCD1234", category=CookieCategory.objects.get(slug="necessary"))
    with pytest.raises(ValidationError) as error:
        tag.full_clean()
    assert "category" in error.value.message_dict


def test_an_editor_adds_google_analytics_in_the_admin(staff_client, client):
    analytical = CookieCategory.objects.get(slug="analytical")
    response = staff_client.post(
        reverse("admin:consent_tag_add"),
        {
            "name": "Google Analytics",
            "provider": "Google",
            "kind": "ga4",
            "tag_id": "G-NEWS2026",
            "script_url": "",
            "category": analytical.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "With your permission we would also use functional and analytical cookies" in html
    assert "Google Analytics (Google)" in html


def test_a_new_tag_asks_every_visitor_again():
    before = get_catalogue().version
    TagFactory()
    assert get_catalogue().version != before


class TestHonestCategories:
    def test_unused_categories_are_not_named_in_the_banner(self, client):
        html = client.get("/").content.decode()
        assert "With your permission we would also use functional cookies." in html
        banner = find(html, "section", class_="consent-banner")
        attributes = [value or "" for element in banner.iter() for value in element.attrs.values()]
        assert "advertis" not in " ".join([banner.text, *attributes])

    def test_accept_all_records_only_categories_in_use(self, client):
        client.post(reverse("consent:update"), {"policy": current_policy(), "action": "accept_all"})
        assert ConsentRecord.objects.get().choices == {
            "necessary": True,
            "functional": True,
            "analytical": False,
            "performance": False,
            "advertisement": False,
        }

    def test_a_forged_choice_of_an_unused_category_is_ignored(self, client):
        client.post(
            reverse("consent:update"),
            {"policy": current_policy(), "action": "save", "categories": ["advertisement"]},
        )
        assert ConsentRecord.objects.get().allowed_slugs() == ["necessary"]

    def test_a_category_with_a_tag_is_offered(self, client):
        TagFactory(category=CookieCategory.objects.get(slug="advertisement"))
        section = one(client.get("/").content.decode(), id="consent-dialog-advertisement-name")
        while section.tag != "section":
            section = section.parent
        assert section.find(role="switch") is not None
        assert "Not used on this site" not in section.text


def test_one_admin_action_declares_the_cookies_a_google_tag_sets(staff_client):
    analytical = CookieCategory.objects.get(slug="analytical")
    ga = Tag.objects.create(
        name="Google Analytics", kind="ga4", tag_id="G-AB12CD34EF", category=analytical
    )
    gtm = Tag.objects.create(
        name="Tag Manager", kind="gtm", tag_id="GTM-AB12CD3", category=analytical
    )
    response = staff_client.post(
        "/admin/consent/tag/",
        {"action": "declare_cookies", "_selected_action": [ga.pk, gtm.pk]},
        follow=True,
    )
    assert "4 cookies declared." in response.content.decode()
    declared = set(analytical.declarations.values_list("name", flat=True))
    assert {"_ga", "_ga_AB12CD34EF", "_ga_*", "_gid"} <= declared
    assert CookieDeclaration.objects.get(name="_ga_AB12CD34EF").provider == "Google"

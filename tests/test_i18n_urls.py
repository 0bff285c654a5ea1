"""Languages: reader pages in the URL's language, alternates, the switcher, sitemaps, the cache."""

import pytest
from django.test import Client

from tests.cached_pages import cache_pages, page
from tests.html import find, find_all, one
from tests.sitemap_files import sitemap_entries

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def html_lang(html):
    return find(html, "html")["lang"]


def alternates(html):
    return {link["hreflang"]: link["href"] for link in find_all(html, "link", hreflang=True)}


def test_english_stays_at_todays_urls_and_others_have_a_prefix(client, story):
    assert html_lang(page(client, "/")) == "en"
    assert html_lang(page(client, "/de/")) == "de"
    assert html_lang(page(client, "/fr/")) == "fr"
    assert html_lang(page(client, f"/de/story/{story.slug}/")) == "de"
    assert client.get("/en/").status_code == 404


def test_a_reader_url_ignores_the_browsers_language(client, story):
    response = client.get(story.get_absolute_url(), headers={"Accept-Language": "de"})
    assert html_lang(response.content.decode()) == "en"
    assert response["Content-Language"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")


def test_every_reader_page_lists_its_versions_in_every_language(client, story):
    links = alternates(page(client, f"/fr/story/{story.slug}/"))
    assert links == {
        "en": f"http://testserver/story/{story.slug}/",
        "de": f"http://testserver/de/story/{story.slug}/",
        "fr": f"http://testserver/fr/story/{story.slug}/",
        "x-default": f"http://testserver/story/{story.slug}/",
    }
    assert alternates(page(client, "/?page=1"))["de"] == "http://testserver/de/?page=1"
    # Each search keeps its own words in every language's address.
    for words in ("harbour", "bridge+works"):
        links = alternates(page(client, f"/fr/search/?q={words}"))
        assert links["de"] == f"http://testserver/de/search/?q={words}"
        assert links["en"] == f"http://testserver/search/?q={words}"


def test_the_switcher_works_without_javascript_and_remembers_the_choice(client, story):
    html = page(client, story.get_absolute_url())
    form = one(html, "form", class_="language-switcher")
    assert form["action"] == "/language/"
    buttons = find_all(html, "button", name="language")
    assert {button["value"] for button in buttons} == {"de", "fr"}
    assert {button["lang"] for button in buttons} == {"de", "fr"}
    next_field = find_all(html, "input", name="next")[-1]
    response = client.post("/language/", {"language": "de", "next": next_field["value"]})
    assert response.status_code == 302
    assert response["Location"] == f"/de/story/{story.slug}/"
    assert response.cookies["django_language"].value == "de"
    home = client.get("/")
    assert home.status_code == 302
    assert home["Location"] == "/de/"
    assert "private" in home["Cache-Control"]


def test_switching_back_to_the_default_language_drops_the_prefix(client, story):
    response = client.post("/language/", {"language": "en", "next": "/de/"})
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_the_switcher_refuses_a_post_from_another_site(client):
    response = client.post(
        "/language/", {"language": "de", "next": "/"}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 403


def test_a_cached_english_page_is_never_served_at_a_german_url(story):
    url = story.get_absolute_url()
    cache_pages(url)
    assert html_lang(page(Client(), f"/de{url}")) == "de"
    cache_pages(f"/de{url}")
    assert html_lang(page(Client(), url)) == "en"
    assert html_lang(page(Client(), f"/de{url}")) == "de"
    # A language cookie does not change what an unprefixed story URL shows.
    assert html_lang(page(Client(cookies={"django_language": "de"}), url)) == "en"


def test_the_admin_follows_the_visitors_language(staff_client):
    response = staff_client.get("/admin/", headers={"Accept-Language": "de"})
    assert html_lang(response.content.decode()) == "de"
    staff_client.cookies["django_language"] = "fr"
    assert html_lang(staff_client.get("/admin/").content.decode()) == "fr"


def test_the_sitemap_lists_each_page_in_each_language_with_alternates(client, story):
    entries = sitemap_entries(client)
    locations = {url.findtext(f"{SITEMAP}loc") for url in entries}
    for prefix in ("", "/de", "/fr"):
        assert f"http://testserver{prefix}/story/{story.slug}/" in locations
        assert f"http://testserver{prefix}/" in locations
    first = entries[0]
    hreflangs = {link.get("hreflang") for link in first.iter(f"{XHTML}link")}
    assert hreflangs == {"en", "de", "fr", "x-default"}

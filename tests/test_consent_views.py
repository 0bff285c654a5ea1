"""The consent flows as a visitor without JavaScript goes through them: plain forms, redirects."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from consent.models import Action, ConsentRecord, CookieCategory
from tests.consent_forms import (
    OPTIONAL,
    UPDATE_URL,
    banner_of,
    current_policy,
    decide,
    html_of,
    switches,
)
from tests.factories import ArticleFactory, StaffFactory
from tests.html import assert_has_element, parse

pytestmark = pytest.mark.django_db


def current_consent(client):
    return client.get("/").wsgi_request.consent


# The banner and the dialog.


def test_first_page_shows_banner_with_three_equal_choices(client):
    article = ArticleFactory()
    banner = banner_of(html_of(client.get(article.get_absolute_url())))
    assert banner is not None
    buttons = [e.text for e in banner.find_all(class_="consent-button") if e.tag in ("button", "a")]
    assert buttons == ["Accept all", "Reject all", "Customize"]
    assert_has_element(banner, href=f"/consent/preferences/?next={article.get_absolute_url()}")
    assert_has_element(banner, "input", name="next", value=article.get_absolute_url())


@pytest.mark.usefixtures("every_category_in_use")
def test_nothing_is_pre_ticked_for_a_new_visitor(client):
    found = switches(html_of(client.get("/")))
    assert found == {"necessary": (True, True), **dict.fromkeys(OPTIONAL, (False, False))}


def test_dialog_shows_categories_in_order_with_their_cookies_or_an_empty_state(client):
    html = html_of(client.get("/"))
    dialog = parse(html).one("dialog", id="consent-dialog")
    assert "Customize consent preferences" in dialog.text
    names = [h3.text for h3 in dialog.find_all("h3", id=re.compile(r"consent-dialog-\w+-name"))]
    assert names == ["Necessary", "Functional", "Analytical", "Performance", "Advertisement"]
    sections = {
        re.fullmatch(r"consent-dialog-(\w+)-name", section["aria-labelledby"])[1]: section
        for section in dialog.find_all("section", aria_labelledby=re.compile(r".+-name"))
    }
    assert "Always Active" in sections["necessary"].text
    assert "Always Active" not in sections["functional"].text
    for cookie in ("newsroom_consent", "newsroom_consent_id", "csrftoken", "sessionid", "messages"):
        assert_has_element(sections["necessary"], "code", text=cookie)
    assert_has_element(sections["functional"], "code", text="newsroom_commenter")
    functional = sections["functional"].text
    assert "1 year" in functional and "This site (first party)" in functional
    # Nothing is declared in them and no tag is configured: shown, but not offered.
    for slug in ("analytical", "performance", "advertisement"):
        assert "Not used on this site" in sections[slug].text
        assert sections[slug].find(role="switch") is None
    for label in ("Save my preferences", "Accept all", "Reject all"):
        assert_has_element(dialog, "button", text=label)
    assert_has_element(dialog, href="/consent/history/")


@pytest.mark.usefixtures("every_category_in_use")
def test_each_visitor_sees_their_own_switches_and_the_current_texts():
    """The dialog's categories are drawn once per process for each catalogue and choice: that
    must never show one visitor another's switches, or a text an editor has since changed."""
    accepting, refusing = Client(), Client()
    decide(accepting, "accept_all")
    decide(refusing, "reject_all")
    for _ in range(2):
        assert switches(html_of(accepting.get("/"))) == {
            "necessary": (True, True),
            **dict.fromkeys(OPTIONAL, (True, False)),
        }
        assert switches(html_of(refusing.get("/"))) == {
            "necessary": (True, True),
            **dict.fromkeys(OPTIONAL, (False, False)),
        }
    CookieCategory.objects.filter(slug="performance").update(description="Counts page speed.")
    CookieCategory.objects.get(slug="performance").save()
    for visitor in (accepting, refusing, Client()):
        dialog = parse(html_of(visitor.get("/"))).one("dialog", id="consent-dialog")
        assert dialog.one(id="consent-dialog-performance-description").text == (
            "Counts page speed."
        )


def test_every_page_footer_links_to_cookie_settings_with_the_way_back(client):
    article = ArticleFactory()
    html = html_of(client.get(article.get_absolute_url()))
    link = parse(html).find("footer").one("a", text="Cookie settings")
    assert link.attrs == {
        "href": f"/consent/preferences/?next={article.get_absolute_url()}",
        "class": "cookie-settings-link",
        "data-consent-open": None,
    }
    assert_has_element(html_of(client.get("/no/such/page/")), "a", text="Cookie settings")


def test_consent_markup_has_no_inline_script_style_or_handlers(client):
    html = html_of(client.get("/"))
    page = parse(html)
    elements = list(page.iter())
    consent_markup = elements[elements.index(page.find("section", class_="consent-banner")) :]
    scripts = [element for element in consent_markup if element.tag == "script"]
    assert any(
        script.attrs == {"src": "/static/consent/consent.js", "defer": None} and not script.text
        for script in scripts
    )
    assert all(script.has("src") for script in scripts)
    assert not any(element.has("style") for element in consent_markup)
    assert not any(name.startswith("on") for e in consent_markup for name in e.attrs)


def test_banner_disappears_once_the_visitor_has_decided(client):
    decide(client, "reject_all")
    html = html_of(client.get("/"))
    assert banner_of(html) is None
    assert_has_element(html, id="consent-dialog")  # still there for "Cookie settings"


# Deciding, without JavaScript.


@pytest.mark.usefixtures("every_category_in_use")
def test_accept_all_allows_everything_and_returns_to_the_page(client):
    article = ArticleFactory()
    response = decide(client, "accept_all", next_path=article.get_absolute_url())
    assert response.status_code == 303
    assert response["Location"] == article.get_absolute_url()
    record = ConsentRecord.objects.get()
    assert record.action == Action.ACCEPT_ALL
    assert record.choices == {"necessary": True, **dict.fromkeys(OPTIONAL, True)}
    assert record.page == article.get_absolute_url()
    found = switches(html_of(client.get(article.get_absolute_url())))
    assert found == {"necessary": (True, True), **dict.fromkeys(OPTIONAL, (True, False))}


def test_reject_all_refuses_every_optional_category(client):
    decide(client, "reject_all", categories=OPTIONAL)
    record = ConsentRecord.objects.get()
    assert record.action == Action.REJECT_ALL
    assert record.allowed_slugs() == ["necessary"]
    assert current_consent(client).decided
    assert not current_consent(client).allows("functional")


@pytest.mark.usefixtures("every_category_in_use")
def test_save_allows_only_the_switched_on_categories(client):
    decide(client, "save", categories=["functional", "performance"])
    record = ConsentRecord.objects.get()
    assert record.action == Action.CUSTOM
    assert record.allowed_slugs() == ["necessary", "functional", "performance"]
    found = switches(html_of(client.get("/")))
    assert found["functional"] == (True, False) and found["analytical"] == (False, False)


@pytest.mark.parametrize(
    "forged",
    [
        {"categories": []},
        {"categories": ["necessary"]},
        {"necessary": "off", "categories": []},
        {"necessary": "0", "categories": ["functional"]},
    ],
)
def test_a_forged_post_cannot_turn_necessary_off(client, forged):
    decide(client, "save", **forged)
    record = ConsentRecord.objects.get()
    assert record.choices["necessary"] is True
    assert current_consent(client).allows("necessary")


def test_unknown_categories_in_a_post_are_ignored(client):
    decide(client, "save", categories=["functional", "spyware", "<script>"])
    assert ConsentRecord.objects.get().allowed_slugs() == ["necessary", "functional"]


@pytest.mark.usefixtures("every_category_in_use")
@pytest.mark.parametrize("action", ["", "accept", "delete_everything", "x" * 5000])
def test_unknown_action_is_explained_and_the_choices_are_kept(client, action):
    response = decide(client, action, categories=["analytical"], next_path="/category/x/")
    assert response.status_code == 400
    html = html_of(response)
    assert "Choose Save my preferences, Accept all or Reject all." in html
    assert switches(html)["analytical"] == (True, False)
    assert_has_element(html, "input", name="next", value="/category/x/")
    assert not ConsentRecord.objects.exists()


def test_consent_form_only_accepts_posts(client):
    assert client.get(UPDATE_URL).status_code == 405


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
    ],
)
def test_a_cross_site_post_cannot_change_a_visitors_consent(headers):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/consent/",
        {"policy": current_policy(), "action": "accept_all", "next": "/"},
        headers=headers,
    )
    assert response.status_code == 403
    assert not ConsentRecord.objects.exists()
    assert "newsroom_consent" not in response.cookies


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
        {"Origin": "http://testserver"},
        {},  # no browser: nobody's browser was tricked into sending it
    ],
)
def test_a_same_origin_post_needs_no_token(headers):
    client = Client(enforce_csrf_checks=True)
    html = html_of(client.get("/"))
    assert "csrfmiddlewaretoken" not in html
    response = client.post(
        "/consent/",
        {"policy": current_policy(), "action": "accept_all", "next": "/"},
        headers=headers,
    )
    assert response.status_code == 303
    assert ConsentRecord.objects.count() == 1


def test_a_signed_in_editor_still_needs_the_csrf_token(db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(StaffFactory())
    same_origin = {"Sec-Fetch-Site": "same-origin"}
    form = {"policy": current_policy(), "action": "accept_all", "next": "/"}
    assert client.post("/consent/", form, headers=same_origin).status_code == 403
    token = assert_has_element(html_of(client.get("/")), "input", name="csrfmiddlewaretoken")
    form["csrfmiddlewaretoken"] = token["value"]
    assert client.post("/consent/", form, headers=same_origin).status_code == 303


def test_every_form_on_an_editors_page_carries_one_masked_token(db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(StaffFactory())
    page = parse(html_of(client.get(ArticleFactory().get_absolute_url())))
    forms = page.find_all("form", method="post")
    assert len(forms) == 4  # cookie banner, cookie dialog, comment form, language switcher
    tokens = {form.one("input", name="csrfmiddlewaretoken")["value"] for form in forms}
    assert len(tokens) == 1
    response = client.post(
        "/consent/",
        {
            "policy": current_policy(),
            "action": "reject_all",
            "next": "/",
            "csrfmiddlewaretoken": tokens.pop(),
        },
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 303


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "///evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "http://testserver.evil.example/",
        "https://testserver@evil.example/",
        "javascript:alert(1)",
        " //evil.example/",
        "\t//evil.example/",
        "/\t/evil.example/",
        "evil.example",
        "",
    ],
)
def test_return_address_cannot_leave_the_site(client, target):
    response = decide(client, "reject_all", next_path=target)
    assert response.status_code == 303
    assert response["Location"] == "/"
    response = client.get(f"{reverse('consent:preferences')}?next={target}")
    assert_has_element(html_of(response), "input", name="next", value="/")


def test_return_address_keeps_a_path_and_query_on_this_site(client):
    response = decide(client, "reject_all", next_path="/category/local/?page=2")
    assert response["Location"] == "/category/local/?page=2"


def test_saving_shows_a_notice_on_the_next_page(client):
    response = client.post(
        UPDATE_URL, {"policy": current_policy(), "action": "reject_all", "next": "/"}, follow=True
    )
    assert "Your cookie choices are saved." in html_of(response)


def test_consent_cookie_is_signed_http_only_and_lasts_the_consent_lifetime(client, settings):
    settings.CONSENT_MAX_AGE_DAYS = 90
    response = decide(client, "accept_all")
    morsel = response.cookies["newsroom_consent"]
    assert morsel["max-age"] == 90 * 24 * 60 * 60
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "Lax"
    assert "functional" not in morsel.value  # signed and encoded, not readable choices


def test_visitor_keeps_one_consent_id_across_decisions(client):
    decide(client, "accept_all")
    decide(client, "reject_all")
    decide(client, "save", categories=["functional"])
    assert ConsentRecord.objects.values("visitor_id").distinct().count() == 1


def test_withdrawing_consent_is_logged_and_deletes_the_withdrawn_cookies(client):
    decide(client, "accept_all")
    client.cookies["newsroom_commenter"] = "Ada|ada@example.test|"
    response = decide(client, "reject_all")
    assert response.cookies["newsroom_commenter"]["max-age"] == 0
    assert ConsentRecord.objects.order_by("-pk").first().action == Action.WITHDRAW


@pytest.mark.usefixtures("every_category_in_use")
def test_switching_one_category_off_is_a_withdrawal(client):
    decide(client, "save", categories=["functional", "analytical"])
    response = decide(client, "save", categories=["analytical"])
    assert response.cookies["newsroom_commenter"]["max-age"] == 0
    latest = ConsentRecord.objects.order_by("-pk").first()
    assert latest.action == Action.WITHDRAW
    assert latest.allowed_slugs() == ["necessary", "analytical"]


def test_refusing_deletes_leftover_optional_cookies_the_browser_still_sends(client):
    client.cookies["newsroom_commenter"] = "left over"
    response = decide(client, "reject_all")
    assert response.cookies["newsroom_commenter"]["max-age"] == 0
    assert ConsentRecord.objects.get().action == Action.REJECT_ALL


def test_log_keeps_a_truncated_user_agent_and_no_ip_address(client):
    client.post(
        UPDATE_URL,
        {"policy": current_policy(), "action": "accept_all"},
        headers={"User-Agent": "A" * 500},
    )
    record = ConsentRecord.objects.get()
    assert record.user_agent == "A" * 120
    assert record.ip_hash == ""


def test_ip_address_is_logged_only_as_a_keyed_hash_when_enabled(client, settings):
    settings.CONSENT_LOG_IP_HASH = True
    client.post(
        UPDATE_URL, {"policy": current_policy(), "action": "accept_all"}, REMOTE_ADDR="203.0.113.7"
    )
    record = ConsentRecord.objects.get()
    assert len(record.ip_hash) == 64
    assert "203.0.113.7" not in str(record.__dict__)

"""First visit, Reject all and Accept all, with JavaScript on and off: the banner asks once,
the answer sticks, and the browser holds only the cookies the answer allows."""

import pytest
from playwright.sync_api import expect

from tests.e2e.consent_steps import (
    OPTIONAL_CATEGORIES,
    banner,
    choose,
    cookie_names,
    cookie_settings_link,
    necessary_cookie_names,
    open_preferences,
    switch_states,
)
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("every_category_in_use"),
    pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"]),
]

FUNCTIONAL_COOKIE = "newsroom_commenter"  # declared under Functional by the consent app


@pytest.fixture
def story():
    return ArticleFactory(category=CategoryFactory(name="Science", slug="science"))


def test_first_visit_shows_the_banner_and_sets_only_necessary_cookies(
    page, context, story, javascript_enabled
):
    page.goto("/")
    expect(banner(page)).to_be_visible()
    for button in ("Accept all", "Reject all"):
        expect(banner(page).get_by_role("button", name=button)).to_be_visible()
    expect(banner(page).get_by_role("link", name="Customize")).to_be_visible()
    page.goto(story.get_absolute_url())
    expect(banner(page), "the question stays until the visitor answers it").to_be_visible()
    page.goto(f"/test/set-cookies/?name={FUNCTIONAL_COOKIE}")

    necessary = necessary_cookie_names()
    assert cookie_names(context) <= necessary
    assert FUNCTIONAL_COOKIE not in cookie_names(context)


def test_reject_all_hides_the_banner_for_good_and_keeps_only_necessary_cookies(
    page, context, story, javascript_enabled
):
    page.goto(story.get_absolute_url())
    choose(banner(page), "Reject all", javascript_enabled=javascript_enabled)

    assert page.url.endswith(story.get_absolute_url()), "the visitor stays on their story"
    expect(page.get_by_role("status").get_by_text("Your cookie choices are saved")).to_be_visible()
    expect(banner(page)).to_have_count(0)
    page.goto("/category/science/")
    expect(banner(page)).to_have_count(0)
    page.goto(f"/test/set-cookies/?name={FUNCTIONAL_COOKIE}")
    assert cookie_names(context) <= necessary_cookie_names()
    assert "newsroom_consent" in cookie_names(context)

    page.goto("/")
    footer_link = cookie_settings_link(page)
    preferences = open_preferences(page, footer_link, javascript_enabled=javascript_enabled)
    assert switch_states(preferences) == {"Necessary": True} | dict.fromkeys(
        OPTIONAL_CATEGORIES, False
    )


def test_accept_all_allows_every_category_and_lets_a_functional_cookie_through(
    page, context, story, javascript_enabled
):
    page.goto("/")
    page.goto(f"/test/set-cookies/?name={FUNCTIONAL_COOKIE}")
    assert FUNCTIONAL_COOKIE not in cookie_names(context), "refused before any choice"

    page.goto("/")
    choose(banner(page), "Accept all", javascript_enabled=javascript_enabled)
    expect(banner(page)).to_have_count(0)
    page.goto(f"/test/set-cookies/?name={FUNCTIONAL_COOKIE}")
    assert FUNCTIONAL_COOKIE in cookie_names(context)

    page.goto(story.get_absolute_url())
    expect(banner(page)).to_have_count(0)
    footer_link = cookie_settings_link(page)
    preferences = open_preferences(page, footer_link, javascript_enabled=javascript_enabled)
    assert switch_states(preferences) == {"Necessary": True} | dict.fromkeys(
        OPTIONAL_CATEGORIES, True
    )

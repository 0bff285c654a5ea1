"""Customize: choose exactly the categories you want, see that choice when you come back, and
withdraw it as easily as you gave it, with its cookies deleted. JavaScript on and off."""

import pytest
from playwright.sync_api import expect

from tests.e2e.consent_steps import (
    banner,
    choose,
    cookie_names,
    cookie_settings_link,
    open_preferences,
    switch_states,
)
from tests.factories import ArticleFactory, CookieDeclarationFactory

pytestmark = pytest.mark.django_db(transaction=True)

ANALYTICAL_COOKIE = "newsroom_stats"
ONLY_ANALYTICAL = {
    "Necessary": True,
    "Functional": False,
    "Analytical": True,
    "Performance": False,
    "Advertisement": False,
}


@pytest.mark.usefixtures("every_category_in_use")
@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_customize_allows_only_analytical_and_withdrawing_deletes_its_cookies(
    page, context, javascript_enabled
):
    CookieDeclarationFactory(name=ANALYTICAL_COOKIE)  # the factory files it under Analytical
    story = ArticleFactory()
    page.goto(story.get_absolute_url())

    customize = banner(page).get_by_role("link", name="Customize")
    preferences = open_preferences(page, customize, javascript_enabled=javascript_enabled)
    assert not any(switch_states(preferences)[name] for name in ("Functional", "Analytical"))
    preferences.get_by_role("switch", name="Analytical").check()
    choose(preferences, "Save my preferences", javascript_enabled=javascript_enabled)

    assert page.url.endswith(story.get_absolute_url())
    expect(banner(page)).to_have_count(0)
    page.goto(f"/test/set-cookies/?name={ANALYTICAL_COOKIE}")
    page.goto("/test/set-cookies/?name=newsroom_commenter")
    assert ANALYTICAL_COOKIE in cookie_names(context)
    assert "newsroom_commenter" not in cookie_names(context), "Functional was not allowed"

    page.goto(story.get_absolute_url())
    footer_link = cookie_settings_link(page)
    preferences = open_preferences(page, footer_link, javascript_enabled=javascript_enabled)
    assert switch_states(preferences) == ONLY_ANALYTICAL

    preferences.get_by_role("switch", name="Analytical").uncheck()
    choose(preferences, "Save my preferences", javascript_enabled=javascript_enabled)
    assert ANALYTICAL_COOKIE not in cookie_names(context)
    expect(banner(page), "withdrawing is an answer too: no need to ask again").to_have_count(0)
    preferences = open_preferences(
        page,
        cookie_settings_link(page),
        javascript_enabled=javascript_enabled,
    )
    assert not switch_states(preferences)["Analytical"]


def test_keyboard_alone_reaches_the_banner_and_works_the_dialog(page):
    ArticleFactory.create_batch(2)
    page.goto("/")
    customize = banner(page).get_by_role("link", name="Customize")

    for _ in range(60):
        page.keyboard.press("Tab")
        if banner(page).evaluate("(element) => element.contains(document.activeElement)"):
            break
    else:
        pytest.fail("Tab never reached the cookie banner")
    while not customize.evaluate("(element) => element === document.activeElement"):
        page.keyboard.press("Tab")
        assert banner(page).evaluate("(element) => element.contains(document.activeElement)")
    page.keyboard.press("Enter")

    dialog = page.get_by_role("dialog", name="Customize consent preferences")
    expect(dialog).to_be_visible()
    visited = []
    for _ in range(25):  # more stops than the dialog has, so focus must wrap around
        page.keyboard.press("Tab")
        assert dialog.evaluate("(element) => element.contains(document.activeElement)")
        visited.append(page.evaluate("document.activeElement.id"))
    for _ in range(5):
        page.keyboard.press("Shift+Tab")
        assert dialog.evaluate("(element) => element.contains(document.activeElement)")
    assert "consent-dialog-necessary" not in visited

    necessary = dialog.get_by_role("switch", name="Necessary")
    expect(necessary).to_be_checked()
    expect(necessary).to_be_disabled()
    functional = dialog.get_by_role("switch", name="Functional")
    assert "consent-dialog-functional" in visited
    functional.focus()
    page.keyboard.press("Space")
    expect(functional).to_be_checked()
    page.keyboard.press("Space")
    expect(functional).not_to_be_checked()
    necessary.focus()  # a disabled switch takes no focus, so Space can never reach it
    assert not necessary.evaluate("(element) => element === document.activeElement")

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert customize.evaluate("(element) => element === document.activeElement")
    expect(banner(page), "closing the dialog is not an answer").to_be_visible()


def test_dialog_fits_a_phone_screen(new_context, save_screenshot):
    ArticleFactory()
    page = new_context(viewport={"width": 360, "height": 740}, is_mobile=True).new_page()
    page.goto("/")
    preferences = open_preferences(
        page, banner(page).get_by_role("link", name="Customize"), javascript_enabled=True
    )
    box = preferences.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740
    assert preferences.evaluate("(dialog) => dialog.scrollWidth <= dialog.clientWidth")
    save_screenshot(page, "dialog-phone", full_page=False)

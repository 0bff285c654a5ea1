"""The consent banner, the dialog and the preferences page pass axe-core's WCAG 2.2 A/AA rules
with no serious or critical violation."""

import pytest
from playwright.sync_api import expect

from tests.e2e.consent_steps import banner, cookie_settings_link, open_preferences
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_page_with_the_banner_shown_has_no_serious_accessibility_violations(
    page, assert_accessible, save_screenshot, javascript_enabled
):
    ArticleFactory.create_batch(3)
    page.goto("/")
    expect(banner(page)).to_be_visible()
    assert_accessible(page)
    if javascript_enabled:
        save_screenshot(page, "banner", full_page=False)


def test_open_dialog_has_no_serious_accessibility_violations(
    page, assert_accessible, save_screenshot
):
    ArticleFactory()
    page.goto("/")
    dialog = open_preferences(
        page, banner(page).get_by_role("link", name="Customize"), javascript_enabled=True
    )
    dialog.get_by_text("Cookies in Necessary").click()  # the cookie list is checked too
    expect(dialog.get_by_text("csrftoken")).to_be_visible()
    assert_accessible(page)
    save_screenshot(page, "dialog-open", full_page=False)


@pytest.mark.parametrize("javascript_enabled", [False], ids=["no-js"])
def test_preferences_page_without_javascript_has_no_serious_accessibility_violations(
    page, assert_accessible, save_screenshot, javascript_enabled
):
    page.goto("/")
    preferences = open_preferences(page, cookie_settings_link(page), javascript_enabled=False)
    assert page.get_by_role("heading", level=1).inner_text() == "Customize consent preferences"
    for summary in preferences.locator("summary").all():
        summary.click()  # open every cookie list, so axe reads them all
    expect(preferences.get_by_text("newsroom_consent", exact=True)).to_be_visible()
    assert_accessible(page)
    save_screenshot(page, "preferences-page-no-js")

"""Focus order around the banner (WCAG 2.2 2.4.3): the skip link is the first tab stop, even
on a first visit, and answering in the dialog opened from the banner leaves focus somewhere a
keyboard user can carry on from (the confirmation, or what opened the dialog), never <body>."""

import pytest
from playwright.sync_api import expect

from tests.e2e.consent_steps import SAVED, banner, open_preferences
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("every_category_in_use"),
]
FOCUSED = "() => document.activeElement.id || document.activeElement.tagName"


def test_the_skip_link_is_the_first_tab_stop_on_a_first_visit(page):
    page.goto(ArticleFactory().get_absolute_url())
    expect(banner(page)).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Tab")
    assert banner(page).evaluate("(element) => element.contains(document.activeElement)")


@pytest.mark.parametrize("button", ["Save my preferences", "Accept all", "Reject all"])
def test_answering_in_the_dialog_from_the_banner_leaves_focus_on_the_confirmation(page, button):
    page.goto(ArticleFactory().get_absolute_url())
    dialog = open_preferences(
        page, banner(page).get_by_role("link", name="Customize"), javascript_enabled=True
    )
    dialog.get_by_role("button", name=button).click()
    expect(page.locator("#consent-status")).to_contain_text(SAVED)
    expect(dialog).to_be_hidden()
    page.wait_for_timeout(300)  # the dialog's close event comes after the answer
    assert page.evaluate(FOCUSED) == "consent-status"


def test_answering_in_the_dialog_from_the_footer_returns_focus_to_the_footer_link(page):
    page.goto(ArticleFactory().get_absolute_url())
    banner(page).get_by_role("button", name="Reject all").click()
    expect(page.locator("#consent-status")).to_contain_text(SAVED)
    footer_link = page.get_by_role("contentinfo").get_by_role("link", name="Cookie settings")
    dialog = open_preferences(page, footer_link, javascript_enabled=True)
    page.evaluate("document.getElementById('consent-status').textContent = ''")
    dialog.get_by_role("button", name="Accept all").click()
    expect(page.locator("#consent-status")).to_contain_text(SAVED)
    page.wait_for_timeout(300)
    expect(footer_link).to_be_focused()

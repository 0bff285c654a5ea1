"""What a visitor does with the consent banner and dialog, and what their browser then holds.

With JavaScript the "Customize" and "Cookie settings" links open the modal dialog and a choice
is saved in the background; without it they lead to the preferences page and a choice is a
form post and a new page. The steps here hide that difference, so one test covers both.
Categories with nothing in them are not offered (no switch); tests that need all five use the
`every_category_in_use` fixture.
"""

from playwright.sync_api import expect

from consent.models import CookieDeclaration

SAVED = "Your cookie choices are saved"

OPTIONAL_CATEGORIES = ["Functional", "Analytical", "Performance", "Advertisement"]


def banner(page):
    return page.locator(".consent-banner")


def cookie_settings_link(page):
    """The "Cookie settings" link in the page footer (other links may share its name)."""
    return page.get_by_role("contentinfo").get_by_role("link", name="Cookie settings")


def cookie_names(context):
    return {cookie["name"] for cookie in context.cookies()}


def necessary_cookie_names():
    """What the dialog declares under Necessary: all a visitor may hold before choosing."""
    return set(
        CookieDeclaration.objects.filter(category__is_necessary=True).values_list("name", flat=True)
    )


def open_preferences(page, opener, *, javascript_enabled):
    """Follow `opener` (a Customize or Cookie settings link); return where the switches are."""
    opener.click()
    if javascript_enabled:
        dialog = page.get_by_role("dialog", name="Customize consent preferences")
        dialog.wait_for()
        return dialog
    page.wait_for_url("**/consent/preferences/**")
    return page.locator(".consent-page")


def switch_states(preferences):
    """{category name: switched on?} for every switch in the dialog or on the page."""
    names = ["Necessary", *OPTIONAL_CATEGORIES]
    return {name: preferences.get_by_role("switch", name=name).is_checked() for name in names}


def choose(preferences, button, *, javascript_enabled):
    """Press one of the dialog's (or banner's) buttons and wait until the choice is saved: the
    page it leads back to, or, with JavaScript, the confirmation on the same page."""
    page = preferences.page
    if javascript_enabled:
        page.evaluate("document.getElementById('consent-status').textContent = ''")
        preferences.get_by_role("button", name=button).click()
        expect(page.locator("#consent-status")).to_contain_text(SAVED)
        return
    with page.expect_navigation():
        preferences.get_by_role("button", name=button).click()

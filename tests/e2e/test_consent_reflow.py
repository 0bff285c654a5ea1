"""The banner reflows (WCAG 2.2 1.4.10): on every screen, from 320 x 256 (a 1,280 x 1,024
window at 400% zoom) to phones held either way, a visitor sees why they are asked before they
choose. A short purpose line always shows, whatever else scrolls does so in a box that shows
it has more, no button is cut, and German and French labels fit their buttons without sideways
scrolling, in the banner, the dialog and the preferences page."""

import pytest

from tests.e2e.consent_steps import banner
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("every_category_in_use"),
]
SCREENS = {
    "400-percent-zoom": {"width": 320, "height": 256},
    "phone-landscape": {"width": 740, "height": 360},
    "phone-portrait": {"width": 360, "height": 740},
    "narrow-phone": {"width": 320, "height": 568},
    "wide-phone": {"width": 390, "height": 844},
}
CUSTOMIZE = {"en": "Customize", "de": "Anpassen", "fr": "Personnaliser"}
# Elements whose text overflows them, or that reach past the right edge of the window.
CLIPPED = """(root) => Array.from(
        root.querySelectorAll('button, a, h1, h2, h3, p, label, span, li'))
    .filter((element) => element.getClientRects().length > 0)
    .filter((element) => element.scrollWidth > element.clientWidth + 1
        || element.getBoundingClientRect().right > window.innerWidth + 1)
    .map((element) => element.outerHTML.slice(0, 80))"""
# Is the element wholly inside the window and inside every box that clips its ancestors?
SHOWN_WHOLE = """(element) => {
    const box = element.getBoundingClientRect();
    if (box.height < 1 || box.top < 0 || box.bottom > window.innerHeight + 1
            || box.left < 0 || box.right > window.innerWidth + 1) {
        return false;
    }
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowY === 'visible') continue;
        const clip = parent.getBoundingClientRect();
        if (box.top < clip.top - 1 || box.bottom > clip.bottom + 1) return false;
    }
    return true;
}"""
SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth > window.innerWidth + 1"


@pytest.fixture(params=SCREENS, ids=str)
def viewport(request):
    return SCREENS[request.param]


@pytest.fixture(params=["en", "de", "fr"])
def language(request):
    return request.param


@pytest.fixture
def story_page(new_context, viewport, language):
    page = new_context(viewport=viewport, is_mobile=viewport["width"] < 800).new_page()
    prefix = "" if language == "en" else f"/{language}"
    page.goto(prefix + ArticleFactory().get_absolute_url())
    return page


def test_the_purpose_line_shows_whole_on_arrival(story_page):
    purpose = banner(story_page).locator(".consent-purpose")
    assert purpose.evaluate(SHOWN_WHOLE), "the short purpose line is on screen, uncut"
    assert "cookies" in purpose.inner_text().lower()


def test_the_rest_of_the_text_has_room_and_says_when_it_scrolls(story_page):
    text = banner(story_page).locator(".consent-banner-text")
    height = text.evaluate("(element) => element.clientHeight")
    assert height >= 20, f"the explanation has a {height} px box"
    if text.evaluate("(element) => element.scrollHeight > element.clientHeight + 1"):
        cue = banner(story_page).locator(".consent-more")
        assert cue.is_visible(), "a box that scrolls says there is more"
        text.evaluate("(element) => { element.scrollTop = element.scrollHeight; }")
        story_page.wait_for_function(
            "() => document.querySelector('.consent-more').hidden"
        )  # at the end, the cue goes


def test_no_button_is_cut_and_nothing_scrolls_sideways(story_page, language):
    for button in banner(story_page).locator(".consent-button").all():
        button.scroll_into_view_if_needed()
        assert button.evaluate(SHOWN_WHOLE), button.inner_text()
    assert banner(story_page).evaluate(CLIPPED) == []
    assert not story_page.evaluate(SIDEWAYS_SCROLL)


@pytest.mark.parametrize("viewport", [SCREENS["narrow-phone"], SCREENS["phone-portrait"]])
def test_the_dialog_and_the_preferences_page_fit_narrow_screens(story_page, language):
    banner(story_page).get_by_role("link", name=CUSTOMIZE[language]).click()
    dialog = story_page.locator("#consent-dialog")
    dialog.wait_for()
    assert dialog.evaluate(CLIPPED) == []
    assert dialog.evaluate("(element) => element.scrollWidth <= element.clientWidth + 1")
    story_page.keyboard.press("Escape")
    prefix = "" if language == "en" else f"/{language}"
    story_page.goto(f"{prefix}/consent/preferences/")
    assert story_page.locator("main").evaluate(CLIPPED) == []
    assert not story_page.evaluate(SIDEWAYS_SCROLL)

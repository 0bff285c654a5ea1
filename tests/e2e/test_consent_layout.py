"""The banner never hides the page (WCAG 2.2): it comes right after the skip link in the tab
order, covers at most a quarter of the screen (or, where that cannot hold it, opens the page
instead), never sits over the focused control, cuts no text, and the dialog's buttons are
always on screen. At 320, 360 and 1280 px wide."""

import pytest

from tests.e2e.consent_steps import banner, open_preferences
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("every_category_in_use"),
]
SCREENS = {
    "320": {"width": 320, "height": 568},
    "360": {"width": 360, "height": 740},
    "1280": {"width": 1280, "height": 800},
}
CLIPPED = """(root) => Array.from(root.querySelectorAll('button, a, h2, h3, p, label, span'))
    .filter((element) => element.getClientRects().length > 0)
    .filter((element) => element.scrollWidth > element.clientWidth + 1
        || element.getBoundingClientRect().right > window.innerWidth + 1)
    .map((element) => element.outerHTML.slice(0, 80))"""


@pytest.fixture(params=SCREENS, ids=lambda name: f"{name}px")
def screen(request, new_context):
    viewport = SCREENS[request.param]
    page = new_context(viewport=viewport, is_mobile=viewport["width"] < 800).new_page()
    story = ArticleFactory()
    page.goto(story.get_absolute_url())
    return page, viewport


def test_banner_comes_right_after_the_skip_link_in_the_tab_order(screen):
    page, _ = screen
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert banner(page).evaluate("(element) => element.contains(document.activeElement)")


def test_banner_covers_at_most_a_quarter_of_the_screen(screen):
    page, viewport = screen
    box = banner(page).bounding_box()
    laid_over = banner(page).evaluate("(element) => getComputedStyle(element).position")
    if laid_over == "fixed":
        assert box["height"] <= viewport["height"] * 0.25 + 1
    else:  # on a small screen it opens the page and covers nothing
        assert laid_over == "static" and box["y"] <= 1
    for name in ("Accept all", "Reject all"):
        button = banner(page).get_by_role("button", name=name).bounding_box()
        assert button["y"] + button["height"] <= viewport["height"], f"{name} is on screen"


def test_no_focused_control_sits_under_the_banner(screen):
    page, _ = screen
    stops = 0
    for _ in range(60):
        page.keyboard.press("Tab")
        focused_in_banner = banner(page).evaluate(
            "(element) => element.contains(document.activeElement)"
        )
        on_page = page.evaluate("document.activeElement !== document.body")
        if focused_in_banner or not on_page:  # in the banner, or past the last stop
            continue
        stops += 1
        hidden = page.evaluate(
            """() => {
                const focused = document.activeElement.getBoundingClientRect();
                const element = document.querySelector('.consent-banner');
                // In the flow (small screens) the banner is drawn under everything else.
                if (getComputedStyle(element).position !== 'fixed') return false;
                const banner = element.getBoundingClientRect();
                return focused.bottom > banner.top + 1 && focused.top < banner.bottom;
            }"""
        )
        label = page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
        assert not hidden, f"{label} is under the banner"
    assert stops > 10


def test_no_text_is_cut_in_the_banner_or_the_dialog(screen):
    page, _ = screen
    assert banner(page).evaluate(CLIPPED) == []
    dialog = open_preferences(
        page, banner(page).get_by_role("link", name="Customize"), javascript_enabled=True
    )
    assert dialog.evaluate(CLIPPED) == []


def test_the_dialog_buttons_are_on_screen_without_scrolling(screen):
    page, viewport = screen
    dialog = open_preferences(
        page, banner(page).get_by_role("link", name="Customize"), javascript_enabled=True
    )
    for name in ("Save my preferences", "Accept all", "Reject all"):
        box = dialog.get_by_role("button", name=name).bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], name


def test_no_text_is_cut_at_200_percent_zoom(new_context):
    # 200% zoom of a 1280 px window lays the page out 640 px wide, twice the size.
    page = new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2).new_page()
    ArticleFactory()
    page.goto("/")
    assert banner(page).evaluate(CLIPPED) == []

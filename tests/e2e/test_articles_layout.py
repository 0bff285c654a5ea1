"""Reader pages fit a phone: nothing is wider than a 360 px screen, so nobody scrolls sideways."""

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, CategoryFactory, CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}
# Long unbroken words, wide tables and preformatted text usually push a news page past the screen.
AWKWARD_BODY = (
    "<p>Supercalifragilisticexpialidociousandthensomemorelettersthatnevermeetaspace.</p>"
    "<pre>result = compute_the_quarterly_figures(region='north', include_estimates=True)</pre>"
    "<table><tr>"
    + "".join(f"<td>Column {n} with some text</td>" for n in range(8))
    + "</tr></table>"
    '<p><a href="https://example.org/a/very/long/address/that/goes/on/and/on/and/on/forever">'
    "https://example.org/a/very/long/address/that/goes/on/and/on/and/on/forever</a></p>"
)


@pytest.fixture
def phone(new_context):
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the screen (0 when it fits)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


@pytest.fixture
def story():
    category = CategoryFactory(name="International Affairs and Diplomacy", slug="world")
    for number in range(6):
        CategoryFactory(name=f"Section with a long name {number}")
    ArticleFactory.create_batch(3, category=category, with_image=True)
    return ArticleFactory(
        category=category,
        with_image=True,
        headline="Negotiators from forty-two nations agree on an unprecedentedly bold treaty",
        body=AWKWARD_BODY,
    )


def test_home_page_does_not_scroll_sideways_on_a_phone(phone, story):
    phone.goto("/")
    expect(phone.get_by_role("link", name=story.headline)).to_be_visible()
    assert horizontal_overflow(phone) == 0


def test_article_page_does_not_scroll_sideways_on_a_phone(phone, story, save_screenshot):
    phone.goto(story.get_absolute_url())
    assert phone.get_by_role("heading", level=1).inner_text() == story.headline
    assert horizontal_overflow(phone) == 0
    save_screenshot(phone, "article-phone")


def test_article_with_a_wide_table_has_no_serious_accessibility_violations_on_a_phone(
    phone, story, assert_accessible
):
    phone.goto(story.get_absolute_url())
    expect(phone.get_by_role("table")).to_be_visible()
    assert_accessible(phone)


def test_deep_comment_thread_does_not_scroll_sideways_on_a_phone(phone, story):
    parent = None
    for depth in range(4):  # as deep as threads go
        parent = CommentFactory(
            article=story,
            parent=parent,
            name=f"Reader with a rather long display name number {depth}",
            text="See https://example.org/a/very/long/address/without/any/spaces/in/it/at/all",
        )
    phone.goto(story.get_absolute_url())
    expect(phone.locator(".comment")).to_have_count(4)
    assert horizontal_overflow(phone) == 0

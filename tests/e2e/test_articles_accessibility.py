"""Reader pages pass axe-core's WCAG 2.2 A/AA rules with no serious or critical violation."""

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def newsroom():
    """A small front page: two sections, stories with and without a lead image."""
    politics = CategoryFactory(name="Politics", slug="politics", description="Who decides what.")
    science = CategoryFactory(name="Science", slug="science")
    ArticleFactory(category=science, headline="Comet returns after 70 years")
    ArticleFactory(category=politics, headline="Council votes on the new bridge", with_image=True)
    return ArticleFactory(
        category=politics,
        slug="harbour-reopens",
        headline="Harbour reopens after a winter of repairs",
        with_image=True,
        body=(
            "<p>The harbour opened at dawn.</p><h2>What changed</h2>"
            "<ul><li>New quay</li><li>Wider channel</li></ul>"
            "<blockquote><p>It feels like a new town.</p></blockquote>"
            '<p>Read the <a href="https://example.org/report">council report</a>.</p>'
        ),
    )


@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_home_page_has_no_serious_accessibility_violations(
    page, newsroom, assert_accessible, save_screenshot, javascript_enabled
):
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Latest stories"
    expect(
        page.get_by_role("link", name="Harbour reopens after a winter of repairs")
    ).to_be_visible()
    assert_accessible(page)
    if javascript_enabled:
        save_screenshot(page, "home")


def test_category_page_has_no_serious_accessibility_violations(page, newsroom, assert_accessible):
    page.goto("/category/politics/")
    assert page.get_by_role("heading", level=1).inner_text() == "Politics"
    current = page.get_by_role("navigation", name="Sections").locator("[aria-current=page]")
    assert current.inner_text() == "Politics"
    assert_accessible(page)


@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_article_page_has_no_serious_accessibility_violations(
    page, newsroom, assert_accessible, javascript_enabled
):
    page.goto(newsroom.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == newsroom.headline
    expect(page.get_by_role("img", name="A harbour at dawn.")).to_be_visible()
    assert_accessible(page)


def test_page_not_found_has_no_serious_accessibility_violations(page, assert_accessible):
    response = page.goto("/story/no-such-story/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "We can't find that page"
    assert_accessible(page)

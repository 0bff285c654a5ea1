"""A reader searches from the header of any page, with JavaScript off, and finds the story."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stories():
    local = CategoryFactory(name="Local", slug="local")
    ArticleFactory(category=CategoryFactory(name="Sport", slug="sport"), headline="Regatta day")
    ArticleFactory(category=local, headline="Budget approved")
    return ArticleFactory(
        category=local,
        headline="Lighthouse keeper retires after forty years",
        body="<p>The <strong>lighthouse</strong> on the point will run on its own.</p>",
    )


@pytest.mark.parametrize("javascript_enabled", [False], ids=["no-js"])
def test_searching_from_the_header_without_javascript_finds_the_story(
    page, stories, assert_accessible, save_screenshot
):
    page.goto(stories.category.get_absolute_url())
    header_search = page.get_by_role("search")
    header_search.get_by_role("searchbox", name="Search stories").fill("lighthouse")
    header_search.get_by_role("button", name="Search").click()

    expect(page).to_have_url(re.compile(r"/search/\?q=lighthouse$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.get_by_text("1 story matches")).to_be_visible()
    result = page.get_by_role("link", name="Lighthouse keeper retires after forty years")
    expect(result).to_be_visible()
    expect(page.locator(".snippet mark")).to_have_text("lighthouse")
    expect(page.get_by_role("searchbox", name="Search for")).to_have_value("lighthouse")
    assert_accessible(page)
    save_screenshot(page, "search-results")

    page.get_by_label("Section", exact=True).select_option("Sport")
    page.locator(".search-form").get_by_role("button", name="Search").click()
    expect(page.get_by_text("No stories match")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search for")).to_have_value("lighthouse")

    page.get_by_label("Section", exact=True).select_option("All sections")
    page.locator(".search-form").get_by_role("button", name="Search").click()
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(stories.headline)

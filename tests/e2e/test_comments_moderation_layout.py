"""The moderation list fits a 1280 px desk: everything a moderator decides on (the comment, its
story, who wrote it and from which address, the status with the row's buttons, why it was
held) is on screen beside the navigation and the filters, without scrolling sideways."""

import pytest
from playwright.sync_api import expect

from comments import held_reasons
from comments.held_reasons import UNCONFIRMED
from comments.models import Comment
from tests.e2e.admin_steps import sign_in_as_editor
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)

DESK = {"width": 1280, "height": 800}
# What makes the list wide in real life: long comments, names, addresses, titles and reasons.
LONG_TEXT = (
    "I have been reading this paper for thirty years and never have I seen such a one-sided "
    "account of the council's budget; https://example.org/a/very/long/address/for/the/record"
)
REASON = f"too_many_links:links=1&limit=0; first_comment; {UNCONFIRMED}"
COLUMNS = ["Comment", "Article", "Commenter", "Status", "Why it was held"]


@pytest.fixture
def page(new_context):
    return new_context(viewport=DESK).new_page()


@pytest.fixture
def held_comments():
    story = ArticleFactory(
        headline="Negotiators from forty-two nations agree on an unprecedentedly bold treaty"
    )
    return [
        CommentFactory(
            article=story,
            status=Comment.Status.PENDING,
            name=f"Bartholomew Fitzwilliam-Montgomery the {number}th",
            email=f"bartholomew.fitzwilliam-montgomery.{number}@a-long-provider-name.example",
            text=LONG_TEXT,
            held_reason=REASON,
        )
        for number in range(3)
    ]


def visible_area(page):
    """The part of the page the moderator sees without scrolling: the window, narrowed to the
    list's box (Django lets a too-wide table scroll inside it)."""
    box = page.locator("#changelist .results").bounding_box()
    return box["x"], min(box["x"] + box["width"], page.viewport_size["width"])


def test_moderation_list_fits_a_desk_screen_without_sideways_scrolling(
    page, held_comments, save_screenshot
):
    sign_in_as_editor(page, "/admin/comments/comment/")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(len(held_comments))
    first = held_comments[-1]  # the newest, at the top
    for value in (first.email, held_reasons.describe(first.held_reason), "Pending"):
        expect(rows.first.get_by_text(value)).to_be_visible()

    left, right = visible_area(page)
    for name in COLUMNS:
        header = page.get_by_role("columnheader", name=name, exact=True)
        box = header.bounding_box()
        assert left <= box["x"] and box["x"] + box["width"] <= right + 0.5, name
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= window.innerWidth"
        " && document.querySelector('#changelist .results').scrollWidth"
        " <= document.querySelector('#changelist .results').clientWidth"
    ), "nothing scrolls sideways"
    save_screenshot(page, "admin-moderation-list-desk", full_page=False)

"""The editors' desk pages added for issue 27 (revisions, their comparison, the preview of
unsaved changes) and the readers' corrections page pass axe-core's WCAG 2.2 A/AA rules with no
serious or critical violation."""

import pytest
import reversion
from playwright.sync_api import expect
from reversion.models import Version

from tests.e2e.admin_steps import sign_in_as_editor
from tests.factories import ArticleFactory, CorrectionFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The change form heartbeats and autosaves while the preview tab loads.
    pytest.mark.usefixtures("one_request_at_a_time"),
]

DESK = {"width": 1280, "height": 800}


@pytest.fixture
def page(new_context):
    return new_context(viewport=DESK).new_page()


def story_with_two_revisions():
    story = ArticleFactory(headline="Harbour reopens")
    with reversion.create_revision():
        story.save()
    story.headline = "Harbour reopens after the storm"
    with reversion.create_revision():
        story.save()
    return story


def test_revision_history_and_comparison_are_accessible(page, assert_accessible):
    story = story_with_two_revisions()
    sign_in_as_editor(page, f"/admin/articles/article/{story.pk}/history/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    newer, older = Version.objects.get_for_object(story)[:2]
    page.goto(
        f"/admin/articles/article/{story.pk}/revisions/compare/?from={older.pk}&to={newer.pk}"
    )
    expect(page.locator("ins").first).to_be_visible()
    assert_accessible(page)


def test_the_preview_of_unsaved_changes_is_accessible(page, assert_accessible):
    story = ArticleFactory()
    sign_in_as_editor(page, f"/admin/articles/article/{story.pk}/change/")
    page.get_by_label("Headline").fill("A headline not saved yet")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Preview").click()
    preview = opened.value
    expect(preview.get_by_role("heading", name="A headline not saved yet")).to_be_visible()
    assert_accessible(preview)


def test_the_corrections_page_is_accessible(page, assert_accessible):
    CorrectionFactory.create_batch(2)
    page.goto("/corrections/")
    expect(page.locator("main")).to_contain_text("Correction")
    assert_accessible(page)

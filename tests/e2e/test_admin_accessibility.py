"""The admin pages editors use every day pass axe-core's WCAG 2.2 A/AA rules with no serious or
critical violation, at a desk's 1280 px."""

import pytest
import reversion
from playwright.sync_api import expect

from articles.models import CategoryTranslation
from comments.models import CommentReport
from consent.models import CookieCategory
from tests.e2e.admin_steps import sign_in_as_editor
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CommentFactory,
    ConsentRecordFactory,
    CookieCategoryFactory,
    CookieDeclarationFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

DESK = {"width": 1280, "height": 800}


@pytest.fixture
def page(new_context):
    return new_context(viewport=DESK).new_page()


def test_login_page_has_a_heading_and_no_serious_accessibility_violations(page, assert_accessible):
    page.goto("/admin/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Django administration")
    assert_accessible(page)


def test_admin_index_has_no_serious_accessibility_violations(page, assert_accessible):
    sign_in_as_editor(page)
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    assert_accessible(page)


def test_story_list_has_no_serious_accessibility_violations(page, assert_accessible):
    ArticleFactory.create_batch(3)
    sign_in_as_editor(page, "/admin/articles/article/")
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    assert_accessible(page)


def test_story_form_has_no_serious_accessibility_violations(page, assert_accessible):
    story = ArticleFactory()
    sign_in_as_editor(page, f"/admin/articles/article/{story.pk}/change/")
    expect(page.locator(".tox-edit-area iframe")).to_be_visible()
    # The first: the corrections inline has a (hidden) empty form with the same labels.
    expect(page.get_by_label("Published at: date").first).to_be_visible()
    expect(page.get_by_label("Published at: time").first).to_be_visible()
    # The editor's resize handle is named and has a role (static/editors/).
    expect(page.locator(".tox-statusbar__resize-handle")).to_have_attribute("role", "separator")
    assert_accessible(page)


def test_comment_list_has_no_serious_accessibility_violations(page, assert_accessible):
    CommentFactory.create_batch(3)
    sign_in_as_editor(page, "/admin/comments/comment/")
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    assert_accessible(page)


def test_consent_log_has_no_serious_accessibility_violations(page, assert_accessible):
    ConsentRecordFactory.create_batch(3)
    sign_in_as_editor(page, "/admin/consent/consentrecord/")
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    assert_accessible(page)


def test_section_list_with_editable_positions_has_no_serious_accessibility_violations(
    page, assert_accessible
):
    sections = CategoryFactory.create_batch(3)
    sign_in_as_editor(page, "/admin/articles/category/")
    expect(page.locator("#result_list tbody tr input[name$='-position']")).to_have_count(3)
    expect(page.get_by_label(f"Position: {sections[0]}")).to_be_visible()
    assert_accessible(page)


def test_section_form_with_its_translations_has_no_serious_accessibility_violations(
    page, assert_accessible
):
    section = CategoryFactory(name="Science", slug="science")
    CategoryTranslation.objects.create(category=section, language="de", name="Wissenschaft")
    sign_in_as_editor(page, f"/admin/articles/category/{section.pk}/change/")
    expect(page.locator("input[name='translations-0-name']")).to_have_value("Wissenschaft")
    # An empty row for a second language, as an editor adding French sees it.
    page.locator(".add-row a").click()
    expect(page.locator("input[name='translations-1-name']")).to_be_visible()
    assert_accessible(page)


def test_cookie_category_list_with_editable_order_has_no_serious_accessibility_violations(
    page, assert_accessible
):
    CookieCategoryFactory.create_batch(2)
    sign_in_as_editor(page, "/admin/consent/cookiecategory/")
    expect(page.locator("#result_list tbody tr input[name$='-order']").first).to_be_visible()
    assert_accessible(page)


def test_cookie_category_form_with_its_inlines_has_no_serious_accessibility_violations(
    page, assert_accessible
):
    category = CookieCategory.objects.get(slug="analytical")
    CookieDeclarationFactory.create_batch(2, category=category)
    sign_in_as_editor(page, f"/admin/consent/cookiecategory/{category.pk}/change/")
    expect(page.locator("input[name$='-name']").first).to_be_visible()
    assert_accessible(page)


def test_story_form_section_picker_open_has_no_serious_accessibility_violations(
    page, assert_accessible
):
    story = ArticleFactory()
    sign_in_as_editor(page, f"/admin/articles/article/{story.pk}/change/")
    expect(page.locator(".tox-edit-area iframe")).to_be_visible()
    page.locator(".field-category .select2-selection").click()
    expect(page.locator(".select2-results__option").first).to_be_visible()
    assert_accessible(page)


def test_story_editor_body_has_no_serious_accessibility_violations(page, assert_accessible):
    story = ArticleFactory()
    sign_in_as_editor(page, f"/admin/articles/article/{story.pk}/change/")
    editor_body = page.frame_locator(".tox-edit-area iframe").locator("body")
    expect(editor_body).to_be_visible()
    frame = next(frame for frame in page.frames if frame.parent_frame is not None)
    assert_accessible(frame)


def test_comment_list_with_one_click_buttons_has_no_serious_accessibility_violations(
    page, assert_accessible
):
    CommentFactory.create_batch(2, status="pending")
    sign_in_as_editor(page, "/admin/comments/comment/")
    expect(page.get_by_role("button", name="Approve").first).to_be_visible()
    assert_accessible(page)


def test_reported_comments_queue_has_no_serious_accessibility_violations(page, assert_accessible):
    comment = CommentFactory()
    CommentReport.objects.create(comment=comment, reason="personal")
    sign_in_as_editor(page, "/admin/comments/reportedcomment/")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    assert_accessible(page)


def test_moderation_reason_page_has_no_serious_accessibility_violations(page, assert_accessible):
    CommentFactory(text="Buy cheap watches")
    sign_in_as_editor(page, "/admin/comments/comment/")
    page.locator("#result_list tbody tr").get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Remove selected comments (hide them)")
    with page.expect_navigation():
        page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("Buy cheap watches")).to_be_visible()
    assert_accessible(page)


def test_revisions_history_has_no_serious_accessibility_violations(page, assert_accessible):
    story = ArticleFactory(headline="Harbour reopens")
    for headline in ["Harbour reopens", "Harbour reopens after the storm"]:
        story.headline = headline
        with reversion.create_revision():
            story.save()
    sign_in_as_editor(page, f"/admin/articles/article/{story.pk}/history/")
    expect(page.get_by_text("Harbour reopens after the storm").first).to_be_visible()
    assert_accessible(page)

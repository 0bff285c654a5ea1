"""The admin pages editors use every day pass axe-core's WCAG 2.2 A/AA rules with no serious or
critical violation, at a desk's 1280 px."""

import pytest
from playwright.sync_api import expect

from tests.e2e.admin_steps import sign_in_as_editor
from tests.factories import ArticleFactory, CommentFactory, ConsentRecordFactory

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

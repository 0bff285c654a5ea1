"""The moderation desk in a real browser: one click per row with JavaScript off, and the
"Reply as the site" page, axe-clean, in German."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.e2e.admin_steps import sign_in_as_editor
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)

DESK = {"width": 1280, "height": 800}


def test_one_click_approves_a_row_without_javascript_and_keeps_the_filter(new_context):
    page = new_context(viewport=DESK, java_script_enabled=False).new_page()
    waiting = CommentFactory(pending=True, name="Quinn")
    CommentFactory(pending=True, name="Avery")
    sign_in_as_editor(page, "/admin/comments/comment/?status__exact=pending")
    with page.expect_navigation():
        page.get_by_role("button", name="Approve: comment by Quinn").click()
    expect(page).to_have_url(re.compile(r"/admin/comments/comment/\?status__exact=pending$"))
    expect(page.locator(".messagelist")).to_contain_text("Approved 1 comment.")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    waiting.refresh_from_db()
    assert waiting.status == Comment.Status.APPROVED


def test_the_reply_page_has_no_serious_accessibility_violations_in_german(
    new_context, assert_accessible
):
    page = new_context(viewport=DESK).new_page()
    comment = CommentFactory(text="Wann öffnet der Hafen?")
    sign_in_as_editor(page)
    page.set_extra_http_headers({"Accept-Language": "de"})
    page.goto(f"/admin/comments/comment/{comment.pk}/reply/")
    expect(page.get_by_role("heading", name="Als Redaktion antworten")).to_be_visible()
    page.get_by_label("Antwort").fill("Am Montag, sagt die Hafenbehörde.")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Antwort veröffentlichen").click()
    expect(page.locator(".messagelist")).to_contain_text("Ihre Antwort ist als")
    reply = Comment.objects.get(parent=comment)
    assert reply.by_staff and reply.status == Comment.Status.APPROVED

"""A reader reports a comment, with JavaScript on and off: the Report link under the comment, a
form whose errors sit next to their fields, the thanks page saying what happens next. Readers
on three different connections hide the comment; an editor decides in the Reported queue and
the reporter is mailed the outcome. Every new page passes axe-core."""

import pytest
from playwright.sync_api import expect

from comments import reporting
from comments.models import Comment, CommentReport, ModerationReason
from comments.outbox import OutgoingMail
from tests.e2e.admin_steps import sign_in_as_editor
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = "The mayor is a crook and here is her home address."
REPORTER = "careful.reader@example.org"


def open_report_form(page, comment):
    page.goto(comment.article.get_absolute_url())
    link = page.get_by_role("link", name=f"Report the comment by {comment.name}")
    with page.expect_navigation():
        link.click()
    expect(page.get_by_role("heading", level=1, name="Report a comment")).to_be_visible()


def send(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Send report").click()


@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_a_reader_reports_a_comment_and_is_told_what_happens_next(
    page, javascript_enabled, assert_accessible, save_screenshot
):
    comment = CommentFactory(name="Loud Neighbour", text=TEXT)
    open_report_form(page, comment)
    expect(page.locator("blockquote")).to_contain_text(TEXT)
    assert_accessible(page)

    page.get_by_label("Details").fill("Her address is personal information.")
    send(page)
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Your report has not been sent yet")
    expect(summary.get_by_role("link")).to_have_text("Reason: Choose a reason.")
    expect(page.get_by_label("Details")).to_have_value("Her address is personal information.")
    assert_accessible(page)

    reasons = page.get_by_role("group", name="Why should the editors look at this comment?")
    reasons.get_by_role("radio", name="Personal information").check()
    page.get_by_label("Your email address").fill(REPORTER)
    if javascript_enabled:
        save_screenshot(page, "comment-report-form")
    send(page)
    expect(page.get_by_role("heading", level=1, name="Thank you for your report")).to_be_visible()
    expect(page.get_by_text("An editor will review the comment")).to_be_visible()
    assert_accessible(page)

    report = CommentReport.objects.get()
    assert (report.comment_id, report.reason) == (comment.pk, "personal")
    assert report.reporter_email == REPORTER
    with page.expect_navigation():
        page.get_by_role("link", name=f"Back to “{comment.article.headline}”").click()
    expect(page.locator(".comment").filter(has_text=TEXT)).to_be_visible()
    assert REPORTER not in page.content()


def test_three_readers_hide_a_comment_and_an_editor_decides_in_the_reported_queue(
    new_context, settings, assert_accessible, save_screenshot
):
    ModerationReason.objects.get_or_create(
        code="harassment",
        defaults={"title": "Harassment", "text": "It attacks a person.", "tell_commenter": True},
    )
    # Each reader comes through a proxy that names their address.
    settings.TRUSTED_PROXY_COUNT = 1
    settings.COMMENTS_REPORTS_TO_HIDE = 3
    story = ArticleFactory(headline="Town hall row")
    comment = CommentFactory(article=story, name="Loud Neighbour", text=TEXT)
    for number, reason in enumerate(["Harassment or hate", "Personal information", "Other"]):
        reader = new_context(extra_http_headers={"X-Forwarded-For": f"203.0.113.{number + 1}"})
        page = reader.new_page()
        open_report_form(page, comment)
        page.get_by_role("radio", name=reason).check()
        if number == 0:
            page.get_by_label("Your email address").fill(REPORTER)
        send(page)
        expect(page.get_by_role("heading", name="Thank you for your report")).to_be_visible()

    comment.refresh_from_db()
    assert (comment.status, comment.held_reason) == (Comment.Status.PENDING, reporting.REPORTED)
    page.goto(story.get_absolute_url())
    expect(page.locator("#comments")).not_to_contain_text(TEXT)

    editor = new_context(viewport={"width": 1280, "height": 800}).new_page()
    sign_in_as_editor(editor, "/admin/comments/reportedcomment/")
    row = editor.locator("#result_list tbody tr").filter(has_text=TEXT)
    expect(row).to_contain_text("3")
    expect(row).to_contain_text("Harassment or hate (1)")
    assert_accessible(editor)
    save_screenshot(editor, "admin-reported-comments")
    row.get_by_role("checkbox").check()
    editor.get_by_label("Action:").select_option(label="Remove selected comments (hide them)")
    with editor.expect_navigation():
        editor.get_by_role("button", name="Go").click()
    # Removing asks for the reason the commenter is told (statements of reasons); the reasons
    # the data migration seeds are gone with this test's flushed tables, so one is made here.
    editor.get_by_role("radio", name="Harassment").check()
    with editor.expect_navigation():
        editor.locator("form input[type=submit], form button[type=submit]").last.click()
    expect(editor.get_by_text("Removed 1 comment.")).to_be_visible()

    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED
    decision = OutgoingMail.objects.get(purpose=reporting.DECISION_PURPOSE)
    assert decision.to == REPORTER
    assert "have removed it from the site" in decision.body

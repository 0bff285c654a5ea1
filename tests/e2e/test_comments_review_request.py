"""A commenter whose comment was removed follows the review link in their statement of reasons,
with JavaScript on and off: the page shows only their comment's opening words and the reason,
an empty request comes back with the problem next to the field, a sent one lands in the admin's
Review requests. The page and the admin list pass axe-core, in English and German."""

import re

import pytest
from playwright.sync_api import expect

from comments import statements
from comments.models import Comment, ModerationReason, OutgoingMail, ReviewRequest
from tests.e2e.admin_steps import sign_in_as_editor
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = "The council hid the report and everyone knows why."


def removed_with_a_statement(live_server, language):
    # The reasons the data migration seeds are gone with this test's flushed tables.
    reason = ModerationReason.objects.create(
        code="unproven-claim",
        title="Unproven claim",
        text="It states as fact what nobody has shown.",
        tell_commenter=True,
    )
    reason.translations.create(
        language="de",
        title="Unbelegte Behauptung",
        text="Er stellt als Tatsache dar, was niemand gezeigt hat.",
    )
    comment = CommentFactory(name="Sam Writer", text=TEXT, language=language)
    statements.decide(
        Comment.objects.filter(pk=comment.pk),
        Comment.Status.REMOVED,
        None,
        live_server.url,
        reason=reason,
        explanation="Please add a source.",
    )
    mail = OutgoingMail.objects.get(purpose="statement")
    return comment, re.search(r"https?://\S+/comments/review/\S+/", mail.body).group(0)


def send(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_a_commenter_asks_for_a_review_from_the_link_in_the_statement(
    page, live_server, javascript_enabled, assert_accessible, save_screenshot
):
    comment, link = removed_with_a_statement(live_server, "en")
    page.goto(link)
    expect(page.get_by_role("heading", level=1, name="Ask for a review")).to_be_visible()
    expect(page.locator("blockquote")).to_contain_text(TEXT[:40])
    expect(page.get_by_text("Unproven claim")).to_be_visible()
    expect(page.get_by_text("Please add a source.")).to_be_visible()
    assert "Sam Writer" not in page.content()
    assert_accessible(page)

    send(page, "Send my request")
    message = page.get_by_label("Why should we look at this decision again?")
    expect(message).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Tell us why you think the decision is wrong.")).to_be_visible()
    assert_accessible(page)

    message.fill("The report is public: it is on the council's own site.")
    if javascript_enabled:
        save_screenshot(page, "comment-review-request")
    send(page, "Send my request")
    expect(page.get_by_text("Your request has reached the moderation team")).to_be_visible()
    assert_accessible(page)
    request = ReviewRequest.objects.get()
    assert request.decision.comment_id == comment.pk
    assert request.message == "The report is public: it is on the council's own site."


def test_a_german_commenter_gets_the_page_in_german_and_the_desk_sees_the_request(
    new_context, live_server, assert_accessible
):
    _comment, link = removed_with_a_statement(live_server, "de")
    assert "/de/" in link
    page = new_context().new_page()
    page.goto(link)
    expect(page.get_by_role("heading", level=1, name="Überprüfung beantragen")).to_be_visible()
    expect(page.get_by_text("Unbelegte Behauptung")).to_be_visible()
    assert_accessible(page)
    page.locator("textarea").fill("Der Bericht ist öffentlich.")
    with page.expect_navigation():
        page.locator("form.comment-form button[type=submit]").click()
    assert ReviewRequest.objects.filter(message="Der Bericht ist öffentlich.").exists()

    editor = new_context(viewport={"width": 1280, "height": 800}).new_page()
    sign_in_as_editor(editor, "/admin/comments/reviewrequest/")
    expect(editor.locator("#result_list")).to_contain_text("Der Bericht ist öffentlich.")
    assert_accessible(editor)

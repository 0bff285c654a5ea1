"""Statement of reasons (DSA Art. 17): removing or restricting a comment asks why, tells the
commenter in their language with a link to ask for a review, and every decision is logged."""

import csv
import re

import pytest
from django.test import Client
from django.urls import reverse

from comments import editing, statements
from comments.models import (
    BlockedWord,
    Comment,
    ModerationDecision,
    ModerationReason,
    OutgoingMail,
    ReviewRequest,
)
from tests.factories import (
    ArticleFactory,
    BlockedWordFactory,
    CommentFactory,
    comment_form_data,
)
from tests.html import find, find_all

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


def reason(code):
    return ModerationReason.objects.get(code=code)


def review_link(mail):
    return re.search(r"https?://\S+/comments/review/\S+/", mail.body).group(0)


def test_the_editors_reasons_are_seeded():
    codes = set(ModerationReason.objects.values_list("code", flat=True))
    assert {"illegal-content", "personal-attack", "spam", "off-topic", "privacy"} <= codes
    assert reason("privacy").translations.filter(language="de").exists()


@pytest.mark.parametrize("action", ["remove", "mark_spam"])
def test_a_bulk_action_first_asks_for_a_reason_on_a_plain_form(staff_client, action):
    comment = CommentFactory(text="Under review")
    response = staff_client.post(CHANGELIST, {"action": action, "_selected_action": [comment.pk]})
    assert response.status_code == 200
    html = response.content.decode()
    # Everything the second post needs is in the form itself: no JavaScript.
    assert find(html, "input", type="hidden", name="_selected_action", value=str(comment.pk))
    assert find(html, "input", type="hidden", name="action", value=action)
    assert find(html, "input", type="radio", name="reason", value=str(reason("privacy").pk))
    assert find(html, "textarea", name="explanation") is not None
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert not ModerationDecision.objects.exists()


def test_confirming_without_a_reason_asks_again(staff_client):
    comment = CommentFactory()
    response = staff_client.post(
        CHANGELIST, {"action": "remove", "_selected_action": [comment.pk], "post": "yes"}
    )
    assert response.status_code == 200
    assert "Choose the reason for this decision" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_removing_logs_the_decision_and_mails_the_statement(staff_client, django_user_model):
    comment = CommentFactory(text="Rude words here.", email="writer@example.net")
    response = staff_client.post(
        CHANGELIST,
        {
            "action": "remove",
            "_selected_action": [comment.pk],
            "post": "yes",
            "reason": reason("personal-attack").pk,
            "explanation": "Please argue with the idea, not the person.",
        },
        follow=True,
    )
    assert "Removed 1 comment." in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED
    decision = ModerationDecision.objects.get()
    assert decision.comment == comment
    assert (decision.previous_status, decision.status) == ("approved", "removed")
    assert decision.reason.code == "personal-attack"
    assert decision.moderator == response.wsgi_request.user
    assert decision.commenter_told
    mail = OutgoingMail.objects.get(purpose="statement")
    assert mail.to == "writer@example.net"
    assert "Personal attack" in mail.body
    assert "Please argue with the idea, not the person." in mail.body
    assert "Rude words here." in mail.body
    assert "/comments/review/" in mail.body
    assert response.wsgi_request.user.username not in mail.body


def test_the_statement_is_written_in_the_language_the_comment_was_posted_in():
    comment = CommentFactory(text="Auf Deutsch.", language="de")
    statements.decide(
        Comment.objects.filter(pk=comment.pk),
        Comment.Status.REMOVED,
        None,
        "https://news.example/",
        reason=reason("off-topic"),
    )
    mail = OutgoingMail.objects.get(purpose="statement")
    assert "Themenfremd" in mail.body
    assert "Überprüfung" in mail.body


def test_a_comment_posted_from_a_german_page_remembers_its_language(client):
    article = ArticleFactory()
    client.post(
        f"/de{reverse('comments:post', args=[article.pk])}",
        comment_form_data(article, text="Gespeicherte Sprache."),
    )
    assert Comment.objects.get(text="Gespeicherte Sprache.").language == "de"


def test_spam_reasons_mail_nobody_but_are_logged():
    comment = CommentFactory()
    statements.decide(
        Comment.objects.filter(pk=comment.pk),
        Comment.Status.SPAM,
        None,
        "https://news.example/",
        reason=reason("spam"),
    )
    assert not OutgoingMail.objects.filter(purpose="statement").exists()
    decision = ModerationDecision.objects.get()
    assert decision.status == "spam" and not decision.commenter_told


def test_changing_the_status_to_removed_on_the_change_form_needs_a_reason(staff_client):
    comment = CommentFactory()
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    data = {
        "name": comment.name,
        "email": comment.email,
        "website": "",
        "text": comment.text,
        "status": "removed",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Choose the reason for this decision" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    data["moderation_reason"] = reason("privacy").pk
    assert staff_client.post(url, data).status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED
    assert ModerationDecision.objects.get().reason.code == "privacy"
    assert OutgoingMail.objects.filter(purpose="statement", to=comment.email).count() == 1


def test_approving_is_logged_without_a_reason_or_a_mail(staff_client):
    comment = CommentFactory(pending=True)
    staff_client.post(CHANGELIST, {"action": "approve", "_selected_action": [comment.pk]})
    decision = ModerationDecision.objects.get()
    assert (decision.previous_status, decision.status, decision.reason) == (
        "pending",
        "approved",
        None,
    )
    assert not OutgoingMail.objects.filter(purpose="statement").exists()


@pytest.fixture
def removed():
    comment = CommentFactory(
        name="Named Writer", email="named.writer@example.net", text="Removed words."
    )
    statements.decide(
        Comment.objects.filter(pk=comment.pk),
        Comment.Status.REMOVED,
        None,
        "http://testserver/",
        reason=reason("off-topic"),
    )
    return OutgoingMail.objects.get(purpose="statement")


def test_the_review_link_opens_a_form_that_lands_in_the_admin(removed, staff_client):
    link = review_link(removed)
    reader = Client()
    page = reader.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Off-topic" in html
    assert "named.writer" not in html
    assert find(html, "textarea", name="message") is not None
    response = reader.post(link, {"message": "It was about the story."})
    assert response.status_code == 200
    request = ReviewRequest.objects.get()
    assert request.message == "It was about the story."
    listing = staff_client.get(reverse("admin:comments_reviewrequest_changelist"))
    assert "It was about the story." in listing.content.decode()


def test_a_decision_is_contested_once_at_a_time(removed):
    link = review_link(removed)
    Client().post(link, {"message": "First."})
    Client().post(link, {"message": "Second."})
    assert ReviewRequest.objects.count() == 1


def test_a_forged_review_link_is_refused(removed):
    link = review_link(removed)
    assert Client().get(link[:-3] + "xx/").status_code == 404


def test_a_cross_site_review_post_is_refused(removed):
    response = Client().post(
        review_link(removed), {"message": "Forged."}, HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert response.status_code == 403
    assert not ReviewRequest.objects.exists()


def test_the_log_is_read_only_and_exports_as_csv(removed, staff_client):
    changelist = reverse("admin:comments_moderationdecision_changelist")
    html = staff_client.get(changelist).content.decode()
    assert not find_all(html, "a", href=reverse("admin:comments_moderationdecision_add"))
    decision = ModerationDecision.objects.get()
    change = staff_client.get(
        reverse("admin:comments_moderationdecision_change", args=[decision.pk])
    )
    assert find(change.content.decode(), "input", name="explanation") is None
    response = staff_client.get(reverse("admin:comments_moderationdecision_export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(b"".join(response.streaming_content).decode().splitlines()))
    assert rows[0][0] == "decided at"
    assert rows[1][6:8] == ["removed", "off-topic"]


def test_spam_found_by_a_blocked_word_when_posting_is_logged_as_automated(client, staff_client):
    BlockedWordFactory(phrase="casino", action=BlockedWord.Action.SPAM)
    article = ArticleFactory()
    client.post(
        reverse("comments:post", args=[article.pk]),
        comment_form_data(article, text="Best casino bonus here."),
    )
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    decision = ModerationDecision.objects.get()
    assert (decision.comment, decision.previous_status, decision.status) == (comment, "", "spam")
    assert decision.automated and decision.moderator is None and not decision.commenter_told
    assert decision.reason == reason("spam") and "casino" in decision.explanation
    assert not OutgoingMail.objects.filter(purpose="statement").exists()

    changelist = reverse("admin:comments_moderationdecision_changelist")
    html = staff_client.get(changelist, {"automated__exact": "1"}).content.decode()
    assert "the site&#x27;s rules" in html or "the site's rules" in html
    export = staff_client.get(reverse("admin:comments_moderationdecision_export"))
    rows = list(csv.reader(b"".join(export.streaming_content).decode().splitlines()))
    assert rows[1][rows[0].index("moderator")] == "automated"


def test_an_edit_held_by_the_rules_is_logged_as_automated():
    BlockedWordFactory(phrase="miracle cure", action=BlockedWord.Action.HOLD)
    comment = CommentFactory(text="Plain words.")
    editing.edit(comment, "Plain words and a miracle cure.")
    decision = ModerationDecision.objects.get()
    assert (decision.previous_status, decision.status) == ("approved", "pending")
    assert decision.automated and decision.reason is None


def test_an_edit_that_changes_nothing_logs_nothing():
    comment = CommentFactory(text="Plain words.")
    editing.edit(comment, "Plain words, better put.")
    assert not ModerationDecision.objects.exists()


def test_a_comment_hidden_after_reports_is_logged_as_automated(settings):
    settings.COMMENTS_REPORTS_TO_HIDE = 2
    comment = CommentFactory()
    reporter = Client()
    for address in ("203.0.113.1", "203.0.113.2"):
        reporter.post(
            reverse("comments:report", args=[comment.pk]),
            {"reason": "harassment", "text": "", "email": "", "subject": ""},
            REMOTE_ADDR=address,
        )
    decision = ModerationDecision.objects.get()
    assert (decision.previous_status, decision.status) == ("approved", "pending")
    assert decision.automated and decision.comment == comment

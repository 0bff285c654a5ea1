"""Readers report comments (EU DSA Art. 16): the form under every comment, what is stored, the
limits, hiding after several reports, and the decision mailed to reporters."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from comments import reporting
from comments.models import Comment, CommentReport, ModerationReason
from comments.outbox import OutgoingMail, deliver_due
from newsroom.models import PageGeneration
from tests.factories import ArticleFactory, CommentFactory, StaffFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

REPORTER = "watchful.reader@example.org"


def report_url(comment):
    return reverse("comments:report", args=[comment.pk])


def send_report(client, comment, address="203.0.113.7", **fields):
    data = {"reason": "harassment", "text": "", "email": "", "subject": "", **fields}
    return client.post(report_url(comment), data, REMOTE_ADDR=address)


def test_every_public_comment_has_a_report_link_the_same_for_every_reader(client):
    comment = CommentFactory(name="Ann Other")
    page = parse(client.get(comment.article.get_absolute_url()).content.decode())
    link = page.one("a", class_="comment-report")
    assert link["href"] == report_url(comment)
    assert link.text == "Report the comment by Ann Other"


def test_report_link_stays_under_comments_of_a_closed_story(client):
    comment = CommentFactory(article=ArticleFactory(comments_open=False))
    page = parse(client.get(comment.article.get_absolute_url()).content.decode())
    assert page.one("a", class_="comment-report")["href"] == report_url(comment)


def test_report_form_offers_the_reasons_details_and_an_optional_address(client):
    comment = CommentFactory(text="Something nasty.")
    response = client.get(report_url(comment))
    assert response.status_code == 200
    page = parse(response.content.decode())
    form = page.one("form", class_="report-form")
    assert form["method"] == "post"
    reasons = [radio["value"] for radio in form.find_all("input", type="radio", name="reason")]
    assert reasons == ["illegal", "harassment", "spam", "personal", "other"]
    assert form.one("textarea", name="text")["maxlength"] == "1000"
    assert not form.one("input", name="email").has("required")
    assert "Something nasty." in page.one("blockquote").text
    assert page.find("input", name="csrfmiddlewaretoken") is None  # nothing per reader


def test_a_report_is_stored_and_the_reader_is_told_what_happens_next(client):
    comment = CommentFactory()
    response = send_report(
        client, comment, reason="illegal", text="Defamation of a named person.", email=REPORTER
    )
    assert response.status_code == 302
    report = CommentReport.objects.get()
    assert (report.comment, report.reason, report.text) == (
        comment,
        "illegal",
        "Defamation of a named person.",
    )
    assert report.reporter_email == REPORTER and report.resolved_at is None
    assert report.language == "en"
    # A keyed hash, never the address itself.
    assert report.client_hash and "203.0.113.7" not in report.client_hash
    thanks = client.get(response["Location"])
    assert "An editor will review the comment" in thanks.content.decode()
    assert "we will write to you once the editors have decided" in thanks.content.decode()


def test_a_report_is_stored_in_the_readers_language(client):
    comment = CommentFactory()
    client.post("/de" + report_url(comment), {"reason": "spam"}, REMOTE_ADDR="203.0.113.7")
    assert CommentReport.objects.get().language == "de"


@pytest.mark.parametrize(
    "fields, error",
    [
        ({"reason": ""}, "Choose a reason."),
        ({"reason": "boring"}, "Choose one of the reasons listed."),
        ({"email": "not an address"}, "Enter an email address like name@example.com"),
        ({"text": "x" * 1001}, "Please shorten this to 1000 characters"),
    ],
)
def test_a_bad_report_comes_back_with_the_error_and_nothing_is_stored(client, fields, error):
    comment = CommentFactory()
    response = send_report(client, comment, **{"text": "keep me", **fields})
    assert response.status_code == 400
    assert error in response.content.decode()
    if "text" not in fields:
        assert "keep me" in response.content.decode()
    assert not CommentReport.objects.exists()


def test_the_honeypot_refuses_a_report(client):
    comment = CommentFactory()
    response = send_report(client, comment, subject="http://spam.example/")
    assert response.status_code == 400
    assert not CommentReport.objects.exists()


def test_only_public_comments_can_be_reported(client):
    for hidden in (
        CommentFactory(pending=True),
        CommentFactory(spam=True),
        CommentFactory(article=ArticleFactory(status="draft")),
    ):
        assert client.get(report_url(hidden)).status_code == 404
        assert send_report(client, hidden).status_code == 404
    assert not CommentReport.objects.exists()


def test_reports_are_rate_limited_per_client_in_the_database(client):
    comments = CommentFactory.create_batch(reporting.REPORTS_PER_CLIENT + 1)
    for comment in comments[:-1]:
        assert send_report(client, comment).status_code == 302
    refused = send_report(client, comments[-1])
    assert refused.status_code == 429
    assert "a lot of reports in a short time" in refused.content.decode()
    assert CommentReport.objects.count() == reporting.REPORTS_PER_CLIENT
    # Another client is not held back; an IPv6 client is counted by its /64.
    assert send_report(client, comments[-1], address="198.51.100.1").status_code == 302
    for host in range(reporting.REPORTS_PER_CLIENT):
        send_report(client, comments[host], address=f"2001:db8:1:2::{host + 1}")
    assert send_report(client, comments[-1], address="2001:db8:1:2::ff").status_code == 429


def test_a_cross_site_report_is_refused():
    comment = CommentFactory()
    client = Client()
    for headers in ({"HTTP_SEC_FETCH_SITE": "cross-site"}, {"HTTP_ORIGIN": "https://evil.test"}):
        response = client.post(report_url(comment), {"reason": "spam"}, **headers)
        assert response.status_code == 403
    assert not CommentReport.objects.exists()


def test_one_client_reporting_twice_is_one_report(client):
    comment = CommentFactory()
    send_report(client, comment)
    assert send_report(client, comment, reason="spam").status_code == 302
    assert CommentReport.objects.count() == 1


def test_reports_from_enough_distinct_clients_hide_the_comment_pending_review(
    client, settings, django_capture_on_commit_callbacks
):
    settings.COMMENTS_REPORTS_TO_HIDE = 3
    StaffFactory(email="desk@newsroom.test")
    comment = CommentFactory(text="A comment several readers object to.")
    story_url = comment.article.get_absolute_url()
    send_report(client, comment, address="203.0.113.1")
    send_report(client, comment, address="203.0.113.1")  # the same client again
    send_report(client, comment, address="203.0.113.2")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert "A comment several readers object to." in client.get(story_url).content.decode()

    generation = PageGeneration.objects.filter(scope=f"story:{comment.article.slug}")
    before = generation.values_list("number", flat=True).first() or 0
    with django_capture_on_commit_callbacks(execute=True):
        send_report(client, comment, address="2001:db8::1")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == reporting.REPORTED
    assert generation.get().number > before  # the story's cached pages are retired
    assert "A comment several readers object to." not in client.get(story_url).content.decode()
    assert OutgoingMail.objects.filter(to="desk@newsroom.test", purpose="moderation").exists()


def test_an_approved_comment_is_not_hidden_again_by_the_reports_already_decided(client, settings):
    settings.COMMENTS_REPORTS_TO_HIDE = 2
    comment = CommentFactory()
    send_report(client, comment, address="203.0.113.1")
    reporting.decided([comment.pk], Comment.Status.APPROVED)
    send_report(client, comment, address="203.0.113.2")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def reported_by_three(client, settings, comment):
    settings.COMMENTS_REPORTS_TO_HIDE = 3
    send_report(client, comment, address="203.0.113.1", email=REPORTER, reason="illegal")
    send_report(client, comment, address="203.0.113.2", email="other@example.org")
    send_report(client, comment, address="203.0.113.3")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def moderate_in_queue(admin_client, comment, action):
    data = {"action": action, "_selected_action": [comment.pk]}
    if action != "approve":
        # Removing asks for the reason the commenter is told (statements of reasons).
        reason = ModerationReason.objects.offered().filter(tell_commenter=True).first()
        data.update(post="yes", reason=reason.pk)
    return admin_client.post(reverse("admin:comments_reportedcomment_changelist"), data)


@pytest.mark.parametrize(
    "action, status, outcome",
    [
        ("approve", Comment.Status.APPROVED, "so it stays published"),
        ("remove", Comment.Status.REMOVED, "have removed it from the site"),
        ("mark_spam", Comment.Status.SPAM, "have removed it from the site"),
    ],
)
def test_a_moderators_decision_settles_the_reports_and_mails_the_reporters(
    client, admin_client, settings, action, status, outcome
):
    comment = CommentFactory(name="Loud Person", article=ArticleFactory(headline="Harbour"))
    reported_by_three(client, settings, comment)
    moderate_in_queue(admin_client, comment, action)

    comment.refresh_from_db()
    assert comment.status == status
    assert not CommentReport.objects.open().exists()
    decisions = OutgoingMail.objects.filter(purpose=reporting.DECISION_PURPOSE)
    assert sorted(decisions.values_list("to", flat=True)) == ["other@example.org", REPORTER]
    deliver_due()
    sent = next(message for message in mail.outbox if message.to == [REPORTER])
    assert "You reported a comment by Loud Person on “Harbour”" in sent.body
    assert outcome in sent.body
    # Deciding again tells nobody twice.
    moderate_in_queue(admin_client, comment, action)
    assert decisions.count() == 2


def test_a_decision_in_the_main_comment_list_settles_reports_too(client, admin_client, settings):
    comment = CommentFactory()
    reported_by_three(client, settings, comment)
    admin_client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "_selected_action": [comment.pk]},
    )
    assert not CommentReport.objects.open().exists()
    assert OutgoingMail.objects.filter(purpose=reporting.DECISION_PURPOSE).count() == 2


def test_the_decision_is_mailed_in_the_language_the_reader_reported_in(client, settings):
    comment = CommentFactory()
    client.post("/fr" + report_url(comment), {"reason": "spam", "email": REPORTER})
    reporting.decided([comment.pk], Comment.Status.REMOVED)
    assert "Vous avez signalé" in OutgoingMail.objects.get(to=REPORTER).body


def test_reported_queue_lists_reports_newest_first_with_counts_and_reasons(client, admin_client):
    older, newer = CommentFactory(text="Older one."), CommentFactory(text="Newer one.")
    send_report(client, older, address="203.0.113.1", reason="spam")
    send_report(client, older, address="203.0.113.2", reason="spam")
    send_report(client, newer, address="203.0.113.3", reason="personal")
    CommentFactory(text="Never reported.")
    response = admin_client.get(reverse("admin:comments_reportedcomment_changelist"))
    page = parse(response.content.decode())
    rows = page.one("table", id="result_list").find_all("tr")[1:]
    texts = [row.text for row in rows]
    assert len(rows) == 2
    assert "Newer one." in texts[0] and "Personal information (1)" in texts[0]
    assert "Older one." in texts[1] and "Spam (2)" in texts[1]


def test_reporter_email_is_never_public(client, settings):
    comment = CommentFactory()
    reported_by_three(client, settings, comment)
    reporting.decided([comment.pk], Comment.Status.APPROVED)
    for url in (
        comment.article.get_absolute_url(),
        report_url(comment),
        reverse("comments:report-thanks", args=[comment.article_id]),
        reverse("articles:feed-rss"),
        comment.get_absolute_url(),
    ):
        assert REPORTER not in client.get(url).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"reason": "\x00", "text": "\x00" * 5, "email": "\x00@x"},
        {"reason": ["spam", "illegal"], "email": "a" * 5000},
        {},
    ],
)
def test_malformed_reports_never_get_a_server_error(data):
    comment = CommentFactory()
    client = Client(raise_request_exception=False)
    assert client.post(report_url(comment), data).status_code < 500
    assert client.post(report_url(comment), "\x00", content_type="text/plain").status_code < 500
    not_utf8 = "reason=spam&text=%ED%A0%80&email=%FF"
    form = "application/x-www-form-urlencoded"
    assert client.post(report_url(comment), not_utf8, content_type=form).status_code < 500
    for odd in ("/comments/99999999999999999999999/report/", "/comments/report/thanks/0/"):
        assert client.get(odd).status_code == 404


def test_a_reported_comments_page_in_the_admin_lists_its_reports_for_staff(client, admin_client):
    comment = CommentFactory()
    send_report(client, comment, reason="illegal", text="Incites violence.", email=REPORTER)
    url = reverse("admin:comments_reportedcomment_change", args=[comment.pk])
    page = admin_client.get(url).content.decode()
    assert "Incites violence." in page and REPORTER in page
    assert client.get(url).status_code == 302  # readers are sent to the login page
